import { describe, expect, it } from 'vitest'
import { MAX_QUOTE, quote, readErrorBody } from '../../src/error-body.ts'
import { Redactor, RUN, WITHHELD } from '../../src/redactor.ts'
import { expectNoRun } from '../support/runs.ts'

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
    ['base64', Buffer.from(PASSWORD).toString('base64')],
    ['base64url', Buffer.from(PASSWORD).toString('base64url')],
    ['with + for its spaces', PASSWORD.replaceAll(' ', '+')]
  ])('replaces the password %s', (_form, encoded) => {
    expect(redactorOf(PASSWORD).redact(`echo: ${encoded} :end`)).toBe('echo: *** :end')
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

/** Each character of `text` written by `write`, when `pick` says so. */
const mix = (text: string, pick: (c: string, i: number) => boolean, write: (c: string) => string) =>
  [...text].map((c, i) => (pick(c, i) ? write(c) : c)).join('')
const code = (c: string): number => c.codePointAt(0) ?? 0
const i2x = (c: string): string => (code(c) % 2 ? 'x' : 'X') + code(c).toString(16)
const alnum = (c: string): boolean => /[a-z0-9]/i.test(c)

describe('Redactor.read: text a server sent, read as a person would', () => {
  it.each([
    [
      'URL-encoded, twice, in either case of hex',
      `${encodeURIComponent(PASSWORD)}&${encodeURIComponent(PASSWORD).toLowerCase()}`
    ],
    ['form-encoded, + for spaces', new URLSearchParams({ p: PASSWORD }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(PASSWORD).slice(1, -1)],
    ['HTML-escaped', PASSWORD.replace(/[&<>"']/g, (c) => `&#${code(c)};`)],
    [
      'every non-alphanumeric as a decimal reference',
      mix(
        PASSWORD,
        (c) => !alnum(c),
        (c) => `&#${code(c)};`
      )
    ],
    [
      'every other character as a hex reference, x or X',
      mix(
        PASSWORD,
        (_, i) => i % 2 === 0,
        (c) => `&#${i2x(c)};`
      )
    ],
    [
      'named, decimal and hex beside plain letters',
      'p&auml;&#x24;&dollar; w0rd&vert;&quot;&amp;&equals;&semi;&bsol; &lt;&uuml;n&iuml;&gt;&apos;code'
    ],
    ['legacy names without their semicolon', "p&auml$$ w0rd|&quot&amp=;\\ <&uumln&iuml>'code"],
    [
      'JSON escapes, some \\u, some short',
      // As JSON must: every quote and backslash escaped, and some other characters too.
      mix(
        PASSWORD,
        (c, i) => i % 3 === 0 || c === '"' || c === '\\',
        (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${code(c).toString(16).padStart(4, '0')}`)
      )
    ],
    ['some characters percent-encoded', mix(PASSWORD, (_, i) => i % 2 === 1, encodeURIComponent)],
    ['a reference escaped in JSON', PASSWORD.replace('$$', '\\u0026#36;&#x24;')]
  ])('hides the password written with %s', async (_, written) => {
    expect(written).not.toContain(PASSWORD)
    const redactor = redactorOf(PASSWORD)
    await redactor.prepare(written)
    expect(redactor.read(`echo: ${written} :end`)).toMatch(/^echo: \*\*\*(&\*\*\*)? :end$/)
  })

  it('shows the decoded text, not the references, when no secret is in it', async () => {
    const redactor = new Redactor()
    const text = 'Bad &quot;input&quot; &#8212; caf&eacute; \\u00e9 %C3%A9 \\q %zz'
    await redactor.prepare(text)
    expect(redactor.read(text)).toBe('Bad "input" \u2014 caf\u00e9 \u00e9 \u00e9 \\q %zz')
  })

  it('reads every JSON escape as JSON does, and leaves a backslash before anything else', () => {
    expect(new Redactor().read('\\n\\t\\b\\f\\r\\/\\"\\\\ \\q\\u0041')).toBe('\n\t\b\f\r/"\\ \\qA')
  })

  it('loads the named references only for text that may hold one, and withholds a text it did not see', async () => {
    const redactor = new Redactor()
    await redactor.prepare('{"message":"no reference here"}')
    expect(redactor.read('&auml;')).toBe(WITHHELD)
    await redactor.prepare('%26')
    expect(redactor.read('&auml;')).toBe('\u00e4')
  })

  it.each([
    ['percent-escaped twice', '%2526lt;'],
    ['JSON-escaped, then percent-escaped', '%5Cu0026lt;'],
    ['JSON-escaped twice', '\\u0026lt;']
  ])('loads the named references for a & %s', async (_, text) => {
    const redactor = new Redactor()
    await redactor.prepare(text)
    expect(redactor.read(text)).toBe('<')
  })

  it('withholds a text still changing after the last pass', () => {
    let deep = 'Zq9#xK2!mW7$pL4@'
    for (let i = 0; i < 5; i++) deep = encodeURIComponent(deep)
    expect(new Redactor().read(`a ${deep}`)).toBe(WITHHELD)
    expect(new Redactor().read(`a ${decodeURIComponent(deep)}`)).toBe('a Zq9#xK2!mW7$pL4@')
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

  it('hides what a cut first would leave: runs of the secret are hidden too', () => {
    const password = 'Zq9#xK2!mW7$pL4@'
    const text = `${'a'.repeat(MAX_QUOTE - 15)}${password}`
    const cutFirst = redactorOf(password).redact(text.slice(0, MAX_QUOTE))
    expect(cutFirst).toBe(`${'a'.repeat(MAX_QUOTE - 15)}***`)
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

describe('Redactor: a password that looks like an escape', () => {
  const LOOK_ALIKES = [
    'Tr0ub%41dor-x9Q',
    'Tr0ub&ltdor-x9Q',
    'Tr0ub\\bdor-x9Q',
    'Tr0ub\\u0041dor-x9Q'
  ]

  it.each(LOOK_ALIKES)(
    'hides %s echoed as it is, in a JSON message and in an HTML title',
    async (password) => {
      const redactor = redactorOf(password)
      const bodies = [
        `Invalid password: ${password}`,
        `<html><head><title>Refused ${password}</title></head></html>`,
        `https://personr.example/login?p=${encodeURIComponent(password)}`
      ]
      for (const body of bodies) {
        await redactor.prepare(body)
        expectNoRun(redactor.read(body), password, 'password')
      }
      const json = JSON.stringify({ message: `Invalid password: ${password}` })
      // A server that pastes the value into JSON unescaped: JSON.parse itself reads the escape.
      const pasted = `{"message":"Invalid password: ${password}"}`
      for (const body of [json, pasted]) {
        await redactor.prepare(body)
        const details = readErrorBody(body, (t) => redactor.read(t))
        expect(details.message ?? '').toMatch(/^Invalid password: \*\*\*$/)
      }
    }
  )

  // Decoding joins the password's last character to the quote after it: no reading of the
  // password alone holds what the text becomes, and it is too short for runs.
  it('hides a short secret ending in a backslash, echoed before a quote: only the raw text holds it', () => {
    const secret = 'Lm4!Xc\\'
    expect(redactorOf(secret).read(`user "${secret}" refused`)).toBe('user "***" refused')
  })

  it('hides a cut echo: any run of eight characters, not fewer', () => {
    const password = 'Qz7-Lm4!Xc9#Wb2$Yd5%'
    const redactor = redactorOf(password)
    expect(redactor.read(`Value too long: ${password.slice(0, 12)}...`)).toBe(
      'Value too long: ***...'
    )
    expect(redactor.read(`Value too long: ${password.slice(0, RUN - 1)}...`)).toBe(
      `Value too long: ${password.slice(0, RUN - 1)}...`
    )
    expect(redactor.read(`tail ${password.slice(-RUN)}`)).toBe('tail ***')
  })

  it.each([1, 2])('hides base64url of the password at offset %i', (offset) => {
    const password = 'pä$$ w0rd|~~>>??<<'
    const text = Buffer.from(`${'x'.repeat(offset)}${password}`).toString('base64url')
    const out = redactorOf(password).redact(`a ${text} b`)
    expect(out).toMatch(/\*\*\*/)
    const plain = Buffer.from(password).toString('base64url')
    for (let i = 0; i + RUN <= plain.length; i++) expect(out).not.toContain(plain.slice(i, i + RUN))
  })

  // About 3 in 100 random passwords leaked when the text was decoded before it was redacted.
  it('leaves no run of any of 2,000 random printable passwords, echoed as servers echo', async () => {
    let seed = 42
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const printable = (length: number): string =>
      Array.from({ length }, () => String.fromCharCode(33 + Math.floor(random() * 94))).join('')
    for (let n = 0; n < 2000; n++) {
      const password = printable(20)
      const redactor = redactorOf(password)
      for (const body of [
        `Invalid password: ${password}`,
        `<title>Refused ${password}</title>`,
        `Location: /retry?p=${encodeURIComponent(password)}`
      ]) {
        await redactor.prepare(body)
        const out = redactor.read(body)
        if (out === WITHHELD) continue
        expectNoRun(out, password, `password ${JSON.stringify(password)}`)
      }
    }
  })
})

describe('Redactor.show: the user id a Personr token carries', () => {
  const USER_ID = '4343434343434x434343434343434343'

  it('lets the user id through once shown, and still hides the token and its other runs', () => {
    const redactor = new Redactor()
    redactor.add(TOKEN, { token: true })
    expect(redactor.redact(`user ${USER_ID}`)).toBe('user ***')
    redactor.show(USER_ID)
    expect(redactor.redact(`user ${USER_ID}`)).toBe(`user ${USER_ID}`)
    expect(redactor.redact(`cut ${TOKEN.slice(0, 20)}`)).toBe('cut ***')
    expect(redactor.redact(TOKEN)).toBe('***')
  })

  it('never lets through runs of a credential, whatever is shown', () => {
    const password = `pw-${USER_ID}`
    const redactor = redactorOf(password)
    redactor.show(USER_ID)
    expect(redactor.redact(`user ${USER_ID}`)).toBe('user ***')
  })
})

describe('Redactor.read: what it does not decode, and what it withholds', () => {
  it('keeps a backslash before a letter JSON does not escape', () => {
    expect(new Redactor().read('a\\qb \\x41')).toBe('a\\qb \\x41')
  })

  it('keeps an & that starts no reference, once the decoder is loaded', async () => {
    const redactor = new Redactor()
    const text = 'R&D, 5 &# 6, &#xZ and &unknownname; stay'
    await redactor.prepare(text)
    expect(redactor.read(text)).toBe(text)
  })

  it.each(['&#65;', '&#x41;', '&#X41;', '&lt'])(
    'withholds %s when the decoder was never loaded for it',
    (text) => {
      expect(new Redactor().read(`a ${text} b`)).toBe(WITHHELD)
    }
  )

  it.each(['a &# b', 'a &#x b', 'a &#xZ b', 'a & b', 'a &1 b'])(
    'quotes %s without the decoder: it holds no reference',
    (text) => {
      expect(new Redactor().read(text)).toBe(text)
    }
  )

  it('says in words that the text was withheld, and why', () => {
    expect(WITHHELD).toBe(
      "(the server's text was withheld: it is escaped more deeply than the action reads, so it could hide a secret)"
    )
  })

  // Characters past 0x3f of a byte's top bits encode as + and /, which base64url writes - and _.
  it.each([0, 1, 2])('hides base64url that holds - and _ at offset %i', (offset) => {
    const secret = '\u00fb\u00ff\u00fe\u00ef\u00bf\u00ff\u00fb\u00ef\u00be'
    const encoded = Buffer.from(`${'x'.repeat(offset)}${secret}tail`).toString('base64url')
    expect(encoded).toMatch(/[-_]/)
    const [head = '', tail = '', ...more] = redactorOf(secret).redact(encoded).split('***')
    expect(more).toEqual([])
    // Left: at most the group the secret shares with what came before, and the encoded tail.
    expect(encoded.startsWith(head) && head.length <= 4).toBe(true)
    expect(encoded.endsWith(tail) && tail.length <= 8).toBe(true)
  })
})
