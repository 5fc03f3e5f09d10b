import type { Clock } from '../../src/clock.ts'

/**
 * A Clock for tests: time stands still until a test moves it, and nothing ever waits for real.
 *
 * - `now()` is the fake time in ms (starts at `start`).
 * - `sleep(ms, signal)` records `ms` in `sleeps`, moves time forward by `ms` and resolves at
 *   once; it rejects with the signal's reason instead when the signal has aborted.
 * - `deadline(ms)` gives a signal that aborts (with a TimeoutError, like AbortSignal.timeout)
 *   as soon as time reaches now + ms, whether through `advance` or `sleep`.
 */
export class FakeClock implements Clock {
  /** Every wait asked for through `sleep`, in order. */
  readonly sleeps: number[] = []
  private time: number
  private pending: { at: number; controller: AbortController }[] = []

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    this.advance(ms)
    return Promise.resolve()
  }

  deadline(ms: number): AbortSignal {
    const controller = new AbortController()
    this.pending.push({ at: this.time + ms, controller })
    this.fireDue()
    return controller.signal
  }

  /** Moves time forward by `ms` and aborts every deadline that is now due. */
  advance(ms: number): void {
    this.time += ms
    this.fireDue()
  }

  private fireDue(): void {
    const due = this.pending.filter((p) => p.at <= this.time)
    this.pending = this.pending.filter((p) => p.at > this.time)
    for (const { controller } of due) {
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))
    }
  }
}
