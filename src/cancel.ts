import { ActionError } from './errors.ts'
import { neverSent } from './network-error.ts'

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

/** A cancel while no mint request could have reached Personr: nothing is lost. */
export class CancelledBeforeMintError extends CancelledError {
  constructor(message = BEFORE_MINT) {
    super(message)
  }
}

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
  /** Aborted by SIGTERM only. */
  private readonly terminated = new AbortController()
  private readonly now: () => number
  private cancelledAt: number | undefined
  /** Mint requests sent that may have reached Personr. */
  private mintsOut = 0

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

  /** Whether a mint request went out that may have reached Personr. */
  get minted(): boolean {
    return this.mintsOut > 0
  }

  /** SIGINT. Returns the line to log, once. */
  cancel(): string | undefined {
    if (this.cancelledAt !== undefined) return undefined
    this.cancelledAt = this.now()
    if (!this.minted) {
      this.controller.abort(new CancelledBeforeMintError())
      return 'Cancelled before the mint request was sent: stopping.'
    }
    return `Cancelled after the mint request was sent: finishing what the mint started (storing the new token) within ${(SIGTERM_AFTER_MS - MARGIN_MS) / 1000} s, before the runner stops the step.`
  }

  /**
   * What a cancel does not stop, SIGTERM does: for putting back what a rotation changed when it
   * minted nothing, within the time the runner leaves.
   */
  get finishing(): Stop {
    return { signal: this.terminated.signal, timeLeft: () => this.timeLeft() }
  }

  /** SIGTERM: stop waiting for anything. Returns the line to log. */
  terminate(): string {
    this.cancelledAt ??= this.now()
    const reason = new CancelledError(TERMINATED)
    this.controller.abort(reason)
    this.terminated.abort(reason)
    return 'Stopped by the runner (SIGTERM): not waiting for anything more.'
  }

  /** A mint request is about to go out; throws if the step was cancelled already. */
  startMint(): void {
    this.signal.throwIfAborted()
    this.mintsOut += 1
  }

  /**
   * A mint request failed. If it never left the runner (refused, no such host), it minted
   * nothing: with Personr unreachable, a cancel must still stop at once, not wait 7 s for it.
   */
  mintFailed(error: unknown): void {
    if (!neverSent(error)) return
    this.mintsOut -= 1
    if (!this.minted && this.cancelled) this.controller.abort(new CancelledBeforeMintError())
  }

  timeLeft(): number {
    if (this.cancelledAt === undefined) return Infinity
    return this.cancelledAt + SIGTERM_AFTER_MS - MARGIN_MS - this.now()
  }
}
