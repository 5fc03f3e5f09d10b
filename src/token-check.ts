import FormData from 'form-data'
import { ActionError, messageOf } from './errors.ts'
import { statusText } from './error-body.ts'
import type { HttpRequest, HttpResponse, Send } from './http.ts'
import { GaveUpError, withRetries, type Outcome, type RetryDeps } from './retry.ts'
import type { TokenCheck } from './secret-inputs.ts'

/** What `check-url` said of the stored token; `skipped` when there was nothing to check. */
export interface CheckResult {
  state: 'alive' | 'dead' | 'inconclusive' | 'skipped'
  /** What was seen, for the log: "401 Unauthorized", or how the last attempt failed. */
  seen?: string
}

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
  if (check === undefined || token === undefined) return { state: 'skipped' }
  try {
    return await withRetries(
      async (signal) => interpretCheckResponse(await deps.send(checkRequest(check, token), signal)),
      { ...deps, what: 'prove the stored token with `check-url`' }
    )
  } catch (error) {
    // A transient failure that outlasted the retries, or a TLS or protocol error.
    const seen =
      error instanceof GaveUpError
        ? error.last
        : error instanceof ActionError
          ? error.message
          : `an error: ${messageOf(error)}`
    return { state: 'inconclusive', seen }
  }
}

export function checkRequest(check: TokenCheck, token: string): HttpRequest {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' }
  if (check.method === 'GET') {
    return { method: 'GET', url: check.url.href, input: 'check-url', headers }
  }
  // An empty multipart body, as Bubble's workflow endpoints take.
  const form = new FormData()
  return {
    method: 'POST',
    url: check.url.href,
    input: 'check-url',
    headers: { ...headers, ...form.getHeaders(), 'content-length': form.getLengthSync() },
    body: form
  }
}

export function interpretCheckResponse(response: HttpResponse): Outcome<CheckResult> {
  const { status } = response
  const seen = statusText(status)
  if (status === 401 || status === 403) return { done: { state: 'dead', seen } }
  if ((status >= 200 && status < 300) || status === 400) return { done: { state: 'alive', seen } }
  if (status === 408 || status === 429 || status >= 500)
    return { retry: `check-url answered ${seen}` }
  return { done: { state: 'inconclusive', seen } }
}
