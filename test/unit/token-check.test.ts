import type FormData from 'form-data'
import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import type { TokenCheck } from '../../src/secret-inputs.ts'
import { checkRequest, checkToken, interpretCheckResponse } from '../../src/token-check.ts'
import { FakeClock } from '../fakes/clock.ts'
import { response, scriptedSend } from '../fakes/send.ts'

const TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
const GET: TokenCheck = { url: new URL('https://p.example/api/1.1/wf/whoami?x=1'), method: 'GET' }
const POST: TokenCheck = { ...GET, method: 'POST' }

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
  it.each([401, 403])('calls a %i dead', (status) => {
    expect(interpretCheckResponse(response(status))).toMatchObject({ done: { state: 'dead' } })
  })

  it.each([200, 204, 400])('calls a %i alive (400: the endpoint ran)', (status) => {
    expect(interpretCheckResponse(response(status))).toMatchObject({ done: { state: 'alive' } })
  })

  it.each([408, 429, 500, 502, 503])('retries a %i', (status) => {
    expect(interpretCheckResponse(response(status))).toHaveProperty('retry')
  })

  it.each([301, 302, 404, 405, 418])('calls a %i inconclusive, naming the status', (status) => {
    expect(interpretCheckResponse(response(status))).toMatchObject({
      done: { state: 'inconclusive', seen: expect.stringMatching(new RegExp(`^${status}`)) }
    })
  })
})

describe('checkRequest', () => {
  it('sends GET with the stored token as a bearer, to the URL as given', () => {
    expect(checkRequest(GET, TOKEN)).toEqual({
      method: 'GET',
      url: 'https://p.example/api/1.1/wf/whoami?x=1',
      input: 'check-url',
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' }
    })
  })

  it('sends POST with an empty multipart body', () => {
    const request = checkRequest(POST, TOKEN)
    expect(request.method).toBe('POST')
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(request.headers['content-length']).toBe((request.body as FormData).getLengthSync())
  })
})

describe('checkToken', () => {
  it('is skipped without a check-url or a stored token, sending nothing', async () => {
    const { send } = scriptedSend()
    expect(await checkToken(undefined, TOKEN, deps(send).deps)).toEqual({ state: 'skipped' })
    expect(await checkToken(GET, undefined, deps(send).deps)).toEqual({ state: 'skipped' })
    expect(send).not.toHaveBeenCalled()
  })

  it('retries a transient answer, then takes the next one', async () => {
    const { send } = scriptedSend(response(503), response(401))
    const { deps: d, warnings } = deps(send)
    expect(await checkToken(GET, TOKEN, d)).toEqual({ state: 'dead', seen: '401 Unauthorized' })
    expect(warnings[0]).toMatch(/^Attempt 1 of 2 failed with check-url answered 503/)
  })

  it('is inconclusive, never a failure, when the retries run out', async () => {
    const { send } = scriptedSend(response(502), response(502))
    const result = await checkToken(GET, TOKEN, deps(send).deps)
    expect(result.state).toBe('inconclusive')
    expect(result.seen).toBe('check-url answered 502 Bad Gateway')
  })

  it('is inconclusive on an error that is not transient, such as an untrusted certificate', async () => {
    const { send } = scriptedSend(
      new ActionError('The TLS certificate of p.example is not trusted')
    )
    expect(await checkToken(GET, TOKEN, deps(send).deps)).toEqual({
      state: 'inconclusive',
      seen: 'The TLS certificate of p.example is not trusted'
    })
  })

  it('is inconclusive on anything else thrown', async () => {
    const { send } = scriptedSend(new TypeError('boom'))
    expect(await checkToken(GET, TOKEN, deps(send).deps)).toEqual({
      state: 'inconclusive',
      seen: 'an error: boom'
    })
  })
})
