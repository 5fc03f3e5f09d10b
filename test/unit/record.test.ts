import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { begunRecord, fingerprint, parseRecord, tokenRecord } from '../../src/record.ts'

const TOKEN = 'bus|1665086295388x405886519539808060|1700000000000x123456789012345678'
const EXPIRES = new Date('2027-12-06T03:17:04.000Z')

describe('the record', () => {
  it('is written with the expiry first, then the token fingerprint', () => {
    const fp = fingerprint(TOKEN)
    expect(tokenRecord(EXPIRES, TOKEN, true)).toBe(`2027-12-06T03:17:04.000Z token ${fp}`)
    expect(tokenRecord(EXPIRES, TOKEN, false)).toBe(
      `incomplete: 2027-12-06T03:17:04.000Z token ${fp}`
    )
    expect(begunRecord(new Date('2026-12-06T03:17:02.000Z'))).toBe(
      'incomplete: rotation begun 2026-12-06T03:17:02.000Z'
    )
  })

  it.each([
    [tokenRecord(EXPIRES, TOKEN, true), true, EXPIRES, fingerprint(TOKEN), undefined],
    [tokenRecord(EXPIRES, TOKEN, false), false, EXPIRES, fingerprint(TOKEN), undefined],
    [
      begunRecord(new Date('2026-12-06T03:17:02.000Z')),
      false,
      undefined,
      undefined,
      new Date('2026-12-06T03:17:02.000Z')
    ],
    // As a person or version 1.0 writes it.
    ['2027-12-06', true, new Date('2027-12-06T00:00:00Z'), undefined, undefined],
    ['  2027-12-06T03:17:04Z  ', true, EXPIRES, undefined, undefined],
    ['2027-12-06 03:17:04 UTC', true, EXPIRES, undefined, undefined],
    ['incomplete: 2027-12-06T03:17:04.000Z', false, EXPIRES, undefined, undefined],
    ['INCOMPLETE:2027-12-06T03:17:04.000Z TOKEN ABCDEF01', false, EXPIRES, 'abcdef01', undefined],
    ['2027-12-06T03:17:04Z   token\t9F86D081', true, EXPIRES, '9f86d081', undefined],
    [
      'Incomplete:  Rotation  Begun 2026-12-06T03:17:02Z',
      false,
      undefined,
      undefined,
      new Date('2026-12-06T03:17:02.000Z')
    ],
    ['soon', true, undefined, undefined, undefined],
    ['2027-12-06T03:17:04Z token nothex!!', true, undefined, undefined, undefined],
    ['', true, undefined, undefined, undefined]
  ])('reads %j', (raw, complete, expiresAt, token, begunAt) => {
    expect(parseRecord(raw)).toEqual({ raw, complete, expiresAt, token, begunAt })
  })
})

describe('fingerprint', () => {
  it('is the first 32 bits of the SHA-256, in hex', () => {
    const sha = createHash('sha256').update(TOKEN).digest('hex')
    expect(fingerprint(TOKEN)).toBe(sha.slice(0, 8))
    expect(fingerprint(TOKEN)).toMatch(/^[0-9a-f]{8}$/)
  })

  // The record is plain text anyone with read access sees; the token's secret part may be as
  // short as 60 bits. A longer hash could be searched offline; 32 bits identify nothing.
  it('holds no part of the token, and not more than 32 bits of any hash of it', () => {
    const fp = fingerprint(TOKEN)
    for (let i = 0; i + 4 <= TOKEN.length; i++) expect(fp).not.toContain(TOKEN.slice(i, i + 4))
    for (const algorithm of ['sha256', 'sha1', 'md5', 'sha512']) {
      const hash = createHash(algorithm).update(TOKEN).digest('hex')
      expect(hash.includes(fp) ? fp.length * 4 : 0).toBeLessThanOrEqual(32)
    }
    expect(tokenRecord(EXPIRES, TOKEN, true)).not.toContain(TOKEN.split('|')[2])
  })

  it('tells two tokens of the same user minted a millisecond apart', () => {
    const other = TOKEN.replace('1700000000000x', '1700000000001x')
    expect(fingerprint(other)).not.toBe(fingerprint(TOKEN))
  })
})
