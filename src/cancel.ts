import { ActionError } from './errors.ts'

/**
 * GitHub cancels a step (Cancel, `timeout-minutes`, `cancel-in-progress`) with SIGINT, then
 * SIGTERM this long after, then kills the process tree 2.5 s later.
 */
export const SIGTERM_AFTER_MS = 7500
/** Kept back from those 7.5 s to write the summary and fail the step before SIGTERM comes. */
const MARGIN_MS = 500

/** A cancel that stops the work in hand; its message says what it means for the token. */
export class CancelledError extends ActionError {
  override name = 'CancelledError'
}

export const BEFORE_MINT =
  'The step was cancelled before the mint request was sent: nothing was minted, and nothing changed.'
export const TERMINATED = 'the runner stopped the step (SIGTERM) before this finished'

/** What the retry loop needs: when to stop at once, and how long it may still take. */
export interface Stop {
  /** Aborts every request and wait: a cancel before the mint, or SIGTERM. */
  readonly signal: AbortSignal
  /** Milliseconds left to finish; Infinity until a cancel after the mint. */
  timeLeft(): number
}

/**
 * The step's cancellation, created at the entry point and told of the runner's signals. Until
 * the mint request goes out, a cancel stops everything, since nothing is lost. Once it is out,
 * Personr may have minted, and minting killed the stored token: a cancel then only cuts the time
 * left to what the runner allows, so the new token can still be stored; SIGTERM stops it all.
 */
export class Cancellation implements Stop {
  private readonly controller = new AbortController()
  private readonly now: () => number
  private cancelledAt: number | undefined
  private minting = false

  constructor(now: () => number) {
    this.now = now
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Whether SIGINT came. */
  get cancelled(): boolean {
    return this.cancelledAt !== undefined
  }

  /** Whether the mint request went out. */
  get minted(): boolean {
    return this.minting
  }

  /** SIGINT. Returns the line to log, once. */
  cancel(): string | undefined {
    if (this.cancelledAt !== undefined) return undefined
    this.cancelledAt = this.now()
    if (!this.minting) {
      this.controller.abort(new CancelledError(BEFORE_MINT))
      return 'Cancelled before the mint request was sent: stopping.'
    }
    return `Cancelled after the mint request was sent: finishing what the mint started (storing the new token) within ${(SIGTERM_AFTER_MS - MARGIN_MS) / 1000} s, before the runner stops the step.`
  }

  /** SIGTERM: stop waiting for anything. Returns the line to log. */
  terminate(): string {
    this.cancelledAt ??= this.now()
    this.controller.abort(new CancelledError(TERMINATED))
    return 'Stopped by the runner (SIGTERM): not waiting for anything more.'
  }

  /** The mint request is about to go out; throws if the step was cancelled already. */
  startMint(): void {
    this.signal.throwIfAborted()
    this.minting = true
  }

  timeLeft(): number {
    if (this.cancelledAt === undefined) return Infinity
    return this.cancelledAt + SIGTERM_AFTER_MS - MARGIN_MS - this.now()
  }
}
