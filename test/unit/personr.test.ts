import { describe, expect, it, vi } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import { MAX_RESPONSE_BYTES, type HttpResponse, type HttpRequest } from '../../src/http.ts'
import type { TokenInputs } from '../../src/inputs.ts'
import {
  interpretTokenResponse,
  mintToken,
  tokenRequest,
  type MintedToken
} from '../../src/personr.ts'
import type { Outcome } from '../../src/retry.ts'
import { rejection, thrown } from '../support/caught.ts'
import { fixture } from '../support/fixtures.ts'
import { FakeClock } from '../fakes/clock.ts'
import { keep } from '../support/redaction.ts'
import { response, scriptedSend } from '../fakes/send.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const ENDPOINT = new URL('https://enterprise.personr.co/api/1.1/wf/api-token-generate')
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'
const YEAR = 31_536_000
/** The 200 example exactly as published (its token is TOKEN). */
const SUCCESS = fixture('personr/token-success.json')
/** The 400 example exactly as published: trailing comma and curly apostrophe. */
const PUBLISHED_400 = fixture('personr/invalid-login.json')
const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>'

const inputs = (overrides: Partial<TokenInputs> = {}): TokenInputs => ({
  email: 'robot@example.co',
  password: 'hunter2-secret',
  auth: 'form',
  apiUrl: new URL('https://enterprise.personr.co/api/1.1/wf'),
  endpoint: ENDPOINT,
  timeoutMs: 30_000,
  retries: 3,
  ...overrides
})

/** Reads a request body (a form-data stream) to the end, without sockets or timers. */
function readBody(body: HttpRequest['body']): Promise<Buffer> {
  if (body === undefined || typeof body === 'string') throw new Error('expected a stream body')
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    body.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)))
    body.on('end', () => resolve(Buffer.concat(chunks)))
    body.on('error', reject)
    body.resume()
  })
}

/** The request's exact multipart encoding of the text fields, as RFC 7578 has it. */
function expectedMultipart(request: HttpRequest, fields: [string, string][]): string {
  const type = String(request.headers['content-type'])
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(type)?.[1]
  if (!boundary) throw new Error(`not a multipart content type: ${type}`)
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
  )
  return `${parts.join('')}--${boundary}--\r\n`
}

const INPUTS = { ...inputs(), password: 'hunter2-correct' }
const interpret = (a: HttpResponse, mask = vi.fn(), now = NOW): Outcome<MintedToken> =>
  interpretTokenResponse(a, INPUTS, { now, mask, redact: keep })
const refusal = (a: HttpResponse, password = INPUTS.password): string =>
  thrown(() =>
    interpretTokenResponse(a, { ...INPUTS, password }, { now: NOW, mask: vi.fn(), redact: keep })
  ).message

describe('tokenRequest', () => {
  it('posts no body with auth basic, with the Basic header, to the endpoint it is given', () => {
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

  it('posts the fields intact as multipart/form-data, with their length in bytes, asking for JSON', async () => {
    const password = ' pä$$|wörd"&=;\\ 🔑 %20+ '
    const email = 'zoë+tag@exämple.co'
    const request = tokenRequest(inputs({ email, password }))
    expect(request).toMatchObject({ method: 'POST', url: ENDPOINT.href, input: 'api-url' })
    expect(request.headers.accept).toBe('application/json')
    const bytes = await readBody(request.body)
    expect(bytes.toString('utf8')).toBe(
      expectedMultipart(request, [
        ['email', email],
        ['password', password]
      ])
    )
    // Bytes, not characters: the non-ASCII fields make the two differ.
    expect(request.headers['content-length']).toBe(bytes.length)
    expect(bytes.toString('utf8').length).not.toBe(bytes.length)
  })
})

describe('interpretTokenResponse', () => {
  it('reads the published success answer, dated from the time it is given, and masks the token', () => {
    const mask = vi.fn()
    expect(interpret(response(200, SUCCESS), mask, NOW + 1234)).toEqual({
      done: {
        token: TOKEN,
        userId: '4242424242424x424242424242424242',
        expires: YEAR,
        expiresAt: new Date(NOW + 1234 + YEAR * 1000)
      }
    })
    expect(mask).toHaveBeenCalledWith(TOKEN, { token: true })
  })

  const SECRETS = 'Check the `email` and `password` secrets; this is not retried'
  const API_URL =
    "Check that `api-url` (https://enterprise.personr.co/api/1.1/wf) is Personr's workflow API; this is not retried."
  it.each([
    [
      400,
      PUBLISHED_400,
      'Personr refused the credentials (INVALID_LOGIN_CREDENTIALS): We didn’t find an account with those login credentials',
      SECRETS
    ],
    [
      400,
      '{"statusCode":400,"body":{"status":"MISSING_DATA","message":"Missing parameter for workflow api-token-generate: parameter email"}}',
      'Personr rejected the request with 400 (MISSING_DATA): Missing parameter for workflow api-token-generate: parameter email. ',
      SECRETS
    ],
    [400, '', 'Personr rejected the request with 400 (HTTP 400). ', SECRETS],
    [401, '', 'Personr rejected the request with 401 (HTTP 401). ', SECRETS],
    [403, '', 'Personr rejected the request with 403 (HTTP 403). ', SECRETS],
    [
      401,
      '{"reason":"WRONG_PASSWORD","message":"Wrong password"}',
      'Personr refused the credentials (WRONG_PASSWORD)',
      SECRETS
    ],
    [404, '', 'Personr answered 404 Not Found. ', API_URL],
    [
      404,
      '{"statusCode":404,"body":{"status":"NOT_FOUND","message":"Workflow not found"}}',
      'Personr answered 404 Not Found (NOT_FOUND): Workflow not found. ',
      API_URL
    ],
    [201, SUCCESS, 'Personr answered 201', API_URL],
    [204, SUCCESS, 'Personr answered 204', API_URL],
    [418, SUCCESS, 'Personr answered 418', API_URL]
  ])('refuses %i %j, saying what to check', (status, body, start, advice) => {
    const message = refusal(response(status, body))
    expect(message.startsWith(start), message).toBe(true)
    expect(message).toContain(advice)
  })

  it('says where the whitespace of a refused password is, never the password', () => {
    const message = refusal(response(400, PUBLISHED_400), 'hunter2-correct\n')
    expect(message).toContain(
      'The password is sent exactly as given, and it ends with a line feed: if that is not part of the password, save the secret again without it.'
    )
    expect(message).not.toContain('hunter2')
  })

  it.each([
    [408, '', {}, 'Personr answered 408 Request Timeout', undefined],
    [429, '', { 'retry-after': '20' }, 'Personr answered 429 Too Many Requests', 20_000],
    [
      500,
      '{"status":"error","message":"Internal"}',
      {},
      'Personr answered 500 Internal Server Error (error): Internal',
      undefined
    ],
    [
      502,
      HTML_502,
      {},
      'Personr answered 502 Bad Gateway: an HTML page titled "502 Bad Gateway"',
      undefined
    ],
    [
      503,
      '',
      { 'retry-after': new Date(NOW + 45_000).toUTCString() },
      'Personr answered 503 Service Unavailable',
      45_000
    ],
    [503, '', { 'retry-after': 'later' }, 'Personr answered 503 Service Unavailable', undefined],
    [504, '<html></html>', {}, 'Personr answered 504 Gateway Timeout: an HTML page', undefined],
    [599, '', {}, 'Personr answered 599', undefined]
  ])('retries %i %j, waiting what Retry-After %j says', (status, body, headers, retry, wait) => {
    expect(interpret(response(status, body, headers))).toEqual({ retry, retryAfterMs: wait })
  })

  it.each([
    [301, 'https://personr.co/login', 'https://personr.co/login'],
    [302, '/version-test/api/1.1/wf/x', 'https://enterprise.personr.co/version-test/api/1.1/wf/x'],
    [307, 'login?next=1', 'https://enterprise.personr.co/api/1.1/wf/login?next=1'],
    [308, '//other.example/wf', 'https://other.example/wf'],
    [300, '/x', 'https://enterprise.personr.co/x'],
    [302, undefined, 'no location'],
    [301, '  ', 'no location'],
    // Not a URL: a redirect all the same, not "Invalid URL".
    [302, 'http://[::1', '"http://[::1" (not a valid URL)']
  ])('reports %i to %j as a redirect to %s, not followed', (status, location, target) => {
    const message = refusal(response(status, '', location === undefined ? {} : { location }))
    expect(message).toMatch(new RegExp(`^Personr answered ${status}`))
    expect(message).toContain(`, a redirect to ${target}. `)
    expect(message).toContain('does not follow redirects')
    expect(message).toContain('`api-url`')
  })

  it.each([200, 503])('rejects a %i answer that was too large, even a success', (status) => {
    const mask = vi.fn()
    const error = thrown(() => interpret(response(status, SUCCESS, {}, true), mask))
    expect(error.message).toContain(`larger than ${MAX_RESPONSE_BYTES / 1024} KiB`)
    expect(error.message).toContain('`api-url`')
    expect(error.message).not.toContain(TOKEN)
    expect(mask).not.toHaveBeenCalled()
  })
})

describe('mintToken', () => {
  function setup(...answers: (HttpResponse | Error)[]) {
    const clock = new FakeClock(NOW)
    const [mask, log] = [vi.fn(), vi.fn()]
    const { send, requests, signals } = scriptedSend(...answers)
    return {
      clock,
      mask,
      log,
      send,
      requests,
      signals,
      deps: { send, clock, mask, log, random: () => 0, redact: keep }
    }
  }
  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })

  it('returns the token of a first successful answer, masked', async () => {
    const { deps, send, clock, mask, signals } = setup(response(200, SUCCESS))
    expect(await mintToken(inputs(), deps)).toMatchObject({
      token: TOKEN,
      expiresAt: new Date(NOW + YEAR * 1000)
    })
    expect(send).toHaveBeenCalledTimes(1)
    expect(send.mock.calls[0]?.[0]).toMatchObject({ method: 'POST', url: ENDPOINT.href })
    expect(signals[0]?.aborted).toBe(false)
    expect(mask).toHaveBeenCalledWith(TOKEN, { token: true })
    expect(clock.sleeps).toEqual([])
  })

  it.each([
    [
      'a 503',
      response(503, ''),
      500,
      'Personr answered 503 Service Unavailable; retrying in 0.5 s.'
    ],
    [
      'a 429 with Retry-After',
      response(429, '', { 'retry-after': '3' }),
      3000,
      'Personr answered 429 Too Many Requests; retrying in 3.0 s.'
    ],
    ['a connection reset', reset, 500, 'network error ECONNRESET; retrying in 0.5 s.']
  ])('retries %s, logging it, and dates the token from the answer', async (_, first, wait, log) => {
    const s = setup(first, response(200, SUCCESS))
    const minted = await mintToken(inputs(), s.deps)
    expect(minted.token).toBe(TOKEN)
    expect(s.send).toHaveBeenCalledTimes(2)
    expect(s.clock.sleeps).toEqual([wait])
    expect(minted.expiresAt).toEqual(new Date(NOW + wait + YEAR * 1000))
    expect(s.log).toHaveBeenCalledWith(`Attempt 1 of 4 failed with ${log}`)
  })

  it('does not retry the published 400', async () => {
    const { deps, send, clock } = setup(response(400, PUBLISHED_400), response(200, SUCCESS))
    const error = await rejection(mintToken(inputs(), deps))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toMatch(/^Personr refused the credentials/)
    expect(send).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
  })

  it('gives up after `retries` retries, sending every attempt a fresh, complete body', async () => {
    const { deps, requests } = setup(response(503, ''), response(502, HTML_502), response(503, ''))
    const error = await rejection(mintToken(inputs({ retries: 2 }), deps))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(
      'Could not mint a Personr token after 3 attempts; the last one failed with Personr answered 503 Service Unavailable.'
    )
    expect(requests).toHaveLength(3)
    expect(new Set(requests.map((r) => r.body)).size).toBe(3)
    for (const request of requests) {
      const text = (await readBody(request.body)).toString('utf8')
      expect(text).toBe(
        expectedMultipart(request, [
          ['email', 'robot@example.co'],
          ['password', 'hunter2-secret']
        ])
      )
      expect(request.headers['content-length']).toBe(Buffer.byteLength(text))
    }
  })
})
