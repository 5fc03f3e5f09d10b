/** Time as the retry loop sees it; tests pass a fake one so nothing sleeps for real. */
export interface Clock {
  now(): number
  /** Resolves after `ms`; rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** A signal that aborts after `ms`, used as the deadline of one attempt. */
  deadline(ms: number): AbortSignal
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms)
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer)
          reject(signal.reason as Error)
        },
        { once: true }
      )
    }),
  deadline: (ms) => AbortSignal.timeout(ms)
}
