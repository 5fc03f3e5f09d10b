import FormData from 'form-data'
import { CancelledError } from './cancel.ts'
import { ActionError, messageOf } from './errors.ts'
import { statusText } from './error-body.ts'
import type { HttpRequest, HttpResponse, Send } from './http.ts'
import { GaveUpError, withRetries, type Outcome, type RetryDeps } from './retry.ts'
import type { TokenCheck } from './secret-inputs.ts'

/** What the check said of the stored token; `skipped` when there was nothing to check. */
export interface CheckResult {
  state: 'alive' | 'dead' | 'inconclusive' | 'skipped'
  /** What was seen, for the log: "401 Unauthorized", how the last attempt failed, or why skipped. */
  seen: string
  /** What was asked, for the log: `check-url` or `api-applicant-status`; none when skipped. */
  by?: string
}

/** Why nothing was checked: no stored token given (the first run), or `check-url: none`. */
export const NO_CURRENT_TOKEN =
  'no `current-token` was given, so nothing is stored yet (the first run) or it was not passed in'
export const CHECK_OFF = '`check-url: none` turns the check off'

export type CheckDeps = Omit<RetryDeps, 'what'> & { send: Send }

/**
 * Proves the stored token with one authenticated request. 401 or 403: dead (someone minted
 * another token for the account, or it expired idle). 2xx, or 400 (the endpoint ran and only
 * disliked the empty request): alive, and the call counted as a use, extending Bubble's idle
 * window. Anything else, or no answer after the retries: inconclusive, never a failure.
 */
export async function checkToken(
  check: TokenCheck | undefined,
  token: string | undefined,
  deps: CheckDeps
): Promise<CheckResult> {
  if (token === undefined) return { state: 'skipped', seen: NO_CURRENT_TOKEN }
  if (check === undefined) return { state: 'skipped', seen: CHECK_OFF }
  const by = check.label
  try {
    const state = await withRetries(
      async (signal) =>
        interpretCheckResponse(await deps.send(checkRequest(check, token), signal), by),
      { ...deps, what: `prove the stored token with ${by}` }
    )
    return { ...state, by }
  } catch (error) {
    if (error instanceof CancelledError) throw error
    // A transient failure that outlasted the retries, or a TLS or protocol error.
    const seen =
      error instanceof GaveUpError
        ? error.last
        : error instanceof ActionError
          ? error.message
          : `an error: ${messageOf(error)}`
    return { state: 'inconclusive', seen, by }
  }
}

export function checkRequest(check: TokenCheck, token: string): HttpRequest {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' }
  // The default check lives under `api-url`: a TLS or DNS error there is that input's to fix.
  const input = check.label === 'check-url' ? 'check-url' : 'api-url'
  if (check.method === 'GET') return { method: 'GET', url: check.url.href, input, headers }
  // A multipart body with no fields, as browsers send one: the closing delimiter alone. (An
  // empty form-data stream sends no bytes at all, which no multipart parser accepts: a server
  // that refuses it before authenticating would make every token look alive.)
  const form = new FormData()
  return {
    method: 'POST',
    url: check.url.href,
    input,
    headers: { ...headers, ...form.getHeaders() },
    body: `--${form.getBoundary()}--\r\n`
  }
}

export function interpretCheckResponse(
  response: HttpResponse,
  by: string
): Outcome<Omit<CheckResult, 'by'>> {
  const { status } = response
  const seen = statusText(status)
  if (status === 401 || status === 403) return { done: { state: 'dead', seen } }
  if ((status >= 200 && status < 300) || status === 400) return { done: { state: 'alive', seen } }
  if (status === 408 || status === 429 || status >= 500) return { retry: `${by} answered ${seen}` }
  return { done: { state: 'inconclusive', seen } }
}
