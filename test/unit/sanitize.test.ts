import { describe, expect, it } from 'vitest'
import { sanitize, shorten } from '../../src/sanitize.ts'

describe('sanitize', () => {
  it.each([
    ['\n', '\\n'],
    ['\r', '\\r'],
    ['\t', '\\t'],
    ['\u001b[31m', '\\u001b[31m'],
    ['\u0000', '\\u0000'],
    ['\u007f', '\\u007f'],
    ['\u009b', '\\u009b'],
    ['\u0085', '\\u0085'],
    ['\u2028', '\\u2028'],
    ['\u2029', '\\u2029'],
    ['\u202e', '\\u202e'],
    ['\u2066', '\\u2066'],
    ['\u200b', '\\u200b'],
    ['\ufeff', '\\ufeff'],
    ['\u00ad', '\\u00ad'],
    ['\u034f', '\\u034f'],
    ['\u180e', '\\u180e'],
    ['\u2064', '\\u2064'],
    ['\u3164', '\\u3164'],
    ['\ufe0f', '\\ufe0f'],
    ['\u{e0041}', '\\u{e0041}'],
    ['\u{1d173}', '\\u{1d173}']
  ])('escapes %j visibly', (raw, escaped) => {
    expect(sanitize(`a${raw}b`)).toBe(`a${escaped}b`)
  })

  it('leaves nothing invisible between the characters of a secret', () => {
    const hidden = [...'Zq9#xK2!'].join('\u00ad')
    expect(sanitize(hidden)).toBe([...'Zq9#xK2!'].join('\\u00ad'))
  })

  it('keeps printable text, non-ASCII letters and emoji as they are', () => {
    const text = 'Personr answered 400: We didn’t find ünïcode 👍 <b>|`x`|</b>'
    expect(sanitize(text)).toBe(text)
  })

  it('leaves no line on which a command could start', () => {
    const out = sanitize('user\n::stop-commands::x\r\n::add-mask::y\u2028::error::z')
    expect(out.split(/\r|\n|\u2028|\u2029|\u0085/)).toHaveLength(1)
  })

  it('breaks the legacy ##[ command marker wherever it is', () => {
    expect(sanitize('a ##[set-output name=t;]x ##[error]y')).toBe(
      'a ##\\[set-output name=t;]x ##\\[error]y'
    )
  })

  it('escapes a colon at the start, so the text itself cannot be a :: command', () => {
    expect(sanitize('::warning::forged')).toBe('\\::warning::forged')
    expect(sanitize('  ::x::y')).toBe('  \\::x::y')
    expect(sanitize('a::b')).toBe('a::b')
  })
})

describe('shorten', () => {
  it('keeps a text at the limit whole', () => {
    expect(shorten('x'.repeat(300), 300)).toBe('x'.repeat(300))
  })

  it('cuts a longer text at the limit and marks the cut', () => {
    expect(shorten('x'.repeat(301), 300)).toBe(`${'x'.repeat(300)}…`)
  })

  it('counts characters, not UTF-16 units, so it never splits an emoji', () => {
    expect(shorten('👍👍👍', 2)).toBe('👍👍…')
  })
})
