import { describe, expect, it } from 'vitest'
import { decide, nextDue, type Facts } from '../../src/decision.ts'

const NOW = Date.UTC(2025, 0, 1)
const DAY = 86_400_000

function facts(overrides: Partial<Facts> = {}): Facts {
  return {
    now: NOW,
    renewBeforeMs: 30 * DAY,
    maxAgeMs: undefined,
    storedExpiry: new Date(NOW + 200 * DAY).toISOString(),
    missing: [],
    oldest: undefined,
    check: { state: 'skipped', seen: 'x' },
    ...overrides
  }
}

describe('decide', () => {
  it('is not due when the token expires later than renew-before, and says when it expires', () => {
    expect(decide(facts())).toEqual({
      due: false,
      expiresAt: new Date(NOW + 200 * DAY),
      reason: `The stored token expires at ${new Date(NOW + 200 * DAY).toISOString()}, in 200.0 days: not due, nothing to do.`
    })
  })

  it('adds how long ago the secret was written', () => {
    const oldest = { label: 'x', updatedAt: new Date(NOW - 3 * DAY) }
    expect(decide(facts({ oldest })).reason).toContain('in 200.0 days, last written 3.0 days ago:')
  })

  it('rotates a token check-url called dead first, whatever else holds', () => {
    const decision = decide(
      facts({ check: { state: 'dead', seen: '403 Forbidden', by: 'api-applicant-status' } })
    )
    expect(decision).toEqual({
      due: true,
      reason:
        'The stored token was refused by api-applicant-status (403 Forbidden): someone minted another token for this account, or it expired idle. Rotating now, whatever its recorded expiry says.'
    })
  })

  it.each(['alive', 'inconclusive', 'skipped'] as const)('ignores a check that is %s', (state) => {
    expect(decide(facts({ check: { state, seen: 'x' } })).due).toBe(false)
  })

  it('rotates when a target lacks the secret, naming every one', () => {
    expect(decide(facts({ missing: ['the A', 'the B'] })).reason).toBe(
      'The secret is missing from the A, the B: rotating.'
    )
  })

  it('rotates every time without renew-before and max-age', () => {
    expect(decide(facts({ renewBeforeMs: undefined })).reason).toBe(
      'No `renew-before` or `max-age` given: rotating.'
    )
  })

  it('rotates after a rotation that did not finish, whatever date it recorded', () => {
    const storedExpiry = `incomplete: ${new Date(NOW + 300 * DAY).toISOString()}`
    expect(decide(facts({ storedExpiry })).reason).toBe(
      `The last rotation did not finish (recorded "${storedExpiry}"): rotating.`
    )
  })

  it('rotates without a recorded expiry', () => {
    expect(decide(facts({ storedExpiry: undefined })).reason).toBe(
      'No recorded expiry for the stored token: rotating.'
    )
  })

  it.each(['', 'soon', '2025-13-45T99:99:99Z'])(
    'rotates when the recorded expiry %j is not a date',
    (stored) => {
      expect(decide(facts({ storedExpiry: stored })).reason).toBe(
        `The recorded expiry "${stored}" is not a date: rotating.`
      )
    }
  )

  it('quotes at most 40 characters of a recorded expiry that is not a date', () => {
    expect(decide(facts({ storedExpiry: 'x'.repeat(100) })).reason).toBe(
      `The recorded expiry "${'x'.repeat(40)}…" is not a date: rotating.`
    )
  })

  it.each(['9999-12-31T00:00:00Z', new Date(NOW + 366 * DAY + 1).toISOString()])(
    'does not trust a recorded expiry more than a token lifetime ahead (%s)',
    (stored) => {
      const decision = decide(facts({ storedExpiry: stored }))
      expect(decision.due).toBe(true)
      expect(decision.reason).toMatch(
        /^The recorded expiry .+ is [\d.]+ days ahead, more than a token lives \(365 days\), so it is not trusted: rotating\.$/
      )
    }
  )

  it('trusts a recorded expiry a token lifetime and a day ahead, for clocks that differ', () => {
    expect(decide(facts({ storedExpiry: new Date(NOW + 366 * DAY).toISOString() })).due).toBe(false)
  })

  it('is due exactly at the boundary, and not one millisecond past it', () => {
    const at = (ms: number) => decide(facts({ storedExpiry: new Date(NOW + ms).toISOString() }))
    expect(at(30 * DAY).due).toBe(true)
    expect(at(30 * DAY + 1).due).toBe(false)
    expect(at(10 * DAY).reason).toContain('in 10.0 days, within `renew-before`: rotating.')
  })

  it('rotates an expired token even with max-age only', () => {
    const decision = decide(
      facts({
        renewBeforeMs: undefined,
        maxAgeMs: 25 * DAY,
        storedExpiry: new Date(NOW).toISOString()
      })
    )
    expect(decision.due).toBe(true)
  })

  it('rotates when the oldest secret is older than max-age, and not at exactly max-age', () => {
    const written = (days: number) => ({ label: 'the A', updatedAt: new Date(NOW - days * DAY) })
    const old = decide(facts({ maxAgeMs: 25 * DAY, oldest: written(26) }))
    expect(old.reason).toBe(
      'The secret of the A was last written 26.0 days ago, longer ago than `max-age`: rotating.'
    )
    expect(decide(facts({ maxAgeMs: 25 * DAY, oldest: written(25) })).due).toBe(false)
  })
})

describe('nextDue', () => {
  const expiresAt = new Date(NOW + 365 * DAY)
  const written = new Date(NOW)

  it('is the expiry less renew-before', () => {
    expect(nextDue(expiresAt, written, 30 * DAY, undefined)).toEqual(new Date(NOW + 335 * DAY))
  })

  it('is the last write plus max-age', () => {
    expect(nextDue(expiresAt, written, undefined, 25 * DAY)).toEqual(new Date(NOW + 25 * DAY))
  })

  it('is the earlier of the two', () => {
    expect(nextDue(expiresAt, written, 30 * DAY, 25 * DAY)).toEqual(new Date(NOW + 25 * DAY))
  })

  it('is undefined when every run rotates', () => {
    expect(nextDue(expiresAt, written, undefined, undefined)).toBeUndefined()
  })
})
