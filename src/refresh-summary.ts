// The job summary of a refresh, loaded with the refresh: what was decided and why, whether the
// token the run was handed is the stored one, what the check said, and one row per target.
import type { RefreshResult, TargetOutcome } from './refresh.ts'
import { expiry, INVALIDATED, tokenRows, writer, type Secrets } from './summary.ts'
import { describeView } from './view.ts'

const RESULTS: Record<TargetOutcome['result'], string> = {
  written: 'written',
  unchanged: 'unchanged',
  failed: '**failed**: still holds the old token, which no longer works',
  'may have landed':
    '**may have landed**: the runner cut the write off before GitHub answered; the next run rotates again',
  'would write': 'would write'
}

/** Extra lines for the refresh summary: the writer token's expiry and the like. */
export interface Notes {
  dryRun: boolean
  warnings: string[]
  /** What started the run, as Markdown (trigger.ts). */
  trigger?: string | undefined
}

/** The job summary of a refresh: what was decided and why, and one row per target. */
export function refreshSummary(
  secretName: string,
  result: RefreshResult,
  now: number,
  notes: Notes,
  secrets: Secrets
): string {
  const { minted, decision, check, view, outcomes } = result
  const { text, code } = writer(secrets)
  const stale = 'stale' in decision
  const incomplete = outcomes.some((o) => o.result !== 'written')
  const title = notes.dryRun
    ? '### Personr API token refresh: dry run'
    : minted?.problem !== undefined
      ? '### Personr API token rotated from a half-right answer'
      : minted
        ? incomplete
          ? '### Personr API token rotated, but not stored everywhere'
          : '### Personr API token rotated'
        : stale
          ? '### Personr API token not rotated: a later rotation replaced it'
          : '### Personr API token not rotated'
  const checkLine = {
    alive: `${check.by} accepted the stored token; the call counted as a use, so its 30-day idle window starts again.`,
    dead: `${check.by} refused the stored token: someone minted another token for this account, or it expired idle.`,
    inconclusive: `${check.by} could not tell whether the stored token works (${check.seen}).`,
    skipped: `The stored token was not checked: ${check.seen}.`
  }[check.state]
  return [
    title,
    ...(notes.trigger === undefined ? [] : ['', notes.trigger]),
    '',
    text(decision.reason),
    ...(stale ? [] : ['', text(describeView(view, secretName)), '', text(checkLine)]),
    ...(notes.dryRun
      ? [
          '',
          decision.due
            ? 'A real run would mint one token and write it to every target below. Nothing was minted or written.'
            : 'A real run would change nothing.'
        ]
      : []),
    ...(minted?.problem === undefined ? [] : ['', text(`${minted.problem}.`)]),
    ...(minted ? ['', ...tokenRows(minted, now, secrets)] : []),
    ...(!minted && !decision.due && decision.expiresAt
      ? ['', `The stored token expires ${expiry(decision.expiresAt, now)}.`]
      : []),
    '',
    `| Store | Secret ${code(secretName)} of | Result |`,
    '| --- | --- | --- |',
    ...outcomes.map(
      (o) => `| ${o.target.store} | ${code(o.target.label)} | ${RESULTS[o.result]} |`
    ),
    ...notes.warnings.flatMap((warning) => ['', '> [!WARNING]', `> ${text(warning)}`]),
    ...(minted ? ['', ...INVALIDATED] : []),
    ''
  ].join('\n')
}
