import type { CheckResult } from './token-check.ts'
import { shorten } from './sanitize.ts'

const DAY_MS = 86_400_000
/** A token lives a year; a recorded expiry further ahead (a day allowed for clocks) is not real. */
const MAX_TRUSTED_AHEAD_MS = (365 + 1) * DAY_MS

/** What a refresh knows before it decides. */
export interface Facts {
  now: number
  renewBeforeMs: number | undefined
  maxAgeMs: number | undefined
  /** The raw recorded expiry; undefined when the variable does not exist. */
  storedExpiry: string | undefined
  /** Targets that lack the secret, by label. */
  missing: string[]
  /** The target whose secret was written longest ago, if GitHub said when. */
  oldest: { label: string; updatedAt: Date } | undefined
  check: CheckResult
}

export type Decision =
  { due: true; reason: string } | { due: false; reason: string; expiresAt: Date }

/** Is the stored token due for rotation, and why, in one sentence for the log and the summary. */
export function decide(facts: Facts): Decision {
  const { now, renewBeforeMs, maxAgeMs, storedExpiry, missing, oldest, check } = facts
  const due = (reason: string): Decision => ({ due: true, reason })
  if (check.state === 'dead') {
    return due(
      `The stored token was refused by ${check.by} (${check.seen}): someone minted another token for this account, or it expired idle. Rotating now, whatever its recorded expiry says.`
    )
  }
  if (missing.length > 0) return due(`The secret is missing from ${missing.join(', ')}: rotating.`)
  if (renewBeforeMs === undefined && maxAgeMs === undefined) {
    return due('No `renew-before` or `max-age` given: rotating.')
  }
  if (storedExpiry === undefined) return due('No recorded expiry for the stored token: rotating.')
  if (storedExpiry.startsWith('incomplete:')) {
    return due(
      `The last rotation did not finish (recorded "${shorten(storedExpiry, 60)}"): rotating.`
    )
  }
  const expiresAt = new Date(storedExpiry)
  if (Number.isNaN(expiresAt.getTime())) {
    return due(`The recorded expiry "${shorten(storedExpiry, 40)}" is not a date: rotating.`)
  }
  const left = expiresAt.getTime() - now
  const days = (left / DAY_MS).toFixed(1)
  if (left > MAX_TRUSTED_AHEAD_MS) {
    return due(
      `The recorded expiry ${expiresAt.toISOString()} is ${days} days ahead, more than a token lives (365 days), so it is not trusted: rotating.`
    )
  }
  if (left <= (renewBeforeMs ?? 0)) {
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
  renewBeforeMs: number | undefined,
  maxAgeMs: number | undefined
): Date | undefined {
  const times = [
    renewBeforeMs === undefined ? undefined : expiresAt.getTime() - renewBeforeMs,
    maxAgeMs === undefined ? undefined : writtenAt.getTime() + maxAgeMs
  ].filter((t): t is number => t !== undefined)
  return times.length === 0 ? undefined : new Date(Math.min(...times))
}
