import { describe, expect, it } from 'vitest'
import { MAX_QUOTE, quote, readErrorBody } from '../../src/error-body.ts'
import { Redactor } from '../../src/redactor.ts'

const PASSWORD = 'pä$$ w0rd|"&=;\\ <ünï>\'code'
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'

function redactorOf(...secrets: string[]): Redactor {
  const redactor = new Redactor()
  for (const secret of secrets) redactor.add(secret)
  return redactor
}

/** Every run of `length` characters of `secret`, to prove no part of it survives. */
function pieces(secret: string, length: number): string[] {
  return Array.from({ length: secret.length - length + 1 }, (_, i) => secret.slice(i, i + length))
}

describe('Redactor', () => {
  it('replaces every occurrence of a secret', () => {
    expect(redactorOf(TOKEN).redact(`a ${TOKEN} b ${TOKEN}`)).toBe('a *** b ***')
  })

  it('replaces every occurrence of a URL-encoded secret, in either case of hex', () => {
    const encoded = encodeURIComponent(PASSWORD)
    const text = `a=${encoded}&b=${encoded.toLowerCase()}&c=${encoded}`
    expect(redactorOf(PASSWORD).redact(text)).toBe('a=***&b=***&c=***')
  })

  it('replaces a padded secret and its trimmed form', () => {
    expect(redactorOf('  spaced out  ').redact('[  spaced out  ] [spaced out]')).toBe('[***] [***]')
  })

  it('ignores blank secrets, which would garble every message', () => {
    expect(redactorOf('', '   ', '\n').redact('a b\nc')).toBe('a b\nc')
  })

  it('replaces several secrets, a longer one before a shorter one inside it', () => {
    const redactor = redactorOf('w0rd', 'my-w0rd-is-long')
    expect(redactor.redact('my-w0rd-is-long and w0rd')).toBe('*** and ***')
  })

  it.each([
    ['URL-encoded with %20', encodeURIComponent(PASSWORD)],
    ['URL-encoded with lower-case hex', encodeURIComponent(PASSWORD).toLowerCase()],
    ['form-encoded with + for spaces', new URLSearchParams({ p: PASSWORD }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(PASSWORD).slice(1, -1)],
    [
      'JSON-escaped with \\u escapes for non-ASCII',
      JSON.stringify(PASSWORD)
        .slice(1, -1)
        .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    ],
    [
      'HTML-escaped with named entities',
      PASSWORD.replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
    ],
    [
      'HTML-escaped with decimal entities',
      PASSWORD.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    ],
    [
      'HTML-escaped with hex entities',
      PASSWORD.replace(/[&<>"']/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
    ],
    ['base64', Buffer.from(PASSWORD).toString('base64')],
    ['base64url', Buffer.from(PASSWORD).toString('base64url')]
  ])('replaces the password %s', (_form, encoded) => {
    expect(encoded).not.toBe(PASSWORD)
    const out = redactorOf(PASSWORD).redact(`echo: ${encoded} :end`)
    expect(out).toBe('echo: *** :end')
  })

  it.each([0, 1, 2])(
    'hides the password inside a longer base64 text at offset %i (mod 3)',
    (offset) => {
      const prefix = `${'x'.repeat(offset)}user:`
      const text = Buffer.from(`${prefix}${PASSWORD}:tail`).toString('base64')
      const out = redactorOf(PASSWORD).redact(text)
      const [head = '', tail = '', ...more] = out.split('***')
      expect(more).toEqual([])
      // Each side is whole groups of four characters, three bytes each, and holds at most the
      // two bytes of the password that share a group with bytes around it.
      expect(text.startsWith(head) && text.endsWith(tail)).toBe(true)
      expect(head.length % 4).toBe(0)
      const first = Buffer.byteLength(prefix)
      const end = first + Buffer.byteLength(PASSWORD)
      expect((head.length / 4) * 3 - first).toBeLessThanOrEqual(2)
      expect(end - (text.length - tail.length) * 0.75).toBeLessThanOrEqual(2)
    }
  )

  it('hides the base64 of email:password, as a Basic authorization header carries it', () => {
    const header = `Basic ${Buffer.from(`ci@example.test:${PASSWORD}`).toString('base64')}`
    expect(redactorOf(PASSWORD).redact(header)).toContain('***')
  })

  it('redacts a secret added after the redactor was handed out', () => {
    const redactor = new Redactor()
    const print = (text: string): string => redactor.redact(text)
    redactor.add(TOKEN)
    expect(print(TOKEN)).toBe('***')
  })
})

describe('quote: redaction comes before the cut', () => {
  it('leaves no part of a secret that straddles the cut', () => {
    const password = 'Zq9#xK2!mW7$pL4@'
    const text = `${'a'.repeat(MAX_QUOTE - 5)} ${password} tail`
    const out = quote(text, (t) => redactorOf(password).redact(t)) ?? ''
    for (const piece of pieces(password, 3)) expect(out).not.toContain(piece)
    expect(out.endsWith('…')).toBe(true)
  })

  it('would leak most of the secret if it cut first (the reason for the order)', () => {
    const password = 'Zq9#xK2!mW7$pL4@'
    const text = `${'a'.repeat(MAX_QUOTE - 15)}${password}`
    const cutFirst = redactorOf(password).redact(text.slice(0, MAX_QUOTE))
    expect(cutFirst).toContain(password.slice(0, 15))
    expect(quote(text, (t) => redactorOf(password).redact(t))).not.toContain(password.slice(0, 4))
  })

  it('is applied to every field readErrorBody picks out', () => {
    const redactor = redactorOf(PASSWORD)
    const body = JSON.stringify({ reason: `R ${PASSWORD}`, message: `M ${PASSWORD}` })
    expect(readErrorBody(body, (t) => redactor.redact(t))).toEqual({
      reason: 'R ***',
      message: 'M ***'
    })
  })
})
