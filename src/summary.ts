import type { MintedToken } from './personr.ts'

/** The job summary of a minted token, as Markdown. Never the token itself. */
export function tokenSummary(minted: MintedToken, now: number): string {
  const days = Math.floor((minted.expiresAt.getTime() - now) / 86_400_000)
  return [
    '### Personr API token minted',
    '',
    '| | |',
    '| --- | --- |',
    `| User id | \`${minted.userId}\` |`,
    `| Expires | ${minted.expiresAt.toISOString()} (in ${days} days) |`,
    '',
    '> [!IMPORTANT]',
    '> Minting this token invalidated every earlier token of this Personr account. Anything still using an older one (a stored secret, another job) now gets refused.',
    ''
  ].join('\n')
}
