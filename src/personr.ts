import FormData from 'form-data'
import { ActionError } from './errors.ts'
import { formatDetails, isRecord, readErrorBody, statusText } from './error-body.ts'
import { MAX_ANSWER_BYTES, type HttpAnswer, type HttpRequest, type Send } from './http.ts'
import type { TokenInputs } from './inputs.ts'
import { parseRetryAfter, withRetries, type Outcome, type RetryOptions } from './retry.ts'

export interface MintedToken {
  token: string
  userId: string
  /** Lifetime in seconds, as the API returned it. */
  expires: number
  /** When the answer came plus `expires`. */
  expiresAt: Date
}

export type MintOptions = Omit<RetryOptions, 'what' | 'retries' | 'timeoutMs'> & {
  send: Send
  /** Called with the token as soon as it is read, before anything else sees it. */
  mask: (secret: string) => void
}

/** Posts the credentials to api-token-generate, retrying transient failures. */
export function mintToken(inputs: TokenInputs, options: MintOptions): Promise<MintedToken> {
  const { send, mask, clock } = options
  return withRetries(
    async (signal) => {
      const answer = await send(tokenRequest(inputs), signal)
      return interpretTokenAnswer(answer, inputs.endpoint, clock.now(), mask)
    },
    {
      ...options,
      what: 'mint a Personr token',
      retries: inputs.retries,
      timeoutMs: inputs.timeoutMs
    }
  )
}

/** A fresh multipart body per attempt: a form-data stream can be sent only once. */
export function tokenRequest(inputs: TokenInputs): HttpRequest {
  const form = new FormData()
  form.append('email', inputs.email)
  form.append('password', inputs.password)
  return {
    method: 'POST',
    url: inputs.endpoint.href,
    headers: {
      ...form.getHeaders(),
      'content-length': form.getLengthSync(),
      accept: 'application/json'
    },
    body: form
  }
}

/** Decides what an answer of api-token-generate means: a token, a retry, or a final error. */
export function interpretTokenAnswer(
  answer: HttpAnswer,
  endpoint: URL,
  now: number,
  mask: (secret: string) => void
): Outcome<MintedToken> {
  const { status } = answer
  const said = `Personr answered ${statusText(status)}`
  if (answer.bodyTooLarge) {
    throw new ActionError(
      `${said} with a body larger than ${MAX_ANSWER_BYTES / 1024} KiB, which is not a token answer; it was cut off. Check that \`api-url\` points at Personr's workflow API.`
    )
  }
  if (status >= 300 && status < 400) {
    const location = answer.headers.location
    const target = location ? absolute(location, endpoint) : 'no location'
    throw new ActionError(
      `${said}, a redirect to ${target}. The action does not follow redirects, so the credentials go nowhere else; set \`api-url\` to the address that serves api-token-generate.`
    )
  }
  const details = formatDetails(readErrorBody(answer.body))
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfter = answer.headers['retry-after']
    return {
      retry: `${said}${details}`,
      retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now)
    }
  }
  if (status === 400 || status === 401 || status === 403) {
    const what = /LOGIN|CREDENTIAL|PASSWORD/i.test(details)
      ? 'refused the credentials'
      : `rejected the request with ${status}`
    throw new ActionError(
      `Personr ${what}${details || ` (HTTP ${status})`}. Check the \`email\` and \`password\` secrets; this is not retried, since the same request would fail again.`
    )
  }
  if (status !== 200) {
    throw new ActionError(
      `${said}${details}. Check that \`api-url\` (${endpoint.href.replace(/\/api-token-generate$/, '')}) is Personr's workflow API; this is not retried.`
    )
  }
  return { done: readToken(answer.body, now, mask, said) }
}

function readToken(
  body: string,
  now: number,
  mask: (secret: string) => void,
  said: string
): MintedToken {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    throw new ActionError(
      `${said} but with ${describeBody(body)} instead of a token. Check that \`api-url\` points at Personr's workflow API.`
    )
  }
  const response = isRecord(json) && isRecord(json.response) ? json.response : {}
  // Mask first: whatever goes wrong below must not be able to print it.
  if (typeof response.token === 'string' && response.token !== '') mask(response.token)
  if (!isRecord(json) || json.status !== 'success') {
    const details = formatDetails(readErrorBody(body))
    throw new ActionError(
      `${said} but not with success${details || ' (no status)'}. No token was issued.`
    )
  }
  const { token, user_id: userId, expires } = response
  if (typeof token !== 'string' || token === '') throw incomplete(said, 'a token')
  if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId) === '') {
    throw incomplete(said, 'a user_id')
  }
  if (typeof expires !== 'number' || !Number.isFinite(expires) || expires <= 0) {
    throw incomplete(said, 'a positive number `expires`')
  }
  return { token, userId: String(userId), expires, expiresAt: new Date(now + expires * 1000) }
}

function incomplete(said: string, missing: string): ActionError {
  return new ActionError(
    `${said} with success but without ${missing}, so there is no usable token.`
  )
}

function describeBody(body: string): string {
  if (/^\s*</.test(body)) return 'an HTML page'
  return body.trim() === '' ? 'an empty body' : 'a body that is not JSON'
}

function absolute(location: string, base: URL): string {
  try {
    return new URL(location, base).href
  } catch {
    return `"${location}" (not a valid URL)`
  }
}
