import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import type { TokenCheck } from '../../src/secret-inputs.ts'
import {
  CHECK_OFF,
  checkRequest,
  checkToken,
  interpretCheckResponse,
  NO_CURRENT_TOKEN
} from '../../src/token-check.ts'
import { FakeClock } from '../fakes/clock.ts'
import { response, scriptedSend } from '../fakes/send.ts'

const TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
const GET: TokenCheck = {
  url: new URL('https://p.example/api/1.1/obj/me?x=1'),
  method: 'GET',
  label: 'check-url'
}
const DEFAULT: TokenCheck = {
  url: new URL('https://p.example/api/1.1/wf/api-applicant-status'),
  method: 'POST',
  label: 'api-applicant-status'
}

function deps(send: ReturnType<typeof scriptedSend>['send'], retries = 1) {
  const warnings: string[] = []
  return {
    warnings,
    deps: {
      send,
      clock: new FakeClock(),
      random: () => 0,
      retries,
      timeoutMs: 5000,
      log: (line: string) => void warnings.push(line)
    }
  }
}

describe('interpretCheckResponse', () => {
  it.each([
    [401, { done: { state: 'dead', seen: '401 Unauthorized' } }],
    [403, { done: { state: 'dead', seen: '403 Forbidden' } }],
    // 400: the workflow authenticated the token, then missed its parameter.
    [400, { done: { state: 'alive', seen: '400 Bad Request' } }],
    [200, { done: { state: 'alive', seen: '200 OK' } }],
    [204, { done: { state: 'alive', seen: '204 No Content' } }],
    [408, { retry: 'X answered 408 Request Timeout' }],
    [429, { retry: 'X answered 429 Too Many Requests' }],
    [500, { retry: 'X answered 500 Internal Server Error' }],
    [503, { retry: 'X answered 503 Service Unavailable' }],
    [301, { done: { state: 'inconclusive', seen: '301 Moved Permanently' } }],
    [302, { done: { state: 'inconclusive', seen: '302 Found' } }],
    [404, { done: { state: 'inconclusive', seen: '404 Not Found' } }],
    [418, { done: { state: 'inconclusive', seen: "418 I'm a Teapot" } }]
  ])('reads %i as %j', (status, outcome) => {
    expect(interpretCheckResponse(response(status), 'X')).toEqual(outcome)
  })
})

describe('checkRequest', () => {
  it('sends GET with the stored token as a bearer, to check-url as given', () => {
    expect(checkRequest(GET, TOKEN)).toEqual({
      method: 'GET',
      url: 'https://p.example/api/1.1/obj/me?x=1',
      input: 'check-url',
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' }
    })
  })

  it('posts a well-formed multipart body with no fields to the default endpoint', async () => {
    const request = checkRequest(DEFAULT, TOKEN)
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://p.example/api/1.1/wf/api-applicant-status',
      input: 'api-url',
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' }
    })
    const type = String(request.headers['content-type'])
    expect(type).toMatch(/^multipart\/form-data; boundary=-+[0-9a-f]{24}$/)
    expect(request.body).toBe(`--${type.split('boundary=')[1]}--\r\n`)
    // What a multipart parser makes of it: a form with no fields, not an error.
    const form = await new Response(request.body as string, {
      headers: { 'content-type': type }
    }).formData()
    expect([...form]).toEqual([])
    expect(checkRequest({ ...GET, method: 'POST' }, TOKEN).input).toBe('check-url')
  })
})

describe('checkToken', () => {
  it('is skipped, saying why, without a stored token or with the check off; sends nothing', async () => {
    const { send } = scriptedSend()
    expect(await checkToken(DEFAULT, undefined, deps(send).deps)).toEqual({
      state: 'skipped',
      seen: NO_CURRENT_TOKEN
    })
    expect(await checkToken(undefined, TOKEN, deps(send).deps)).toEqual({
      state: 'skipped',
      seen: CHECK_OFF
    })
    expect(send).not.toHaveBeenCalled()
  })

  it('retries a transient answer, then takes the next one, naming what it asked', async () => {
    const { send } = scriptedSend(response(503), response(400))
    const { deps: d, warnings } = deps(send)
    expect(await checkToken(DEFAULT, TOKEN, d)).toEqual({
      state: 'alive',
      seen: '400 Bad Request',
      by: 'api-applicant-status'
    })
    expect(warnings[0]).toMatch(/^Attempt 1 of 2 failed with api-applicant-status answered 503/)
  })

  it.each([
    ['the retries run out', response(502), 'check-url answered 502 Bad Gateway'],
    [
      'an error that is not transient, such as an untrusted certificate',
      new ActionError('The TLS certificate of p.example is not trusted'),
      'The TLS certificate of p.example is not trusted'
    ],
    ['anything else thrown', new TypeError('boom'), 'an error: boom']
  ])('is inconclusive, never a failure, when %s', async (_, answer, seen) => {
    const { send } = scriptedSend(answer, answer)
    expect(await checkToken(GET, TOKEN, deps(send).deps)).toEqual({
      state: 'inconclusive',
      seen,
      by: 'check-url'
    })
  })
})
