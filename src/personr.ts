import FormData from 'form-data'
import { ActionError, NotMintedError } from './errors.ts'
import { formatDetails, quote, readErrorBody, statusText } from './error-body.ts'
import {
  header,
  MAX_RESPONSE_BYTES,
  type HttpResponse,
  type HttpRequest,
  type Send
} from './http.ts'
import { basicAuthorization, describeWhitespace, type TokenInputs } from './inputs.ts'
import type { Mask } from './log.ts'
import { WITHHELD } from './redactor.ts'
import { parseRetryAfter, withRetries, type Outcome, type RetryDeps } from './retry.ts'
import { readTokenResponse, type MintedToken } from './token-response.ts'

export type { MintedToken } from './token-response.ts'

/** What reading a response needs besides the response: the time, and the step's secrets. */
export interface ResponseContext {
  now: number
  /** Called with the token as soon as it is read, before anything else sees it. */
  mask: Mask
  /** Reads text a server sent as a person would and removes every secret of the step. */
  redact: (text: string) => string
}

export type MintDeps = Omit<RetryDeps, 'what' | 'retries' | 'timeoutMs'> &
  Omit<ResponseContext, 'now'> & { send: Send }

/** Posts the credentials to api-token-generate, retrying transient failures. */
export function mintToken(inputs: TokenInputs, options: MintDeps): Promise<MintedToken> {
  const { send, clock } = options
  return withRetries(
    async (signal) => {
      const response = await send(tokenRequest(inputs), signal)
      return interpretTokenResponse(response, inputs, { ...options, now: clock.now() })
    },
    {
      ...options,
      what: 'mint a Personr token',
      retries: inputs.retries,
      timeoutMs: inputs.timeoutMs
    }
  )
}

/**
 * The mint request: with `auth: basic`, `Authorization: Basic base64(email:password)` and no
 * body; otherwise a fresh multipart body per attempt (a form-data stream can be sent once).
 */
export function tokenRequest(inputs: TokenInputs): HttpRequest {
  if (inputs.auth === 'basic') {
    return {
      method: 'POST',
      url: inputs.endpoint.href,
      input: 'api-url',
      headers: {
        authorization: basicAuthorization(inputs),
        accept: 'application/json',
        'content-length': 0
      }
    }
  }
  const form = new FormData()
  form.append('email', inputs.email)
  form.append('password', inputs.password)
  return {
    method: 'POST',
    url: inputs.endpoint.href,
    input: 'api-url',
    headers: {
      ...form.getHeaders(),
      'content-length': form.getLengthSync(),
      accept: 'application/json'
    },
    body: form
  }
}

/** Decides what a response of the mint endpoint means: a token, a retry, or a final error. */
export function interpretTokenResponse(
  response: HttpResponse,
  inputs: Pick<TokenInputs, 'apiUrl' | 'endpoint' | 'password'>,
  context: ResponseContext
): Outcome<MintedToken> {
  const { status } = response
  const { endpoint } = inputs
  const said = `Personr answered ${statusText(status)}`
  if (response.bodyTooLarge) {
    throw new ActionError(
      `${said} with a body larger than ${MAX_RESPONSE_BYTES / 1024} KiB, which is not a token answer; it was cut off. Check that \`api-url\` points at Personr's workflow API.`
    )
  }
  // From here on, an answer that is not a token is one Personr gave without minting.
  if (status >= 300 && status < 400) {
    throw new NotMintedError(
      `${said}, a redirect to ${redirectTarget(response, endpoint, context.redact)}. The action does not follow redirects, so the credentials go nowhere else; set \`api-url\` to the address that serves api-token-generate.`
    )
  }
  const details = formatDetails(readErrorBody(response.body, context.redact))
  if (status === 408 || status === 429 || status >= 500) {
    return {
      retry: `${said}${details}`,
      retryAfterMs: parseRetryAfter(header(response, 'retry-after'), context.now)
    }
  }
  if (status === 400 || status === 401 || status === 403) {
    const refused = /LOGIN|CREDENTIAL|PASSWORD/i.test(details)
    const what = refused ? 'refused the credentials' : `rejected the request with ${status}`
    const whitespace = describeWhitespace(inputs.password)
    const note = whitespace
      ? ` The password is sent exactly as given, and it ${whitespace}: if that is not part of the password, save the secret again without it.`
      : ''
    throw new NotMintedError(
      `Personr ${what}${details || ` (HTTP ${status})`}. Check the \`email\` and \`password\` secrets; this is not retried, since the same request would fail again.${note}`
    )
  }
  if (status !== 200) {
    throw new NotMintedError(
      `${said}${details}. Check that \`api-url\` (${inputs.apiUrl.href}) is Personr's workflow API; this is not retried.`
    )
  }
  return {
    done: readTokenResponse(response.body, context.now, context.mask, context.redact, said)
  }
}

function redirectTarget(
  response: HttpResponse,
  base: URL,
  redact: (text: string) => string
): string {
  const location = header(response, 'location')
  if (location === undefined || location.trim() === '') return 'no location'
  // Read before it is parsed: the URL parser rewrites characters, and a secret with them.
  const read = quote(location, redact) ?? ''
  if (read === WITHHELD) return read
  try {
    return quote(new URL(read, base).href, redact) ?? read
  } catch {
    return `"${read}" (not a valid URL)`
  }
}
