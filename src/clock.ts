/** Time as the retry loop sees it; tests pass a fake one so nothing sleeps for real. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
  /** A signal that aborts after `ms`, used as the deadline of one attempt. */
  deadline(ms: number): AbortSignal
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  deadline: (ms) => AbortSignal.timeout(ms)
}
