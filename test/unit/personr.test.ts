import { describe, expect, it, vi } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import {
  MAX_RESPONSE_BYTES,
  type HttpResponse,
  type HttpRequest,
  type Send
} from '../../src/http.ts'
import type { TokenInputs } from '../../src/inputs.ts'
import {
  interpretTokenResponse,
  mintToken,
  tokenRequest,
  type MintedToken
} from '../../src/personr.ts'
import type { Outcome } from '../../src/retry.ts'
import { thrown } from '../support/caught.ts'
import { fixture } from '../support/fixtures.ts'
import { FakeClock } from '../fakes/clock.ts'
import { keep } from '../support/redaction.ts'
import { response, scriptedSend } from '../fakes/send.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const ENDPOINT = new URL('https://enterprise.personr.co/api/1.1/wf/api-token-generate')
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'
const USER_ID = '4242424242424x424242424242424242'
const YEAR = 31_536_000

/** The 200 example exactly as published (its token, user_id and expires are the ones above). */
const SUCCESS = fixture('personr/token-success.json')

/** The 400 example exactly as published: trailing comma and curly apostrophe. */
const PUBLISHED_400 = fixture('personr/invalid-login.json')

const MISSING_DATA_400 =
  '{"statusCode":400,"body":{"status":"MISSING_DATA","message":"Missing parameter for workflow api-token-generate: parameter email"}}'

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>'

function successBody(response: Record<string, unknown>, status: unknown = 'success'): string {
  return JSON.stringify({ status, response })
}

function inputs(overrides: Partial<TokenInputs> = {}): TokenInputs {
  return {
    email: 'robot@example.co',
    password: 'hunter2-secret',
    auth: 'form',
    apiUrl: new URL('https://enterprise.personr.co/api/1.1/wf'),
    endpoint: ENDPOINT,
    timeoutMs: 30_000,
    retries: 3,
    ...overrides
  }
}

/** Reads a request body (a form-data stream) to the end, without sockets or timers. */
function readBody(body: HttpRequest['body']): Promise<Buffer> {
  if (body === undefined || typeof body === 'string') {
    return Promise.reject(new Error('expected a stream body'))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    body.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)))
    body.on('end', () => resolve(Buffer.concat(chunks)))
    body.on('error', reject)
    body.resume()
  })
}

function boundaryOf(request: HttpRequest): string {
  const type = String(request.headers['content-type'])
  const match = /^multipart\/form-data; boundary=(.+)$/.exec(type)
  if (!match?.[1]) throw new Error(`not a multipart content type: ${type}`)
  return match[1]
}

/** The exact multipart encoding of text fields, as RFC 7578 has it. */
function expectedMultipart(boundary: string, fields: [string, string][]): string {
  return (
    fields
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      )
      .join('') + `--${boundary}--\r\n`
  )
}

const INPUTS = {
  apiUrl: new URL('https://enterprise.personr.co/api/1.1/wf'),
  endpoint: ENDPOINT,
  password: 'hunter2-correct'
}

function interpret(a: HttpResponse, mask = vi.fn(), now = NOW): Outcome<MintedToken> {
  return interpretTokenResponse(a, INPUTS, { now, mask, redact: keep })
}

describe('tokenRequest: auth basic', () => {
  it('posts no body, with the Basic header, to the endpoint it is given', () => {
    const basic = inputs({
      auth: 'basic',
      endpoint: new URL('https://p.example/wf/api-basic-auth')
    })
    expect(tokenRequest(basic)).toEqual({
      method: 'POST',
      url: 'https://p.example/wf/api-basic-auth',
      input: 'api-url',
      headers: {
        authorization: `Basic ${Buffer.from('robot@example.co:hunter2-secret').toString('base64')}`,
        accept: 'application/json',
        'content-length': 0
      }
    })
  })
})

describe('tokenRequest', () => {
  it('names api-url as the input to check, and asks for JSON', () => {
    const request = tokenRequest(inputs())
    expect(request.input).toBe('api-url')
    expect(request.headers.accept).toBe('application/json')
  })

  it('posts multipart/form-data with the email and password fields to the endpoint', async () => {
    const request = tokenRequest(inputs())
    expect(request.method).toBe('POST')
    expect(request.url).toBe(ENDPOINT.href)
    expect(request.headers.accept).toBe('application/json')
    const boundary = boundaryOf(request)
    const text = (await readBody(request.body)).toString('utf8')
    expect(text).toBe(
      expectedMultipart(boundary, [
        ['email', 'robot@example.co'],
        ['password', 'hunter2-secret']
      ])
    )
  })

  it('sets Content-Length to the byte length of the body stream', async () => {
    const request = tokenRequest(inputs({ email: 'zoë@exämple.co', password: 'pässwörd 🔑' }))
    const bytes = await readBody(request.body)
    expect(request.headers['content-length']).toBe(bytes.length)
    // Bytes, not characters: the non-ASCII fields make the two differ.
    expect(bytes.toString('utf8').length).not.toBe(bytes.length)
  })

  it('keeps non-ASCII and |"&=;\\ characters intact', async () => {
    const password = ' pä$$|wörd"&=;\\ 🔑 %20+ '
    const email = 'zoë+tag@exämple.co'
    const request = tokenRequest(inputs({ email, password }))
    const bytes = await readBody(request.body)
    expect(bytes.includes(Buffer.from(`\r\n\r\n${password}\r\n`, 'utf8'))).toBe(true)
    expect(bytes.includes(Buffer.from(`\r\n\r\n${email}\r\n`, 'utf8'))).toBe(true)
    expect(bytes.toString('utf8')).toBe(
      expectedMultipart(boundaryOf(request), [
        ['email', email],
        ['password', password]
      ])
    )
    expect(request.headers['content-length']).toBe(bytes.length)
  })

  it('builds a new body stream and boundary every time', () => {
    const first = tokenRequest(inputs())
    const second = tokenRequest(inputs())
    expect(second.body).not.toBe(first.body)
    expect(boundaryOf(second)).not.toBe(boundaryOf(first))
  })
})

describe('interpretTokenResponse: 200', () => {
  it('reads the published success answer and masks the token', () => {
    const mask = vi.fn()
    expect(interpret(response(200, SUCCESS), mask)).toEqual({
      done: {
        token: TOKEN,
        userId: USER_ID,
        expires: YEAR,
        expiresAt: new Date(NOW + YEAR * 1000)
      }
    })
    expect(mask).toHaveBeenCalledWith(TOKEN)
    expect(new Date(NOW + YEAR * 1000).toISOString()).toBe('2026-01-01T00:00:00.000Z')
  })

  it('computes expiresAt from the time it is given', () => {
    const outcome = interpret(response(200, SUCCESS), vi.fn(), NOW + 1234)
    expect(outcome).toMatchObject({ done: { expiresAt: new Date(NOW + 1234 + YEAR * 1000) } })
  })

  it('accepts a numeric user_id as a string', () => {
    const body = successBody({ token: TOKEN, user_id: 12345, expires: 60 })
    expect(interpret(response(200, body))).toMatchObject({ done: { userId: '12345', expires: 60 } })
  })

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><title>Personr</title></html>'],
    ['an empty body', ''],
    ['an empty body', '  \n'],
    ['a body that is not JSON', 'token=abc&user=1'],
    ['a body that is not JSON', SUCCESS.slice(0, 60)]
  ])('rejects %s instead of a token', (what, body) => {
    const mask = vi.fn()
    const error = thrown(() => interpret(response(200, body), mask))
    expect(error.message).toBe(
      `Personr answered 200 OK but with ${what} instead of a token. Check that \`api-url\` points at Personr's workflow API.`
    )
    expect(error.message).not.toContain(TOKEN)
  })

  it('rejects a status other than success, naming it', () => {
    const body = JSON.stringify({ status: 'error', message: 'Workflow failed' })
    const error = thrown(() => interpret(response(200, body)))
    expect(error.message).toBe(
      'Personr answered 200 OK but not with success (error): Workflow failed. No token was issued.'
    )
  })

  it('rejects an answer without a status, masking a token it carries', () => {
    const mask = vi.fn()
    const body = JSON.stringify({ response: { token: TOKEN, user_id: USER_ID, expires: YEAR } })
    const error = thrown(() => interpret(response(200, body), mask))
    expect(error.message).toContain('but not with success (no status)')
    expect(error.message).not.toContain(TOKEN)
    expect(mask).toHaveBeenCalledWith(TOKEN)
  })

  const RANGE = 'not a whole number of seconds from 1 to 315576000 (ten years)'
  it.each([
    ['a missing token', { user_id: USER_ID, expires: YEAR }, 'without a token'],
    ['an empty token', { token: '', user_id: USER_ID, expires: YEAR }, 'without a token'],
    ['a numeric token', { token: 42, user_id: USER_ID, expires: YEAR }, 'without a token'],
    ['a missing user_id', { token: TOKEN, expires: YEAR }, 'without a user_id'],
    ['an empty user_id', { token: TOKEN, user_id: '', expires: YEAR }, 'without a user_id'],
    ['expires 0', { token: TOKEN, user_id: USER_ID, expires: 0 }, `\`expires\` is 0, ${RANGE}`],
    [
      'a negative expires',
      { token: TOKEN, user_id: USER_ID, expires: -1 },
      `\`expires\` is -1, ${RANGE}`
    ],
    [
      'expires as a string',
      { token: TOKEN, user_id: USER_ID, expires: '31536000' },
      '`expires` is a string, not a number of seconds'
    ],
    ['a missing expires', { token: TOKEN, user_id: USER_ID }, 'without `expires`']
  ])('rejects a success with %s, without showing the token', (_what, fields, problem) => {
    const mask = vi.fn()
    const error = thrown(() => interpret(response(200, successBody(fields)), mask))
    expect(error.message).toMatch(
      new RegExp(
        `^Personr answered 200 OK with success, but ${escape(problem)}, so there is no usable token\\. `
      )
    )
    expect(error.message).toContain("minting invalidated the account's previous token")
    expect(error.message).not.toContain(TOKEN)
  })

  it('masks the token before rejecting a success that lacks user_id', () => {
    const mask = vi.fn()
    thrown(() => interpret(response(200, successBody({ token: TOKEN, expires: YEAR })), mask))
    expect(mask).toHaveBeenCalledWith(TOKEN)
  })

  it('does not mask anything when there is no token', () => {
    const mask = vi.fn()
    thrown(() => interpret(response(200, successBody({ token: '', user_id: USER_ID })), mask))
    expect(mask).not.toHaveBeenCalled()
  })
})

describe('interpretTokenResponse: refusals', () => {
  it('reports the published 400 as refused credentials, reason and message first', () => {
    const error = thrown(() => interpret(response(400, PUBLISHED_400)))
    expect(
      error.message.startsWith(
        'Personr refused the credentials (INVALID_LOGIN_CREDENTIALS): We didn’t find an account with those login credentials'
      )
    ).toBe(true)
    expect(error.message).toContain('Check the `email` and `password` secrets')
    expect(error.message).toContain('not retried')
  })

  it('reports Bubble’s nested MISSING_DATA 400', () => {
    const error = thrown(() => interpret(response(400, MISSING_DATA_400)))
    expect(error.message).toMatch(
      /^Personr rejected the request with 400 \(MISSING_DATA\): Missing parameter for workflow api-token-generate: parameter email\. /
    )
  })

  it('reports a 400 without a body by its status', () => {
    const error = thrown(() => interpret(response(400, '')))
    expect(error.message).toMatch(/^Personr rejected the request with 400 \(HTTP 400\)\. /)
  })

  it.each([401, 403])('reports %i as a rejection to fix in the secrets', (status) => {
    const error = thrown(() => interpret(response(status, '')))
    expect(error.message).toMatch(new RegExp(`^Personr rejected the request with ${status}`))
    expect(error.message).toContain('Check the `email` and `password` secrets')
  })

  it('reports a 401 that names a wrong password as refused credentials', () => {
    const body = '{"reason":"WRONG_PASSWORD","message":"Wrong password"}'
    const error = thrown(() => interpret(response(401, body)))
    expect(error.message).toMatch(/^Personr refused the credentials \(WRONG_PASSWORD\)/)
  })

  it('reports 404 as a wrong api-url', () => {
    const error = thrown(() => interpret(response(404, '')))
    expect(error.message).toBe(
      "Personr answered 404 Not Found. Check that `api-url` (https://enterprise.personr.co/api/1.1/wf) is Personr's workflow API; this is not retried."
    )
  })

  it('reports a Bubble 404 with its details', () => {
    const body = '{"statusCode":404,"body":{"status":"NOT_FOUND","message":"Workflow not found"}}'
    const error = thrown(() => interpret(response(404, body)))
    expect(error.message).toMatch(
      /^Personr answered 404 Not Found \(NOT_FOUND\): Workflow not found\. Check that `api-url`/
    )
  })

  it.each([201, 204, 418])('does not take %i for a token answer', (status) => {
    const error = thrown(() => interpret(response(status, SUCCESS)))
    expect(error.message).toContain(`Personr answered ${status}`)
    expect(error.message).toContain('`api-url`')
  })
})

describe('interpretTokenResponse: transient answers', () => {
  it.each([
    [408, '', 'Personr answered 408 Request Timeout'],
    [429, '', 'Personr answered 429 Too Many Requests'],
    [
      500,
      '{"status":"error","message":"Internal"}',
      'Personr answered 500 Internal Server Error (error): Internal'
    ],
    [502, HTML_502, 'Personr answered 502 Bad Gateway: an HTML page titled "502 Bad Gateway"'],
    [503, '', 'Personr answered 503 Service Unavailable'],
    [504, '<html></html>', 'Personr answered 504 Gateway Timeout: an HTML page'],
    [599, '', 'Personr answered 599']
  ])('turns %i into a retry', (status, body, reason) => {
    expect(interpret(response(status, body))).toEqual({ retry: reason, retryAfterMs: undefined })
  })

  it('takes the wait from Retry-After in seconds', () => {
    expect(interpret(response(429, '', { 'retry-after': '20' }))).toEqual({
      retry: 'Personr answered 429 Too Many Requests',
      retryAfterMs: 20_000
    })
  })

  it('takes the wait from Retry-After as an HTTP date, relative to now', () => {
    const later = new Date(NOW + 45_000).toUTCString()
    expect(interpret(response(503, '', { 'retry-after': later }))).toEqual({
      retry: 'Personr answered 503 Service Unavailable',
      retryAfterMs: 45_000
    })
  })

  it('ignores a Retry-After that does not parse', () => {
    expect(interpret(response(503, '', { 'retry-after': 'later' }))).toEqual({
      retry: 'Personr answered 503 Service Unavailable',
      retryAfterMs: undefined
    })
  })
})

describe('interpretTokenResponse: redirects and oversized answers', () => {
  it.each([
    [301, 'https://personr.co/login', 'https://personr.co/login'],
    [
      302,
      '/version-test/api/1.1/wf/api-token-generate',
      'https://enterprise.personr.co/version-test/api/1.1/wf/api-token-generate'
    ],
    [307, 'login?next=1', 'https://enterprise.personr.co/api/1.1/wf/login?next=1'],
    [308, '//other.example/wf', 'https://other.example/wf']
  ])('reports %i to %s as a redirect to %s, not followed', (status, location, target) => {
    const error = thrown(() => interpret(response(status, '', { location })))
    expect(error.message).toContain(`Personr answered ${status}`)
    expect(error.message).toContain(`a redirect to ${target}.`)
    expect(error.message).toContain('does not follow redirects')
    expect(error.message).toContain('`api-url`')
  })

  it('reports a redirect without a Location', () => {
    const error = thrown(() => interpret(response(302, '')))
    expect(error.message).toContain('a redirect to no location.')
  })

  it('reports a redirect whose Location is not a URL as a redirect, not as "Invalid URL"', () => {
    const error = thrown(() => interpret(response(302, '', { location: 'http://[::1' })))
    expect(error.message).toContain(
      'Personr answered 302 Found, a redirect to "http://[::1" (not a valid URL).'
    )
    expect(error.message).toContain('does not follow redirects')
  })

  it('reports a blank Location as no location', () => {
    const error = thrown(() => interpret(response(301, '', { location: '  ' })))
    expect(error.message).toContain('a redirect to no location.')
  })

  it('takes a 300 for a redirect too', () => {
    expect(thrown(() => interpret(response(300, '', { location: '/x' }))).message).toContain(
      'a redirect to https://enterprise.personr.co/x.'
    )
  })

  it('says where the whitespace of a refused password is, never the password', () => {
    const error = thrown(() =>
      interpretTokenResponse(
        response(400, fixture('personr/invalid-login.json')),
        { ...INPUTS, password: 'hunter2-correct\n' },
        { now: NOW, mask: vi.fn(), redact: keep }
      )
    )
    expect(error.message).toContain(
      'The password is sent exactly as given, and it ends with a line feed: if that is not part of the password, save the secret again without it.'
    )
    expect(error.message).not.toContain('hunter2')
  })

  it.each([200, 503])('rejects a %i answer that was too large, even a success', (status) => {
    const mask = vi.fn()
    const error = thrown(() => interpret(response(status, SUCCESS, {}, true), mask))
    expect(error.message).toContain(`larger than ${MAX_RESPONSE_BYTES / 1024} KiB`)
    expect(error.message).toContain('`api-url`')
    expect(error.message).not.toContain(TOKEN)
  })
})

describe('mintToken', () => {
  function setup(...answers: (HttpResponse | Error)[]) {
    const clock = new FakeClock(NOW)
    const mask = vi.fn()
    const log = vi.fn()
    const { send, requests, signals } = scriptedSend(...answers)
    const options = { send, clock, mask, log, random: () => 0, redact: keep }
    return { clock, mask, log, send, requests, signals, options }
  }

  it('returns the token of a first successful answer', async () => {
    const { options, send, clock, mask, signals } = setup(response(200, SUCCESS))
    await expect(mintToken(inputs(), options)).resolves.toEqual({
      token: TOKEN,
      userId: USER_ID,
      expires: YEAR,
      expiresAt: new Date(NOW + YEAR * 1000)
    })
    expect(send).toHaveBeenCalledTimes(1)
    expect(send.mock.calls[0]?.[0]).toMatchObject({ method: 'POST', url: ENDPOINT.href })
    expect(signals[0]?.aborted).toBe(false)
    expect(mask).toHaveBeenCalledWith(TOKEN)
    expect(clock.sleeps).toEqual([])
  })

  it('retries a 503 once after the backoff, and dates the token from the answer', async () => {
    const { options, send, clock, log } = setup(response(503, ''), response(200, SUCCESS))
    const minted = await mintToken(inputs(), options)
    expect(minted.token).toBe(TOKEN)
    expect(send).toHaveBeenCalledTimes(2)
    expect(clock.sleeps).toEqual([500])
    expect(minted.expiresAt).toEqual(new Date(NOW + 500 + YEAR * 1000))
    expect(log).toHaveBeenCalledWith(
      'Attempt 1 of 4 failed with Personr answered 503 Service Unavailable; retrying in 0.5 s.'
    )
  })

  it('waits what Retry-After says on a 429', async () => {
    const { options, clock } = setup(
      response(429, '', { 'retry-after': '3' }),
      response(200, SUCCESS)
    )
    await mintToken(inputs(), options)
    expect(clock.sleeps).toEqual([3000])
  })

  it('does not retry the published 400', async () => {
    const { options, send, clock } = setup(response(400, PUBLISHED_400), response(200, SUCCESS))
    const error = await mintToken(inputs(), options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toMatch(/^Personr refused the credentials/)
    expect(send).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
  })

  it('retries a connection reset', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    const { options, send, clock, log } = setup(reset, response(200, SUCCESS))
    await expect(mintToken(inputs(), options)).resolves.toMatchObject({ token: TOKEN })
    expect(send).toHaveBeenCalledTimes(2)
    expect(clock.sleeps).toEqual([500])
    expect(log).toHaveBeenCalledWith(
      'Attempt 1 of 4 failed with network error ECONNRESET; retrying in 0.5 s.'
    )
  })

  it('gives up after `retries` retries', async () => {
    const { options, send } = setup(response(503, ''), response(503, ''), response(503, ''))
    const error = await mintToken(inputs({ retries: 2 }), options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toContain(
      'Could not mint a Personr token after 3 attempts; the last one failed with Personr answered 503 Service Unavailable.'
    )
    expect(send).toHaveBeenCalledTimes(3)
  })

  it('retries an attempt that hangs past the timeout', async () => {
    const { clock, mask, log } = setup()
    let calls = 0
    const send: Send = (_request, signal) => {
      calls++
      if (calls > 1) return Promise.resolve(response(200, SUCCESS))
      const pending = new Promise<HttpResponse>((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('This operation was aborted')))
      })
      clock.advance(10_000)
      return pending
    }
    const minted = await mintToken(inputs({ timeoutMs: 10_000 }), {
      send,
      clock,
      mask,
      log,
      random: () => 0,
      redact: keep
    })
    expect(minted.token).toBe(TOKEN)
    expect(calls).toBe(2)
    expect(log).toHaveBeenCalledWith(
      'Attempt 1 of 4 failed with no complete answer within 10 s; retrying in 0.5 s.'
    )
  })

  it('sends every attempt a fresh, complete body stream', async () => {
    const { options, requests } = setup(
      response(503, ''),
      response(502, HTML_502),
      response(200, SUCCESS)
    )
    await mintToken(inputs(), options)
    expect(requests).toHaveLength(3)
    expect(new Set(requests.map((r) => r.body)).size).toBe(3)
    for (const request of requests) {
      const text = (await readBody(request.body)).toString('utf8')
      expect(text).toBe(
        expectedMultipart(boundaryOf(request), [
          ['email', 'robot@example.co'],
          ['password', 'hunter2-secret']
        ])
      )
      expect(request.headers['content-length']).toBe(Buffer.byteLength(text))
    }
  })
})

/** A literal string as a regular expression source. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
