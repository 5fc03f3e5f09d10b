import * as markdown from './markdown.ts'
import type { Redactor } from './redactor.ts'
import type { MintedToken } from './token-response.ts'

/** How a summary hides secrets: each value is redacted before Markdown escapes it. */
export type Secrets = Pick<Redactor, 'redact' | 'read'>

/** Markdown of values with every secret removed first: an escaped secret would match no form. */
export function writer(secrets: Secrets) {
  return {
    text: (value: string): string => markdown.text(secrets.redact(value)),
    code: (value: string): string => markdown.code(secrets.redact(value)),
    /** A value a server sent, such as the user id: read as every server text is. */
    served: (value: string): string => markdown.code(secrets.read(value))
  }
}

const DAY_MS = 86_400_000

export const INVALIDATED = [
  '> [!IMPORTANT]',
  '> Minting this token invalidated every earlier token of this Personr account. Anything still using an older one (a stored secret, another job) now gets refused.'
]

export function expiry(expiresAt: Date, now: number): string {
  // Rounded: a token minted a moment ago reads "in 365 days", not 364.
  const days = Math.round((expiresAt.getTime() - now) / DAY_MS)
  return `${expiresAt.toISOString()} (in ${days} day${days === 1 ? '' : 's'})`
}

export function tokenRows(minted: MintedToken, now: number, secrets: Secrets): string[] {
  return [
    '| | |',
    '| --- | --- |',
    `| User id | ${minted.userId === '' ? 'unknown' : writer(secrets).served(minted.userId)} |`,
    `| Expires | ${minted.expires === 0 ? 'unknown' : expiry(minted.expiresAt, now)} |`
  ]
}

/** The job summary of a minted token, as Markdown. Never the token itself. */
export function tokenSummary(minted: MintedToken, now: number, secrets: Secrets): string {
  return [
    '### Personr API token minted',
    '',
    ...tokenRows(minted, now, secrets),
    '',
    ...INVALIDATED,
    ''
  ].join('\n')
}
