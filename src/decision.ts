import type { ExpiryRecord } from './record.ts'
import type { CheckResult } from './token-check.ts'
import { describeView, type View } from './view.ts'

const DAY_MS = 86_400_000
/** A token lives a year; a recorded expiry further ahead (a day allowed for clocks) is not real. */
const MAX_TRUSTED_AHEAD_MS = (365 + 1) * DAY_MS

/** What a refresh knows before it decides. */
export interface Facts {
  now: number
  /** `always`: every run rotates. */
  renewBefore: number | 'always'
  maxAgeMs: number | undefined
  secretName: string
  /** The record; undefined when the variable does not exist. */
  record: ExpiryRecord | undefined
  /** The record as a message may quote it: read and cut like any text from a server. */
  quoted: string
  /** Whether the token this run was handed is the one stored. */
  view: View
  /** Targets that lack the secret, by label. */
  missing: string[]
  /** The target whose secret was written longest ago, if GitHub said when. */
  oldest: { label: string; updatedAt: Date } | undefined
  check: CheckResult
}

export type Decision =
  | { due: true; reason: string }
  | { due: false; reason: string; expiresAt: Date }
  /** This run's view was stale: another run rotated since it was queued. Change nothing. */
  | { due: false; stale: true; reason: string; expiresAt: Date | undefined }

/** Is the stored token due for rotation, and why, in one sentence for the log and the summary. */
export function decide(facts: Facts): Decision {
  const { now, renewBefore, maxAgeMs, record, quoted, view, missing, oldest, check } = facts
  const due = (reason: string): Decision => ({ due: true, reason })
  if (view.kind === 'stale') {
    return {
      due: false,
      stale: true,
      expiresAt: record?.expiresAt,
      reason: describeView(view, facts.secretName)
    }
  }
  if (check.state === 'dead') {
    return due(
      `The stored token was refused by ${check.by} (${check.seen}): someone minted another token for this account, or it expired idle. Rotating now, whatever its recorded expiry says.`
    )
  }
  if (missing.length > 0) return due(`The secret is missing from ${missing.join(', ')}: rotating.`)
  if (renewBefore === 'always') return due('`renew-before: always`: rotating.')
  if (record === undefined) return due('No recorded expiry for the stored token: rotating.')
  if (!record.complete) {
    return due(`The last rotation did not finish (recorded "${quoted}"): rotating.`)
  }
  const { expiresAt } = record
  if (expiresAt === undefined)
    return due(`The recorded expiry "${quoted}" is not a date: rotating.`)
  const left = expiresAt.getTime() - now
  const days = (left / DAY_MS).toFixed(1)
  if (left > MAX_TRUSTED_AHEAD_MS) {
    return due(
      `The recorded expiry ${expiresAt.toISOString()} is ${days} days ahead, more than a token lives (365 days), so it is not trusted: rotating.`
    )
  }
  if (left <= renewBefore) {
    return due(
      `The stored token expires at ${expiresAt.toISOString()}, in ${days} days, within \`renew-before\`: rotating.`
    )
  }
  const age = oldest ? now - oldest.updatedAt.getTime() : undefined
  if (maxAgeMs !== undefined && oldest && age !== undefined && age > maxAgeMs) {
    return due(
      `The secret of ${oldest.label} was last written ${(age / DAY_MS).toFixed(1)} days ago, longer ago than \`max-age\`: rotating.`
    )
  }
  const ageNote = age === undefined ? '' : `, last written ${(age / DAY_MS).toFixed(1)} days ago`
  return {
    due: false,
    expiresAt,
    reason: `The stored token expires at ${expiresAt.toISOString()}, in ${days} days${ageNote}: not due, nothing to do.`
  }
}

/**
 * When the stored token will next be due if nothing else happens: the earlier of its expiry
 * less `renew-before` and its last write plus `max-age`. Undefined when every run rotates.
 */
export function nextDue(
  expiresAt: Date,
  writtenAt: Date,
  renewBefore: number | 'always',
  maxAgeMs: number | undefined
): Date | undefined {
  if (renewBefore === 'always') return undefined
  const times = [
    expiresAt.getTime() - renewBefore,
    maxAgeMs === undefined ? undefined : writtenAt.getTime() + maxAgeMs
  ].filter((t): t is number => t !== undefined)
  return new Date(Math.min(...times))
}
