import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import {
  basicAuthorization,
  describeWhitespace,
  INPUT_DEFAULTS,
  readApiUrl,
  readTokenInputs,
  withDefaults
} from '../../src/inputs.ts'
import { thrown } from '../support/caught.ts'
import { fakeInputs, plain } from '../fakes/inputs.ts'

const EMAIL = 'robot@example.co'
const PASSWORD = ' s3cr3t pass '

/** The inputs as the runner passes them, action.yml defaults filled in, `overrides` on top. */
function fakeRunner(overrides: Record<string, string> = {}) {
  return fakeInputs({
    email: EMAIL,
    password: PASSWORD,
    'api-url': 'https://enterprise.personr.co/api/1.1/wf',
    timeout: '30',
    retries: '3',
    ...overrides
  })
}
const read = (overrides: Record<string, string> = {}) => {
  const { read, mask } = fakeRunner(overrides)
  return readTokenInputs(read, mask)
}

describe('readTokenInputs', () => {
  it('masks the password, kept exactly as given, before reading anything else', () => {
    const { read, mask, events } = fakeRunner()
    expect(readTokenInputs(read, mask)).toEqual({
      email: EMAIL,
      password: PASSWORD,
      auth: 'form',
      apiUrl: new URL('https://enterprise.personr.co/api/1.1/wf'),
      endpoint: new URL('https://enterprise.personr.co/api/1.1/wf/api-token-generate'),
      timeoutMs: 30_000,
      retries: 3
    })
    expect(events.slice(0, 2)).toEqual(['read:password', `mask:${PASSWORD}`])
    expect(events.filter((e) => e.startsWith('mask:'))).toEqual([`mask:${PASSWORD}`])
  })

  const timeout = (value: string) =>
    `Input \`timeout\` must be a number of seconds above 0 and at most 600 (got "${value}").`
  const retries = (value: string) =>
    `Input \`retries\` must be a whole number from 0 to 10 (got "${value}").`
  const NOT_AN_EMAIL = 'Input `email` does not look like an email address.'
  type Row = [Record<string, string>, string]
  const row = (inputs: Record<string, string>, message: string): Row => [inputs, message]
  it.each<Row>([
    ...['', '   ', '\t\n'].map((password) => row({ password }, 'Input `password` is required')),
    ...['', '   '].map((email) => row({ email }, 'Input `email` is required')),
    ...['not-an-email', 'two@@example.co', 'a b@example.co', 'robot@', '@example.co'].map((email) =>
      row({ email }, NOT_AN_EMAIL)
    ),
    ...['abc', '', '0', '-5', '600.5', '601', 'NaN', 'Infinity', '0x10', '0b11', '1e2', '+5', '1_0']
      // Decimal only: Number() would also take 0x10, 0b11 and 1e2.
      .map((value) => row({ timeout: value }, timeout(value))),
    ...['-1', '1.5', 'x', '11', '', '1e1'].map((value) => row({ retries: value }, retries(value))),
    [{ retries: ' ' }, retries('')],
    [{ 'api-url': 'http://example.com' }, 'Input `api-url` must use https://'],
    [{ auth: 'oauth' }, 'Input `auth` must be `form` or `basic` (got "oauth").'],
    [
      { email: 'ro:bot@example.co', auth: 'basic' },
      'Input `email` contains a colon, which `auth: basic` cannot send (it separates the email from the password). Use `auth: form`.'
    ]
  ])('refuses %j, naming the input, after masking the password', (overrides, message) => {
    const { read, mask, events } = fakeRunner(overrides)
    const error = thrown(() => readTokenInputs(read, mask))
    expect(error.message).toContain(message)
    expect(events.indexOf(`mask:${overrides.password ?? PASSWORD}`)).toBe(1)
    // The email and password come from secrets: no error repeats them.
    expect(error.message).not.toContain(PASSWORD.trim())
    expect(error.message).not.toContain(EMAIL)
    expect(error.message).not.toContain(overrides.email || EMAIL)
  })

  it.each<[Record<string, string>, Record<string, unknown>]>([
    [{ timeout: '30' }, { timeoutMs: 30_000 }],
    [{ timeout: '1' }, { timeoutMs: 1000 }],
    [{ timeout: '2.5' }, { timeoutMs: 2500 }],
    [{ timeout: '0.25' }, { timeoutMs: 250 }],
    [{ timeout: '600' }, { timeoutMs: 600_000 }],
    [{ timeout: ' 45 ' }, { timeoutMs: 45_000 }],
    [{ timeout: '.5' }, { timeoutMs: 500 }],
    [{ timeout: '5.' }, { timeoutMs: 5000 }],
    [{ retries: '0' }, { retries: 0 }],
    [{ retries: '10' }, { retries: 10 }],
    [{ retries: ' 7 ' }, { retries: 7 }],
    [{ email: `  ${EMAIL}\n` }, { email: EMAIL }],
    [{ email: 'ro:bot@example.co' }, { email: 'ro:bot@example.co' }],
    [
      { auth: 'Basic' },
      {
        auth: 'basic',
        endpoint: new URL('https://enterprise.personr.co/api/1.1/wf/api-basic-auth')
      }
    ],
    [
      { 'api-url': '  http://127.0.0.1:4010/version-test/wf/  ' },
      { endpoint: new URL('http://127.0.0.1:4010/version-test/wf/api-token-generate') }
    ]
  ])('reads %j', (overrides, expected) => {
    expect(plain(read(overrides))).toMatchObject(plain(expected) as object)
  })
})

it('builds the Basic header from the base64 of email:password, in UTF-8', () => {
  expect(basicAuthorization({ email: 'a@b.c', password: 'pä:ss' })).toBe(
    `Basic ${Buffer.from('a@b.c:pä:ss', 'utf8').toString('base64')}`
  )
})

describe('readApiUrl', () => {
  const NOT_A_URL = /Input `api-url` is not a URL/
  const HTTPS = /Input `api-url` must use https:\/\//
  it.each([
    ['', NOT_A_URL],
    ['enterprise.personr.co/api/1.1/wf', NOT_A_URL],
    ['not a url', NOT_A_URL],
    ['/api/1.1/wf', NOT_A_URL],
    ['http://example.com/api/1.1/wf', HTTPS],
    ['http://10.0.0.1/api', HTTPS],
    ['http://enterprise.personr.co', HTTPS],
    ['ftp://example.com/wf', HTTPS],
    ['file:///etc/passwd', HTTPS],
    ['ws://localhost/wf', HTTPS]
  ])('refuses %j', (value, message) => {
    expect(() => readApiUrl(value)).toThrow(ActionError)
    expect(() => readApiUrl(value)).toThrow(message)
  })

  const BASE = 'https://enterprise.personr.co/api/1.1/wf'
  it.each([
    [BASE, `${BASE}/api-token-generate`],
    // Plain http only for the loopback host.
    ['http://localhost:8080/api/1.1/wf', 'http://localhost:8080/api/1.1/wf/api-token-generate'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/api-token-generate'],
    ['http://127.5.6.7/wf', 'http://127.5.6.7/wf/api-token-generate'],
    ['http://[::1]:9000/wf/', 'http://[::1]:9000/wf/api-token-generate'],
    // One slash before api-token-generate, no query or fragment.
    [`${BASE}/`, `${BASE}/api-token-generate`],
    [`${BASE}///`, `${BASE}/api-token-generate`],
    [`${BASE}?x=1#frag`, `${BASE}/api-token-generate`],
    ['https://enterprise.personr.co', 'https://enterprise.personr.co/api-token-generate'],
    ['https://enterprise.personr.co/', 'https://enterprise.personr.co/api-token-generate'],
    [
      'https://enterprise.personr.co/version-test/api/1.1/wf/',
      'https://enterprise.personr.co/version-test/api/1.1/wf/api-token-generate'
    ]
  ])('takes %j as %j', (value, endpoint) => {
    expect(readApiUrl(value).href).toBe(endpoint)
  })

  it.each([
    'https://user:pass@enterprise.personr.co/api/1.1/wf',
    'https://user@enterprise.personr.co/api/1.1/wf',
    'http://user:pass@localhost/wf'
  ])('refuses credentials in %s without repeating them', (value) => {
    const { message } = thrown(() => readApiUrl(value))
    expect(message).toContain('must not contain a user name or password')
    expect(message).not.toContain('pass@')
    expect(message).not.toContain('user:')
  })

  // A doubled slash after the host is an easy typo; it must not turn the path into a new host
  // (the credentials would go to https://api/… instead of enterprise.personr.co).
  it.each([
    'https://enterprise.personr.co//api/1.1/wf',
    'https://enterprise.personr.co//evil.example/wf/'
  ])('keeps the host of %s, whose path starts with //', (value) => {
    const endpoint = readApiUrl(value)
    expect(endpoint.host).toBe('enterprise.personr.co')
    expect(endpoint.pathname.endsWith('/wf/api-token-generate')).toBe(true)
  })
})

it('takes an empty, blank or absent optional input as its default, and only those', () => {
  const given: Record<string, string> = {
    timeout: '',
    retries: '  ',
    'api-url': 'https://x.example'
  }
  const read = withDefaults((name) => given[name] ?? '')
  expect(['timeout', 'retries', 'api-url', 'github-api-url', 'email'].map(read)).toEqual([
    '30',
    '3',
    'https://x.example',
    'https://api.github.com',
    ''
  ])
  expect(withDefaults(() => '')('api-url')).toBe('https://enterprise.personr.co/api/1.1/wf')
  expect(Object.keys(INPUT_DEFAULTS).sort()).toEqual([
    'api-url',
    'auth',
    'dry-run',
    'github-api-url',
    'retries',
    'timeout'
  ])
})

it.each([
  ['secret\n', 'ends with a line feed'],
  ['secret\r\n', 'ends with a carriage return and a line feed'],
  ['  secret', 'starts with 2 spaces'],
  ['\tsecret ', 'starts with a tab and ends with a space'],
  ['secret \t\t\n', 'ends with a space, 2 tabs and a line feed'],
  ['secret\u00a0', 'ends with a whitespace character'],
  [' hunter2\n', 'starts with a space and ends with a line feed'],
  ['secret', undefined],
  ['sec ret', undefined],
  ['', undefined]
])('describes the whitespace of %j as %j, never the secret', (secret, words) => {
  expect(describeWhitespace(secret)).toBe(words)
})
