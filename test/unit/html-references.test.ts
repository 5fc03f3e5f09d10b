import { describe, expect, it } from 'vitest'
import { decodeHtml } from '../../src/html-references.ts'

describe('decodeHtml: as a browser shows it', () => {
  it.each([
    ['&auml;&dollar;&vert;&NotNestedLessLess;', 'ä$|⪡̸'],
    ['&amp &lt &auml &copy', '& < ä ©'], // legacy names need no semicolon
    ['&notin; &notit; &notin', '∉ ¬it; ¬in'], // the longest legacy name that starts the word
    ['&ampx; &amplifier', '&x; &lifier'],
    ['&bogus; &dollar &', '&bogus; &dollar &'], // unknown, or not legacy without `;`: as written
    ['&#36;&#x24;&#X24;&#036&#x024', '$$$$$'],
    ['&#128; &#150; &#0; &#xD800; &#x110000; &#99999999999999', '€ – \ufffd \ufffd \ufffd \ufffd'],
    // The edges of what a code point can be: the last before and after the surrogates, the last.
    ['&#xD7FF;&#xDFFF;&#xE000;&#x10FFFF;', '\ud7ff\ufffd\ue000\u{10ffff}'],
    ['&# &#x &#xZ; a&b', '&# &#x &#xZ; a&b']
  ])('reads %j as %j', (text, shown) => {
    expect(decodeHtml(text)).toBe(shown)
  })
})
