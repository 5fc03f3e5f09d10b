import { describe, expect, it } from 'vitest'
import { decide, nextDue, type Facts } from '../../src/decision.ts'
import { parseRecord } from '../../src/record.ts'

const NOW = Date.UTC(2025, 0, 1)
const DAY = 86_400_000

/** Facts with the record written as `stored` (undefined: no variable). */
function facts(
  overrides: Partial<Omit<Facts, 'record'>> & { stored?: string | undefined } = {}
): Facts {
  const { stored: given, ...rest } = overrides
  const stored = 'stored' in overrides ? given : new Date(NOW + 200 * DAY).toISOString()
  const record = stored === undefined ? undefined : parseRecord(stored)
  return {
    now: NOW,
    renewBefore: 30 * DAY,
    maxAgeMs: undefined,
    secretName: 'PERSONR_TOKEN',
    record,
    quoted:
      record === undefined ? '' : record.raw.slice(0, 40) + (record.raw.length > 40 ? '…' : ''),
    view: { kind: 'unknown', why: 'no record' },
    missing: [],
    oldest: undefined,
    check: { state: 'skipped', seen: 'x' },
    ...rest
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
  it.each<[Parameters<typeof facts>[0], string]>([
    [{ missing: ['the A', 'the B'] }, 'The secret is missing from the A, the B: rotating.'],
    [{ renewBefore: 'always' }, '`renew-before: always`: rotating.'],
    // Whatever date it recorded.
    [
      { stored: INCOMPLETE },
      `The last rotation did not finish (recorded "${INCOMPLETE}"): rotating.`
    ],
    [{ stored: undefined }, 'No recorded expiry for the stored token: rotating.'],
    [{ stored: '' }, 'The recorded expiry "" is not a date: rotating.'],
    [{ stored: 'soon' }, 'The recorded expiry "soon" is not a date: rotating.'],
    [
      { stored: '2025-13-45T99:99:99Z' },
      'The recorded expiry "2025-13-45T99:99:99Z" is not a date: rotating.'
    ],
    [
      { stored: 'x'.repeat(100) },
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
      const decision = decide(facts({ stored }))
      expect(decision.due).toBe(true)
      expect(decision.reason).toMatch(
        /^The recorded expiry .+ is [\d.]+ days ahead, more than a token lives \(365 days\), so it is not trusted: rotating\.$/
      )
    }
  )

  it('trusts a recorded expiry a token lifetime and a day ahead, for clocks that differ', () => {
    expect(decide(facts({ stored: new Date(NOW + 366 * DAY).toISOString() })).due).toBe(false)
  })

  it('is due exactly at the boundary, and not one millisecond past it', () => {
    const at = (ms: number) => decide(facts({ stored: new Date(NOW + ms).toISOString() }))
    expect(at(30 * DAY).due).toBe(true)
    expect(at(30 * DAY + 1).due).toBe(false)
    expect(at(10 * DAY).reason).toContain('in 10.0 days, within `renew-before`: rotating.')
  })

  it('rotates an expired token even with a short renew-before', () => {
    const decision = decide(facts({ renewBefore: 1, stored: new Date(NOW).toISOString() }))
    expect(decision.due).toBe(true)
  })

  it('changes nothing on a stale view, whatever else holds: even `always` or a dead check', () => {
    const stale = {
      kind: 'stale',
      handed: '00000000',
      stored: '9f86d081',
      replacedAt: new Date(NOW - DAY)
    } as const
    const stored = `${new Date(NOW + 300 * DAY).toISOString()} token 9f86d081`
    const decision = decide(
      facts({
        stored,
        view: stale,
        renewBefore: 'always',
        check: { state: 'dead', seen: '401', by: 'x' }
      })
    )
    expect(decision).toEqual({
      due: false,
      stale: true,
      expiresAt: new Date(NOW + 300 * DAY),
      reason: `PERSONR_TOKEN was replaced at ${new Date(NOW - DAY).toISOString()} by a later rotation (token 9f86d081); this run was handed the token from before it (token 00000000), as GitHub reads repository and organization secrets when a run is queued. Nothing to do: the stored token is the newer one.`
    })
  })

  it('reads a record with a fingerprint as its expiry', () => {
    const expires = new Date(NOW + 100 * DAY).toISOString()
    expect(decide(facts({ stored: `${expires} token 9f86d081` }))).toMatchObject({
      due: false,
      expiresAt: new Date(expires)
    })
    expect(
      decide(facts({ stored: 'incomplete: rotation begun 2024-12-31T00:00:00.000Z' })).due
    ).toBe(true)
  })

  it('does not rotate a secret written exactly max-age ago', () => {
    expect(decide(facts({ maxAgeMs: 25 * DAY, oldest: written(25) })).due).toBe(false)
  })
})

describe('nextDue', () => {
  const expiresAt = new Date(NOW + 365 * DAY)
  it.each([
    ['the expiry less renew-before', 30 * DAY, undefined, new Date(NOW + 335 * DAY)],
    ['the last write plus max-age', 30 * DAY, 25 * DAY, new Date(NOW + 25 * DAY)],
    ['the earlier of the two', 40 * DAY, 340 * DAY, new Date(NOW + 325 * DAY)],
    ['undefined when every run rotates', 'always' as const, 25 * DAY, undefined]
  ])('is %s', (_, renewBefore, maxAge, due) => {
    expect(nextDue(expiresAt, new Date(NOW), renewBefore, maxAge)).toEqual(due)
  })
})
