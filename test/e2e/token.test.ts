// The bundle, run as the runner runs it, against the Personr simulator. The decisions behind
// each failure (what an answer means, which are retried, the messages) are pinned by the unit
// tests; these pin the wiring: the real transport, the outputs, the log and what it masks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, warnings, type ActionRun } from '../support/action.ts'
import { expectHidden, expectNoLeak, expectOnlyInMasks } from '../support/leaks.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'
import { VERSION } from '../../src/version.ts'

const { email, password } = DEFAULT_ACCOUNT

describe('token step', () => {
  let personr: Simulator
  beforeEach(async () => {
    personr = await startSimulator()
  })
  afterEach(() => personr.close())

  const run = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
    runAction({ inputs: { email, password, 'api-url': personr.url, ...inputs }, env })

  function expectCleanFailure(result: ActionRun, message: RegExp): void {
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(message)
    expect(result.outputs.token).toBeUndefined()
    expectNoLeak(result, password, 'password')
  }

  it('mints, masks first, sets every output and the summary; the next mint kills the token', async () => {
    const before = Date.now()
    const result = await run()
    expect(result.code, result.stdout + result.stderr).toBe(0)
    const token = personr.currentToken(email) ?? ''
    expect(token).toMatch(/^bus\|\d{13}x\d{18}\|\d{13}x\d{18}$/)
    expect(result.outputs).toEqual({
      token,
      user_id: token.split('|')[1],
      expires: '31536000',
      expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      rotated: 'true'
    })
    const expiresAt = Date.parse(result.outputs.expires_at ?? '')
    expect(expiresAt).toBeGreaterThanOrEqual(before + 31536000_000 - 1000)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 31536000_000 + 1000)
    expect(result.summary).toContain(result.outputs.user_id)
    expect(result.summary).toContain(result.outputs.expires_at)
    expect(result.summary).toMatch(/invalidated every earlier token/)
    for (const [secret, label] of [
      [token, 'token'],
      [password, 'password']
    ] as const) {
      expectHidden(result, secret, label)
    }
    // The credentials went intact as multipart form data, with a length and the user agent.
    const [request] = personr.requests
    expect(request).toMatchObject({
      method: 'POST',
      path: '/api/1.1/wf/api-token-generate',
      fields: { email, password }
    })
    expect(request?.headers).toMatchObject({
      'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/) as unknown,
      'content-length': String(request?.rawBodyLength),
      'user-agent': `personr-token-action/${VERSION}`
    })
    expect(request?.headers['transfer-encoding']).toBeUndefined()

    // Again, through Personr's development copy under /version-test/, with the optional inputs
    // given as empty strings, as a workflow may: they take their defaults.
    const second = await run({
      'api-url': personr.url.replace('/api/', '/version-test/api/'),
      timeout: '',
      retries: ''
    })
    expect(second.code).toBe(0)
    expect(personr.requests[1]?.path).toBe('/version-test/api/1.1/wf/api-token-generate')
    expect(personr.isValid(token)).toBe(false)
    expect(personr.isValid(second.outputs.token ?? '')).toBe(true)
  })

  it('refuses an input before sending anything', async () => {
    expectCleanFailure(await run({ email: '' }), /Input `email` is required/)
    expect(personr.requests).toHaveLength(0)
  })

  it('sends a password ending with a line feed as given, and says so when it is refused', async () => {
    const result = await run({ password: `${password}\n` })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /^Personr refused the credentials \(INVALID_LOGIN_CREDENTIALS\): We didn’t find an account with those login credentials\./
    )
    expect(errorsOf(result)).toContain(
      'The password is sent exactly as given, and it ends with a line feed: if that is not part of the password, save the secret again without it.'
    )
    // The one request, not retried.
    expect(personr.requests.map((r) => r.fields?.password)).toEqual([`${password}\n`])
    expect(result.outputs).toEqual({})
    expectOnlyInMasks(result, password, 'password')
  })

  it('waits out Retry-After on a 429 and retries a reset connection, then mints', async () => {
    personr.fault(
      { kind: 'status', status: 429, headers: { 'Retry-After': '1' } },
      { kind: 'reset' }
    )
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(warnings(result)).toEqual([
      expect.stringMatching(
        /^Attempt 1 of 4 failed with Personr answered 429 Too Many Requests.*; retrying in 1\.0 s\.$/
      ),
      expect.stringMatching(/^Attempt 2 of 4 failed with network error/)
    ])
    expect(personr.requests).toHaveLength(3)
    expect(result.outputs.token).toBe(personr.currentToken(email))
  })

  it('gives up once the retries run out, naming the attempts and the last failure', async () => {
    // Both attempts hang past `timeout`: an answer expected within 0.5 s could miss it on a
    // loaded machine, a hang cannot.
    personr.fault({ kind: 'hang' }, { kind: 'hang' })
    const result = await run({ timeout: '0.5', retries: '1' })
    expectCleanFailure(
      result,
      /after 2 attempts; the last one failed with no complete answer within 0\.5 s/
    )
    expect(warnings(result)).toEqual([
      expect.stringMatching(/^Attempt 1 of 2 failed with no complete answer within 0\.5 s;/)
    ])
    expect(personr.requests).toHaveLength(2)
  })

  it('cuts off a 200 MB answer instead of buffering it', async () => {
    personr.fault({ kind: 'oversized', bytes: 200 * 1024 * 1024 })
    expectCleanFailure(await run(), /body larger than 64 KiB/)
  })

  it('fails the step with a message when the runner’s output file cannot be written', async () => {
    const result = await run({}, { GITHUB_OUTPUT: '/' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(/EISDIR/)
    const token = personr.currentToken(email) ?? ''
    expectHidden(result, token, 'token')
    expectNoLeak(result, password, 'password')
  })
})
