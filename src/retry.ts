import type { Stop } from './cancel.ts'
import type { Clock } from './clock.ts'
import { ActionError } from './errors.ts'
import { NetworkError } from './network-error.ts'

/** What one attempt came to: a result, or a transient failure worth another try. */
export type Outcome<T> =
  | { done: T }
  | {
      retry: string
      retryAfterMs?: number | undefined
      /** What to do when retries run out, if not simply to wait: it may not be temporary. */
      advice?: string | undefined
    }

export interface RetryDeps {
  /** What is being done, for the final error: "mint a Personr token". */
  what: string
  retries: number
  timeoutMs: number
  clock: Clock
  random: () => number
  log: (line: string) => void
  /** A cancel: stops at once, or cuts attempts and waits to the time it leaves. */
  stop?: Stop | undefined
}

const BASE_DELAY_MS = 1000
const MAX_DELAY_MS = 30_000
/** Retry-After beyond this is not waited for: the step fails and says so instead. */
export const MAX_RETRY_AFTER_MS = 60_000

/** Transient failures outlasted the retries; `last` says how the last attempt failed. */
export class GaveUpError extends ActionError {
  override name = 'GaveUpError'
  readonly last: string
  constructor(last: string, message: string) {
    super(message)
    this.last = last
  }
}

/** Exponential backoff with jitter: 0.5–1 s, 1–2 s, 2–4 s … capped at 30 s. */
export function backoffMs(retry: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (retry - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds from now, if it parses. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // Only an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"): Date.parse also takes "1.5" or "-5".
  if (!/^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT$/.test(text)) return undefined
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Network failures where trying again can help (refused, reset, DNS, dropped). */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET'
])

/** Describes a thrown network error if it is transient, else undefined. */
export function transientNetworkError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined
  const code = (error as NodeJS.ErrnoException).code
  if (code && TRANSIENT_CODES.has(code)) {
    // The action's own transport words its errors for people; Node's are kept to the code.
    return error instanceof NetworkError
      ? `network error ${code}: ${error.message}`
      : `network error ${code}`
  }
  if (/socket hang up/i.test(error.message)) return `network error: ${error.message}`
  return undefined
}

/**
 * Runs `attempt` until it is done, fails for good (throws), or the retries are used up.
 * Each attempt gets a deadline signal of `timeoutMs`; an attempt past it counts as transient.
 * A cancel (`stop`) aborts the attempt or the wait in hand and throws its reason, or, after the
 * mint, cuts each attempt and wait to the time it leaves.
 */
export async function withRetries<T>(
  attempt: (signal: AbortSignal) => Promise<Outcome<T>>,
  options: RetryDeps
): Promise<T> {
  const { retries, timeoutMs, clock, random, log, stop } = options
  const attempts = retries + 1
  const left = (): number => stop?.timeLeft() ?? Infinity
  for (let n = 1; ; n++) {
    stop?.signal.throwIfAborted()
    if (left() <= 0) {
      throw new ActionError(
        `Could not ${options.what}: the step was cancelled, and its time ran out.`
      )
    }
    const limitMs = Math.min(timeoutMs, left())
    const deadline = clock.deadline(limitMs)
    const signal = stop ? AbortSignal.any([deadline, stop.signal]) : deadline
    let outcome: Outcome<T>
    try {
      outcome = await attempt(signal)
    } catch (error) {
      stop?.signal.throwIfAborted()
      const reason = deadline.aborted
        ? `no complete answer within ${limitMs / 1000} s${limitMs < timeoutMs ? ' (all the cancel left)' : ''}`
        : transientNetworkError(error)
      if (reason === undefined) throw error
      outcome = { retry: reason, advice: error instanceof NetworkError ? error.advice : undefined }
    }
    if ('done' in outcome) return outcome.done

    if (n >= attempts) {
      throw new GaveUpError(
        outcome.retry,
        `Could not ${options.what} after ${n} attempt${n === 1 ? '' : 's'}; the last one failed with ${outcome.retry}. ${outcome.advice ?? 'This looks temporary: re-run the job later, or raise `retries`/`timeout` if it keeps happening.'}`
      )
    }
    const wait = outcome.retryAfterMs ?? backoffMs(n, random)
    if (wait > MAX_RETRY_AFTER_MS) {
      throw new GaveUpError(
        outcome.retry,
        `Could not ${options.what}: attempt ${n} failed with ${outcome.retry}, and the server asked to wait ${Math.ceil(wait / 1000)} s before retrying, longer than the ${MAX_RETRY_AFTER_MS / 1000} s this action waits. Re-run the job later.`
      )
    }
    if (wait >= left()) {
      throw new GaveUpError(
        outcome.retry,
        `Could not ${options.what}: attempt ${n} failed with ${outcome.retry}, and the step was cancelled: no time is left to wait ${(wait / 1000).toFixed(1)} s and try again.`
      )
    }
    log(
      `Attempt ${n} of ${attempts} failed with ${outcome.retry}; retrying in ${(wait / 1000).toFixed(1)} s.`
    )
    await clock.sleep(wait, stop?.signal)
  }
}
