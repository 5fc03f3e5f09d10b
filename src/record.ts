import { createHash } from 'node:crypto'

/**
 * What the refresh records in `<name>_EXPIRES_AT`, a variable people read and set by hand, so
 * it stays one line of words, the expiry first:
 *
 *     2027-12-06T03:17:04.000Z token 9f86d081              every target holds this token
 *     incomplete: 2027-12-06T03:17:04.000Z token 9f86d081  minted, not stored everywhere
 *     incomplete: rotation begun 2026-12-06T03:17:02.000Z  a mint may have killed the token
 *     2027-12-06                                           set by a person, or version 1.0
 *
 * The token part is a fingerprint: enough to tell the stored token from the one before it, too
 * little to find the token (see fingerprint()).
 */
export interface ExpiryRecord {
  /** The value as it is, for messages and for putting it back. */
  raw: string
  /** False when a rotation began and did not finish: the next run must rotate. */
  complete: boolean
  /** When the token it describes expires; undefined when not written, or not a date. */
  expiresAt: Date | undefined
  /** The fingerprint of the token it describes, when recorded. */
  token: string | undefined
  /** When a rotation began, for a record written just before the mint. */
  begunAt: Date | undefined
}

const INCOMPLETE = 'incomplete:'
const BEGUN = 'rotation begun'

/** Reads a record; what is not a date stays undefined, for the decision to say so. */
export function parseRecord(raw: string): ExpiryRecord {
  const value = raw.trim()
  const complete = !value.toLowerCase().startsWith(INCOMPLETE)
  const rest = complete ? value : value.slice(INCOMPLETE.length).trim()
  const begun = /^rotation\s+begun\s+(\S+)$/i.exec(rest)
  if (begun) {
    return { raw, complete, expiresAt: undefined, token: undefined, begunAt: dateOf(begun[1]) }
  }
  const [, date = '', token] = /^(\S*)(?:\s+token\s+([0-9a-f]{8}))?$/i.exec(rest) ?? []
  return {
    raw,
    complete,
    expiresAt: dateOf(date === '' ? rest : date),
    token: token?.toLowerCase(),
    begunAt: undefined
  }
}

/** The record of a token every target holds (`complete`), or that some may not. */
export function tokenRecord(expiresAt: Date, token: string, complete: boolean): string {
  return `${complete ? '' : `${INCOMPLETE} `}${expiresAt.toISOString()} token ${fingerprint(token)}`
}

/** The record written just before a mint: until the rotation is done, the next run rotates. */
export function begunRecord(now: Date): string {
  return `${INCOMPLETE} ${BEGUN} ${now.toISOString()}`
}

/**
 * The first 32 bits of the token's SHA-256, in hex. The record is plain text that collaborators
 * read and workflows print, and a Personr token's secret part may be as short as about 60 bits
 * (the rest is the user id and the mint time, both known): a longer hash could be searched
 * offline for the token. Thirty-two bits leave about 2^28 tokens for every fingerprint, and still
 * tell the stored token from the one before it but once in four billion.
 */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8)
}

function dateOf(text: string | undefined): Date | undefined {
  const date = new Date(text ?? '')
  return text === undefined || Number.isNaN(date.getTime()) ? undefined : date
}
