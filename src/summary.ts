import { code } from './markdown.ts'
import type { MintedToken } from './token-response.ts'

/** Where a token was stored, for the summary. */
export interface Stored {
  name: string
  label: string
}

const DAY_MS = 86_400_000

function expiry(expiresAt: Date, now: number): string {
  // Rounded: a token minted a moment ago reads "in 365 days", not 364.
  const days = Math.round((expiresAt.getTime() - now) / DAY_MS)
  return `${expiresAt.toISOString()} (in ${days} day${days === 1 ? '' : 's'})`
}

/** The job summary of a minted token, as Markdown. Never the token itself. */
export function tokenSummary(minted: MintedToken, now: number, stored?: Stored): string {
  return [
    stored ? '### Personr API token rotated' : '### Personr API token minted',
    '',
    '| | |',
    '| --- | --- |',
    `| User id | ${code(minted.userId)} |`,
    `| Expires | ${expiry(minted.expiresAt, now)} |`,
    ...(stored ? [`| Stored in | secret ${code(stored.name)} of ${code(stored.label)} |`] : []),
    '',
    '> [!IMPORTANT]',
    '> Minting this token invalidated every earlier token of this Personr account. Anything still using an older one (a stored secret, another job) now gets refused.',
    ''
  ].join('\n')
}

/** The job summary when the stored token is not due for rotation. */
export function notDueSummary(expiresAt: Date, now: number, stored: Stored): string {
  return [
    '### Personr API token not rotated',
    '',
    `The token in secret ${code(stored.name)} of ${code(stored.label)} expires ${expiry(expiresAt, now)}, later than \`renew-before\`. Nothing was minted or changed.`,
    ''
  ].join('\n')
}
