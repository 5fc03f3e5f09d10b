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
import { fakeInputs } from '../fakes/inputs.ts'

const EMAIL = 'robot@example.co'
const PASSWORD = ' s3cr3t pass '

/** The inputs as the runner passes them, action.yml defaults filled in. */
const DEFAULTS: Record<string, string> = {
  email: EMAIL,
  password: PASSWORD,
  'api-url': 'https://enterprise.personr.co/api/1.1/wf',
  timeout: '30',
  retries: '3'
}

/** Inputs from `overrides` over DEFAULTS. */
function fakeRunner(overrides: Record<string, string> = {}) {
  return fakeInputs({ ...DEFAULTS, ...overrides })
}

function failure(overrides: Record<string, string>): ActionError {
  const { read, mask } = fakeRunner(overrides)
  try {
    readTokenInputs(read, mask)
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError)
    return error as ActionError
  }
  throw new Error('readTokenInputs did not throw')
}

describe('readTokenInputs: masking the password', () => {
  it('masks the password before reading any other input', () => {
    const { read, mask, events } = fakeRunner()
    readTokenInputs(read, mask)
    expect(events[0]).toBe('read:password')
    expect(events[1]).toBe(`mask:${PASSWORD}`)
    expect(events.filter((e) => e.startsWith('mask:'))).toEqual([`mask:${PASSWORD}`])
  })

  it.each([
    ['email', { email: '' }],
    ['email shape', { email: 'not-an-email' }],
    ['api-url', { 'api-url': 'http://example.com' }],
    ['timeout', { timeout: 'abc' }],
    ['retries', { retries: 'x' }]
  ])('has masked the password even when %s is invalid', (_what, overrides) => {
    const { read, mask, events } = fakeRunner(overrides)
    expect(() => readTokenInputs(read, mask)).toThrow(ActionError)
    expect(events).toContain(`mask:${PASSWORD}`)
    expect(events.indexOf(`mask:${PASSWORD}`)).toBe(1)
  })

  it('keeps the password exactly as given, spaces included', () => {
    const { read, mask } = fakeRunner()
    expect(readTokenInputs(read, mask).password).toBe(PASSWORD)
  })
})

describe('readTokenInputs: required credentials', () => {
  it.each(['', '   ', '\t\n'])('rejects a blank password %j, naming the input', (password) => {
    const error = failure({ password })
    expect(error.message).toContain('Input `password` is required')
    expect(error.message).not.toContain(EMAIL)
  })

  it('rejects a missing password (the runner passes an empty string)', () => {
    const { mask } = fakeRunner()
    const read = (name: string): string => (name === 'password' ? '' : (DEFAULTS[name] ?? ''))
    expect(() => readTokenInputs(read, mask)).toThrow(/Input `password` is required/)
  })

  it.each(['', '   '])('rejects a blank email %j, naming the input', (email) => {
    const error = failure({ email })
    expect(error.message).toContain('Input `email` is required')
    expect(error.message).not.toContain(PASSWORD)
    expect(error.message).not.toContain(PASSWORD.trim())
  })

  it.each(['not-an-email', 'two@@example.co', 'a b@example.co', 'robot@', '@example.co'])(
    'rejects the malformed email %j without repeating it or the password',
    (email) => {
      const error = failure({ email })
      expect(error.message).toContain('Input `email` does not look like an email address')
      expect(error.message).not.toContain(email)
      expect(error.message).not.toContain(PASSWORD.trim())
    }
  )

  it('trims the email', () => {
    const { read, mask } = fakeRunner({ email: `  ${EMAIL}\n` })
    expect(readTokenInputs(read, mask).email).toBe(EMAIL)
  })
})

describe('readTokenInputs: timeout and retries', () => {
  it.each([
    'abc',
    '',
    '0',
    '-5',
    '600.5',
    '601',
    'NaN',
    'Infinity',
    '0x10',
    '0b11',
    '1e2',
    '+5',
    '1_0'
  ])('rejects timeout %j, naming the input', (timeout) => {
    const error = failure({ timeout })
    expect(error.message).toContain('Input `timeout`')
    expect(error.message).toContain(`(got "${timeout}")`)
  })

  it.each(['-1', '1.5', 'x', '11', '', ' ', '1e1'])(
    'rejects retries %j, naming the input',
    (retries) => {
      const error = failure({ retries })
      expect(error.message).toContain('Input `retries` must be a whole number from 0 to 10')
    }
  )

  it.each([
    ['30', 30_000],
    ['1', 1000],
    ['2.5', 2500],
    ['0.25', 250],
    ['600', 600_000],
    [' 45 ', 45_000],
    ['.5', 500],
    ['5.', 5000]
  ])('turns timeout %j seconds into %i ms', (timeout, ms) => {
    const { read, mask } = fakeRunner({ timeout })
    expect(readTokenInputs(read, mask).timeoutMs).toBe(ms)
  })

  it.each([
    ['0', 0],
    ['3', 3],
    ['10', 10],
    [' 7 ', 7]
  ])('reads retries %j as %i', (retries, expected) => {
    const { read, mask } = fakeRunner({ retries })
    expect(readTokenInputs(read, mask).retries).toBe(expected)
  })

  it('returns every input checked and converted', () => {
    const { read, mask } = fakeRunner()
    const inputs = readTokenInputs(read, mask)
    expect(inputs).toEqual({
      email: EMAIL,
      password: PASSWORD,
      auth: 'form',
      apiUrl: new URL('https://enterprise.personr.co/api/1.1/wf'),
      endpoint: new URL('https://enterprise.personr.co/api/1.1/wf/api-token-generate'),
      timeoutMs: 30_000,
      retries: 3
    })
  })
})

describe('readTokenInputs: auth', () => {
  it('mints at api-basic-auth with auth basic', () => {
    const { read, mask } = fakeRunner({ auth: 'Basic' })
    const inputs = readTokenInputs(read, mask)
    expect(inputs.auth).toBe('basic')
    expect(inputs.endpoint.href).toBe('https://enterprise.personr.co/api/1.1/wf/api-basic-auth')
  })

  it('refuses an email with a colon for auth basic, without repeating the email', () => {
    const error = failure({ email: 'ro:bot@example.co', auth: 'basic' })
    expect(error.message).toBe(
      'Input `email` contains a colon, which `auth: basic` cannot send (it separates the email from the password). Use `auth: form`.'
    )
  })

  it('keeps an email with a colon for auth form', () => {
    const { read, mask } = fakeRunner({ email: 'ro:bot@example.co' })
    expect(readTokenInputs(read, mask).email).toBe('ro:bot@example.co')
  })

  it('refuses another way, quoting it', () => {
    expect(failure({ auth: 'oauth' }).message).toBe(
      'Input `auth` must be `form` or `basic` (got "oauth").'
    )
  })
})

describe('basicAuthorization', () => {
  it('is Basic and the base64 of email:password, in UTF-8', () => {
    const header = basicAuthorization({ email: 'a@b.c', password: 'pä:ss' })
    expect(header).toBe(`Basic ${Buffer.from('a@b.c:pä:ss', 'utf8').toString('base64')}`)
  })
})

describe('readApiUrl', () => {
  it.each(['', 'enterprise.personr.co/api/1.1/wf', 'not a url', '/api/1.1/wf'])(
    'rejects %j as not a URL',
    (value) => {
      expect(() => readApiUrl(value)).toThrow(ActionError)
      expect(() => readApiUrl(value)).toThrow(/Input `api-url` is not a URL/)
    }
  )

  it('accepts https and appends /api-token-generate', () => {
    expect(readApiUrl('https://enterprise.personr.co/api/1.1/wf').href).toBe(
      'https://enterprise.personr.co/api/1.1/wf/api-token-generate'
    )
  })

  it.each(['http://example.com/api/1.1/wf', 'http://10.0.0.1/api', 'http://enterprise.personr.co'])(
    'rejects plain http for the non-loopback %s',
    (value) => {
      expect(() => readApiUrl(value)).toThrow(/Input `api-url` must use https:\/\//)
    }
  )

  it.each(['ftp://example.com/wf', 'file:///etc/passwd', 'ws://localhost/wf'])(
    'rejects the scheme of %s',
    (value) => {
      expect(() => readApiUrl(value)).toThrow(/Input `api-url` must use https:\/\//)
    }
  )

  it.each([
    ['http://localhost:8080/api/1.1/wf', 'http://localhost:8080/api/1.1/wf/api-token-generate'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/api-token-generate'],
    ['http://127.5.6.7/wf', 'http://127.5.6.7/wf/api-token-generate'],
    ['http://[::1]:9000/wf/', 'http://[::1]:9000/wf/api-token-generate']
  ])('accepts plain http for the loopback %s', (value, endpoint) => {
    expect(readApiUrl(value).href).toBe(endpoint)
  })

  it.each([
    'https://user:pass@enterprise.personr.co/api/1.1/wf',
    'https://user@enterprise.personr.co/api/1.1/wf',
    'http://user:pass@localhost/wf'
  ])('rejects credentials in %s without repeating them', (value) => {
    let message = ''
    try {
      readApiUrl(value)
    } catch (error) {
      expect(error).toBeInstanceOf(ActionError)
      message = (error as Error).message
    }
    expect(message).toContain('must not contain a user name or password')
    expect(message).not.toContain('pass@')
    expect(message).not.toContain('user:')
  })

  it.each([
    'https://enterprise.personr.co/api/1.1/wf/',
    'https://enterprise.personr.co/api/1.1/wf///',
    'https://enterprise.personr.co/api/1.1/wf?x=1#frag'
  ])('normalises %s to one slash before api-token-generate', (value) => {
    expect(readApiUrl(value).href).toBe(
      'https://enterprise.personr.co/api/1.1/wf/api-token-generate'
    )
  })

  it('appends to the root of a bare host', () => {
    expect(readApiUrl('https://enterprise.personr.co').href).toBe(
      'https://enterprise.personr.co/api-token-generate'
    )
    expect(readApiUrl('https://enterprise.personr.co/').href).toBe(
      'https://enterprise.personr.co/api-token-generate'
    )
  })

  it('keeps a /version-test/ base', () => {
    expect(readApiUrl('https://enterprise.personr.co/version-test/api/1.1/wf/').href).toBe(
      'https://enterprise.personr.co/version-test/api/1.1/wf/api-token-generate'
    )
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

  it('is what readTokenInputs uses as the endpoint', () => {
    const { read, mask } = fakeRunner({ 'api-url': '  http://127.0.0.1:4010/version-test/wf/  ' })
    expect(readTokenInputs(read, mask).endpoint.href).toBe(
      'http://127.0.0.1:4010/version-test/wf/api-token-generate'
    )
  })
})

describe('withDefaults', () => {
  const read = withDefaults(
    (name) =>
      ({ timeout: '', retries: '  ', email: '', 'api-url': 'https://x.example' })[name] ?? ''
  )

  it.each([
    ['timeout', '30'],
    ['retries', '3']
  ])('takes an empty or blank %s as its default %j', (name, value) => {
    expect(read(name)).toBe(value)
  })

  it('takes an absent api-url and github-api-url as their defaults', () => {
    const absent = withDefaults(() => '')
    expect(absent('api-url')).toBe('https://enterprise.personr.co/api/1.1/wf')
    expect(absent('github-api-url')).toBe('https://api.github.com')
  })

  it('keeps a value that was given', () => {
    expect(read('api-url')).toBe('https://x.example')
  })

  it('leaves an input without a default empty', () => {
    expect(read('email')).toBe('')
  })

  it('has a default for exactly the inputs that need one', () => {
    expect(Object.keys(INPUT_DEFAULTS).sort()).toEqual([
      'api-url',
      'auth',
      'dry-run',
      'github-api-url',
      'retries',
      'timeout'
    ])
  })
})

describe('describeWhitespace', () => {
  it.each([
    ['secret\n', 'ends with a line feed'],
    ['secret\r\n', 'ends with a carriage return and a line feed'],
    ['  secret', 'starts with 2 spaces'],
    ['\tsecret ', 'starts with a tab and ends with a space'],
    ['secret \t\t\n', 'ends with a space, 2 tabs and a line feed'],
    ['secret\u00a0', 'ends with a whitespace character']
  ])('describes %j as %j', (secret, words) => {
    expect(describeWhitespace(secret)).toBe(words)
  })

  it.each(['secret', 'sec ret', ''])('finds nothing to say about %j', (secret) => {
    expect(describeWhitespace(secret)).toBeUndefined()
  })

  it('never repeats the secret', () => {
    expect(describeWhitespace(' hunter2\n')).not.toContain('hunter2')
  })
})
