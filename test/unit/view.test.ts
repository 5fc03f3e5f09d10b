import { describe, expect, it } from 'vitest'
import { fingerprint, parseRecord, tokenRecord } from '../../src/record.ts'
import { describeView, viewOf, type Stored } from '../../src/view.ts'

const T1 = 'bus|1665086295388x405886519539808060|1700000000000x111111111111111111'
const T2 = 'bus|1665086295388x405886519539808060|1700000000001x222222222222222222'
const AT = new Date('2026-12-06T03:17:05Z')
const EXPIRES = new Date('2027-12-06T03:17:04Z')

/** The record of `token`, written at AT, and the newest secret written at `secretAt`. */
function stored(record: string | undefined, secretAt = new Date(AT.getTime() - 1000)): Stored {
  return {
    record: record === undefined ? undefined : { value: parseRecord(record), updatedAt: AT },
    newestSecret: secretAt
  }
}

describe('viewOf', () => {
  it('finds current-token to be the stored token when the record names it', () => {
    expect(viewOf(T1, stored(tokenRecord(EXPIRES, T1, true)))).toEqual({
      kind: 'stored',
      token: fingerprint(T1)
    })
  })

  it('finds it stored even when a secret was written since: the record still names it', () => {
    const later = new Date(AT.getTime() + 60_000)
    expect(viewOf(T1, stored(tokenRecord(EXPIRES, T1, true), later)).kind).toBe('stored')
  })

  it('finds a view stale when the record names a later token and nothing wrote since', () => {
    expect(viewOf(T1, stored(tokenRecord(EXPIRES, T2, true)))).toEqual({
      kind: 'stale',
      handed: fingerprint(T1),
      stored: fingerprint(T2),
      replacedAt: AT
    })
    // The same second is not later: a rotation writes its targets, then its record.
    expect(viewOf(T1, stored(tokenRecord(EXPIRES, T2, true), AT)).kind).toBe('stale')
  })

  it('finds a view fresh when a secret was written after the record, by someone else', () => {
    const pasted = new Date(AT.getTime() + 1000)
    expect(viewOf(T2, stored(tokenRecord(EXPIRES, T1, true), pasted))).toEqual({
      kind: 'fresh',
      handed: fingerprint(T2),
      writtenAt: pasted
    })
  })

  it('finds a view fresh when GitHub gave no time for the record but did for a secret', () => {
    const record = { value: parseRecord(tokenRecord(EXPIRES, T1, true)), updatedAt: undefined }
    expect(viewOf(T2, { record, newestSecret: AT }).kind).toBe('fresh')
    expect(viewOf(T2, { record, newestSecret: undefined }).kind).toBe('stale')
  })

  it.each([
    ['no current-token', undefined, tokenRecord(EXPIRES, T1, true), 'no `current-token`'],
    ['no record', T1, undefined, 'there is no record yet'],
    ['an incomplete record', T1, tokenRecord(EXPIRES, T2, false), 'did not finish'],
    ['a record set by hand', T1, '2027-12-06', 'names no token']
  ])('knows nothing with %s', (_, current, record, why) => {
    const view = viewOf(current, stored(record))
    expect(view.kind).toBe('unknown')
    expect(view.kind === 'unknown' && view.why).toContain(why)
  })
})

describe('describeView', () => {
  it.each([
    [
      { kind: 'stored', token: 'aaaaaaaa' } as const,
      '`current-token` is the token the record names (token aaaaaaaa).'
    ],
    [
      { kind: 'fresh', handed: 'bbbbbbbb', writtenAt: AT } as const,
      'PERSONR_TOKEN was written at 2026-12-06T03:17:05.000Z, after the record, by someone other than this action: `current-token` (token bbbbbbbb) is checked as usual, and the record follows from the next rotation.'
    ],
    [
      { kind: 'stale', handed: 'bbbbbbbb', stored: 'aaaaaaaa', replacedAt: undefined } as const,
      'PERSONR_TOKEN was replaced by a later rotation (token aaaaaaaa); this run was handed the token from before it (token bbbbbbbb), as GitHub reads repository and organization secrets when a run is queued. Nothing to do: the stored token is the newer one.'
    ],
    [
      { kind: 'unknown', why: 'there is no record yet' } as const,
      'Which token is stored is not known: there is no record yet.'
    ]
  ])('says %j in one sentence', (view, sentence) => {
    expect(describeView(view, 'PERSONR_TOKEN')).toBe(sentence)
  })
})
