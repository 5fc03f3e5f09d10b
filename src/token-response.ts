import { ActionError, NotMintedError } from './errors.ts'
import { formatDetails, readErrorBody } from './error-body.ts'
import { isRecord, parseJson } from './json.ts'
import type { Mask } from './log.ts'

export interface MintedToken {
  token: string
  /** '' when unknown (a half-right answer). */
  userId: string
  /** Lifetime in seconds, as the API returned it; 0 when unknown (a half-right answer). */
  expires: number
  /** When the response came plus `expires`; a year from then when `expires` is unknown. */
  expiresAt: Date
  /** What was wrong with a half-right answer, which a refresh stores anyway. */
  problem?: string
}

/** A success answer with a usable token and an unusable `user_id` or `expires`. */
export interface PartialToken {
  token: string
  userId: string | undefined
  expiry: { expires: number; expiresAt: Date } | undefined
  /** "Personr answered 200 OK with success, but the user_id is …" */
  problem: string
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
  /** The token, when it passed its checks and only `user_id` or `expires` did not. */
  readonly partial: PartialToken | undefined
  constructor(message: string, partial?: PartialToken) {
    super(message)
    this.partial = partial
  }
}

/**
 * Reads a 200 response of api-token-generate into a token, checking every value before anything
 * is output: outputs are all or nothing. The token is masked as soon as it is found, before any
 * check can fail and print a message.
 */
export function readTokenResponse(
  body: string,
  now: number,
  mask: Mask,
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
  if (typeof response.token === 'string' && response.token !== '')
    mask(response.token, { token: true })
  if (!isRecord(json) || json.status !== 'success') {
    const details = formatDetails(readErrorBody(body, redact))
    throw new NotMintedError(
      `${said} but not with success${details || ' (no status)'}. No token was issued.`
    )
  }
  const problem = (what: string, partial?: PartialToken): UnusableTokenError =>
    new UnusableTokenError(
      `${said} with success, but ${what}, so there is no usable token. Personr has probably minted one anyway, and minting invalidated the account's previous token. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`,
      partial
    )
  const token = checkToken(response.token)
  if (isWrong(token)) throw problem(token.wrong)
  const userId = checkUserId(response.user_id)
  const expiry = checkExpires(response.expires, now)
  if (isWrong(userId) || isWrong(expiry)) {
    // Every problem is named; the token that passed goes with the error, for a refresh to store.
    const what = [userId, expiry]
      .filter(isWrong)
      .map((w) => w.wrong)
      .join(', and ')
    throw problem(what, {
      token,
      userId: isWrong(userId) ? undefined : userId,
      expiry: isWrong(expiry) ? undefined : expiry,
      problem: `${said} with success, but ${what}`
    })
  }
  return { token, userId, ...expiry }
}

/** What is wrong with a value of the answer, in words that follow "with success, but". */
interface Wrong {
  wrong: string
}
const wrong = (what: string): Wrong => ({ wrong: what })
const isWrong = (value: unknown): value is Wrong => isRecord(value) && 'wrong' in value

function checkToken(token: unknown): string | Wrong {
  if (typeof token !== 'string' || token === '') return wrong('without a token')
  if (!VISIBLE_ASCII.test(token)) {
    return wrong('the token holds whitespace, control or non-ASCII characters')
  }
  if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) {
    return wrong(
      `the token is ${token.length} characters long, not ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH}`
    )
  }
  return token
}

function checkUserId(userId: unknown): string | Wrong {
  if (typeof userId === 'number') {
    if (Number.isSafeInteger(userId) && userId >= 0) return String(userId)
    return wrong('the user_id is a number that is not a whole number a string could hold exactly')
  }
  if (typeof userId !== 'string' || userId === '') return wrong('without a user_id')
  if (!VISIBLE_ASCII.test(userId)) {
    return wrong('the user_id holds whitespace, control or non-ASCII characters')
  }
  if (userId.length > MAX_USER_ID_LENGTH) {
    return wrong(`the user_id is longer than ${MAX_USER_ID_LENGTH} characters`)
  }
  return userId
}

function checkExpires(expires: unknown, now: number): { expires: number; expiresAt: Date } | Wrong {
  if (typeof expires !== 'number') {
    const kind =
      expires === null ? 'null' : Array.isArray(expires) ? 'a list' : `a ${typeof expires}`
    return wrong(
      expires === undefined
        ? 'without `expires`'
        : `\`expires\` is ${kind}, not a number of seconds`
    )
  }
  if (!Number.isInteger(expires) || expires <= 0 || expires > MAX_EXPIRES_SECONDS) {
    return wrong(
      `\`expires\` is ${expires}, not a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS} (ten years)`
    )
  }
  return { expires, expiresAt: new Date(now + expires * 1000) }
}

function describeBody(body: string): string {
  if (/^\s*</.test(body)) return 'an HTML page'
  return body.trim() === '' ? 'an empty body' : 'a body that is not JSON'
}
