import { ActionError } from './errors.ts'
import { formatDetails, readErrorBody } from './error-body.ts'
import { isRecord, parseJson } from './json.ts'

export interface MintedToken {
  token: string
  userId: string
  /** Lifetime in seconds, as the API returned it. */
  expires: number
  /** When the response came plus `expires`. */
  expiresAt: Date
}

/** Ten years: no Personr token lives longer, and past this a date would soon be out of range. */
export const MAX_EXPIRES_SECONDS = 315_576_000
const MIN_TOKEN_LENGTH = 16
const MAX_TOKEN_LENGTH = 4096
const MAX_USER_ID_LENGTH = 200
const VISIBLE_ASCII = /^[\x21-\x7e]+$/

/**
 * Personr said success, so it probably minted a token, and a mint kills the account's previous
 * token: the error must say so, and refresh mode adds what that means for the stored one.
 */
export class UnusableTokenError extends ActionError {
  override name = 'UnusableTokenError'
}

/**
 * Reads a 200 response of api-token-generate into a token, checking every value before anything
 * is output: outputs are all or nothing. The token is masked as soon as it is found, before any
 * check can fail and print a message.
 */
export function readTokenResponse(
  body: string,
  now: number,
  mask: (secret: string) => void,
  redact: (text: string) => string,
  said: string
): MintedToken {
  const json = parseJson(body)
  if (json === undefined) {
    throw new ActionError(
      `${said} but with ${describeBody(body)} instead of a token. Check that \`api-url\` points at Personr's workflow API.`
    )
  }
  const response = isRecord(json) && isRecord(json.response) ? json.response : {}
  if (typeof response.token === 'string' && response.token !== '') mask(response.token)
  if (!isRecord(json) || json.status !== 'success') {
    const details = formatDetails(readErrorBody(body, redact))
    throw new ActionError(
      `${said} but not with success${details || ' (no status)'}. No token was issued.`
    )
  }
  const problem = (what: string): UnusableTokenError =>
    new UnusableTokenError(
      `${said} with success, but ${what}, so there is no usable token. Personr has probably minted one anyway, and minting invalidated the account's previous token. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`
    )
  return {
    token: checkToken(response.token, problem),
    userId: checkUserId(response.user_id, problem),
    ...checkExpires(response.expires, now, problem)
  }
}

type Problem = (what: string) => UnusableTokenError

function checkToken(token: unknown, problem: Problem): string {
  if (typeof token !== 'string' || token === '') throw problem('without a token')
  if (!VISIBLE_ASCII.test(token)) {
    throw problem('the token holds whitespace, control or non-ASCII characters')
  }
  if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) {
    throw problem(
      `the token is ${token.length} characters long, not ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH}`
    )
  }
  return token
}

function checkUserId(userId: unknown, problem: Problem): string {
  if (typeof userId === 'number') {
    if (Number.isSafeInteger(userId) && userId >= 0) return String(userId)
    throw problem('the user_id is a number that is not a whole number a string could hold exactly')
  }
  if (typeof userId !== 'string' || userId === '') throw problem('without a user_id')
  if (!VISIBLE_ASCII.test(userId)) {
    throw problem('the user_id holds whitespace, control or non-ASCII characters')
  }
  if (userId.length > MAX_USER_ID_LENGTH) {
    throw problem(`the user_id is longer than ${MAX_USER_ID_LENGTH} characters`)
  }
  return userId
}

function checkExpires(
  expires: unknown,
  now: number,
  problem: Problem
): { expires: number; expiresAt: Date } {
  if (typeof expires !== 'number') {
    const kind =
      expires === null ? 'null' : Array.isArray(expires) ? 'a list' : `a ${typeof expires}`
    throw problem(
      expires === undefined
        ? 'without `expires`'
        : `\`expires\` is ${kind}, not a number of seconds`
    )
  }
  if (!Number.isInteger(expires) || expires <= 0 || expires > MAX_EXPIRES_SECONDS) {
    throw problem(
      `\`expires\` is ${expires}, not a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS} (ten years)`
    )
  }
  return { expires, expiresAt: new Date(now + expires * 1000) }
}

function describeBody(body: string): string {
  if (/^\s*</.test(body)) return 'an HTML page'
  return body.trim() === '' ? 'an empty body' : 'a body that is not JSON'
}
