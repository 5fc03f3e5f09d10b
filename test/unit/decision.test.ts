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

  const INCOMPLETE = `incomplete: ${new Date(NOW + 300 * DAY).toISOString()}`
  const written = (days: number) => ({ label: 'the A', updatedAt: new Date(NOW - days * DAY) })
  it.each<[Partial<Facts>, string]>([
    [{ missing: ['the A', 'the B'] }, 'The secret is missing from the A, the B: rotating.'],
    [{ renewBeforeMs: undefined }, 'No `renew-before` or `max-age` given: rotating.'],
    // Whatever date it recorded.
    [
      { storedExpiry: INCOMPLETE },
      `The last rotation did not finish (recorded "${INCOMPLETE}"): rotating.`
    ],
    [{ storedExpiry: undefined }, 'No recorded expiry for the stored token: rotating.'],
    [{ storedExpiry: '' }, 'The recorded expiry "" is not a date: rotating.'],
    [{ storedExpiry: 'soon' }, 'The recorded expiry "soon" is not a date: rotating.'],
    [
      { storedExpiry: '2025-13-45T99:99:99Z' },
      'The recorded expiry "2025-13-45T99:99:99Z" is not a date: rotating.'
    ],
    [
      { storedExpiry: 'x'.repeat(100) },
      `The recorded expiry "${'x'.repeat(40)}…" is not a date: rotating.`
    ],
    [
      { maxAgeMs: 25 * DAY, oldest: written(26) },
      'The secret of the A was last written 26.0 days ago, longer ago than `max-age`: rotating.'
    ]
  ])('rotates with %j, saying why', (overrides, reason) => {
    expect(decide(facts(overrides))).toEqual({ due: true, reason })
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

  it('does not rotate a secret written exactly max-age ago', () => {
    expect(decide(facts({ maxAgeMs: 25 * DAY, oldest: written(25) })).due).toBe(false)
  })
})

describe('nextDue', () => {
  const expiresAt = new Date(NOW + 365 * DAY)
  it.each([
    ['the expiry less renew-before', 30 * DAY, undefined, new Date(NOW + 335 * DAY)],
    ['the last write plus max-age', undefined, 25 * DAY, new Date(NOW + 25 * DAY)],
    ['the earlier of the two', 30 * DAY, 25 * DAY, new Date(NOW + 25 * DAY)],
    ['undefined when every run rotates', undefined, undefined, undefined]
  ])('is %s', (_, renewBefore, maxAge, due) => {
    expect(nextDue(expiresAt, new Date(NOW), renewBefore, maxAge)).toEqual(due)
  })
})
