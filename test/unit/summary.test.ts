import { describe, expect, it } from 'vitest'
import type { MintedToken } from '../../src/personr.ts'
import { notDueSummary, tokenSummary } from '../../src/summary.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const DAY = 86_400_000
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'

const minted: MintedToken = {
  token: TOKEN,
  userId: '4242424242424x424242424242424242',
  expires: 31_536_000,
  expiresAt: new Date(NOW + 31_536_000_000)
}

describe('tokenSummary', () => {
  it('shows the user id, the expiry and the invalidation warning', () => {
    const text = tokenSummary(minted, NOW)
    expect(text.split('\n')[0]).toBe('### Personr API token minted')
    expect(text).toContain('| User id | `4242424242424x424242424242424242` |')
    expect(text).toContain('| Expires | 2026-01-01T00:00:00.000Z (in 365 days) |')
    expect(text).toContain('> [!IMPORTANT]')
    expect(text).toContain(
      '> Minting this token invalidated every earlier token of this Personr account.'
    )
  })

  it('never contains the token or any part of it', () => {
    const text = tokenSummary(minted, NOW)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('4343434343434x434343434343434343')
  })

  it('counts days left, rounded to the nearest day', () => {
    const soon = { ...minted, expiresAt: new Date(NOW + 1.4 * DAY) }
    expect(tokenSummary(soon, NOW)).toContain('(in 1 day)')
    expect(tokenSummary(minted, NOW + 1000)).toContain('(in 365 days)')
    expect(tokenSummary(minted, NOW + 0.6 * DAY)).toContain('(in 364 days)')
  })

  it('is Markdown that ends with a newline', () => {
    const text = tokenSummary(minted, NOW)
    expect(text.endsWith('\n')).toBe(true)
    expect(text).toContain('| | |\n| --- | --- |\n')
  })

  it('says where a rotated token was stored', () => {
    const text = tokenSummary(minted, NOW, {
      name: 'PERSONR_TOKEN',
      label: 'repository octo/app'
    })
    expect(text.split('\n')[0]).toBe('### Personr API token rotated')
    expect(text).toContain('| Stored in | secret `PERSONR_TOKEN` of `repository octo/app` |')
    expect(text).toContain('| User id | `4242424242424x424242424242424242` |')
    expect(text).not.toContain(TOKEN)
  })

  it('has no "Stored in" row when nothing was stored', () => {
    expect(tokenSummary(minted, NOW)).not.toContain('Stored in')
  })
})

describe('notDueSummary', () => {
  it('says the stored token was left alone, and until when it lasts', () => {
    const text = notDueSummary(new Date(NOW + 40 * DAY), NOW, {
      name: 'PERSONR_TOKEN',
      label: 'environment prod of octo/app'
    })
    expect(text.split('\n')[0]).toBe('### Personr API token not rotated')
    expect(text).toContain(
      'The token in secret `PERSONR_TOKEN` of `environment prod of octo/app` expires 2025-02-10T00:00:00.000Z (in 40 days)'
    )
    expect(text).toContain('Nothing was minted or changed.')
    expect(text).not.toContain('invalidated')
  })
})

describe('values from outside in the summary', () => {
  const hostile = (userId: string): string => tokenSummary({ ...minted, userId }, NOW)
  const row = (text: string): string =>
    text.split('\n').find((l) => l.startsWith('| User id |')) ?? ''

  it('cannot close the code span it sits in', () => {
    expect(row(hostile('a`b``c'))).toBe('| User id | ```a`b``c``` |')
    expect(row(hostile('`x`'))).toBe('| User id | `` `x` `` |')
  })

  it('cannot forge a table cell or row', () => {
    const text = hostile('x|y\n| Expires | forged |')
    expect(row(text)).toBe('| User id | `x\\|y\\n\\| Expires \\| forged \\|` |')
    expect(text.match(/^\| Expires \|/gm)).toHaveLength(1)
  })

  it('cannot add an image, a link or HTML: they stay inside a code span', () => {
    const text = row(
      hostile('![x](https://evil.example/a.png)<img src=x>[y](https://evil.example)')
    )
    expect(text).toBe(
      '| User id | `![x](https://evil.example/a.png)<img src=x>[y](https://evil.example)` |'
    )
  })
})
