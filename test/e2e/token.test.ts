// The bundle, run as the runner runs it, against the Personr simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, type ActionRun } from '../support/action.ts'
import { expectMaskedFirst, expectNoLeak } from '../support/leaks.ts'
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

  function expectCleanFailure(result: ActionRun): void {
    expect(result.code).toBe(1)
    expect(result.outputs.token).toBeUndefined()
    expectNoLeak(result, password, 'password')
  }

  it('mints a token, masks it first, and sets every output', async () => {
    const before = Date.now()
    const result = await run()
    expect(result.code, result.stdout + result.stderr).toBe(0)
    const token = personr.currentToken(email)
    expect(token).toMatch(/^bus\|\d{13}x\d{18}\|\d{13}x\d{18}$/)
    expect(result.outputs.token).toBe(token)
    expect(result.outputs.user_id).toBe(token?.split('|')[1])
    expect(result.outputs.expires).toBe('31536000')
    expect(result.outputs.rotated).toBe('true')
    const expiresAt = Date.parse(result.outputs.expires_at ?? '')
    expect(expiresAt).toBeGreaterThanOrEqual(before + 31536000_000 - 1000)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 31536000_000 + 1000)
    expect(result.outputs.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expectMaskedFirst(result, token ?? '', 'token')
    expectMaskedFirst(result, password, 'password')
    expectNoLeak(result, token ?? '', 'token')
    expectNoLeak(result, password, 'password')
  })

  it('sends the credentials intact as multipart form data with a length and user agent', async () => {
    await run()
    expect(personr.requests).toHaveLength(1)
    const [request] = personr.requests
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe('/api/1.1/wf/api-token-generate')
    expect(request?.fields).toEqual({ email, password })
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(Number(request?.headers['content-length'])).toBe(request?.rawBodyLength)
    expect(request?.headers['transfer-encoding']).toBeUndefined()
    expect(request?.headers['user-agent']).toBe(`personr-token-action/${VERSION}`)
  })

  it('writes a summary with the user id and expiry and the invalidation warning, not the token', async () => {
    const result = await run()
    expect(result.summary).toContain(result.outputs.user_id)
    expect(result.summary).toContain(result.outputs.expires_at)
    expect(result.summary).toMatch(/invalidated every earlier token/)
    expect(result.summary).not.toContain(result.outputs.token)
  })

  it('invalidates the token of the previous run', async () => {
    const first = await run()
    const second = await run()
    expect(personr.isValid(first.outputs.token ?? '')).toBe(false)
    expect(personr.isValid(second.outputs.token ?? '')).toBe(true)
  })

  it('reaches Personr’s development copy under /version-test/', async () => {
    const result = await run({ 'api-url': personr.url.replace('/api/', '/version-test/api/') })
    expect(result.code).toBe(0)
    expect(personr.requests[0]?.path).toBe('/version-test/api/1.1/wf/api-token-generate')
  })

  it('fails on bad credentials with Personr’s reason and message, without retrying', async () => {
    const result = await run({ password: 'wrong password' })
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(
      /^Personr refused the credentials \(INVALID_LOGIN_CREDENTIALS\): We didn’t find an account with those login credentials/
    )
    expect(personr.requests).toHaveLength(1)
    expectNoLeak(result, 'wrong password', 'wrong password')
  })

  it('explains Bubble’s nested error form', async () => {
    personr.fault({
      kind: 'nested-error',
      status: 400,
      reason: 'MISSING_DATA',
      message: 'Missing parameter for workflow api-token-generate: parameter email'
    })
    const result = await run()
    expectCleanFailure(result)
    expect(errorsOf(result)).toContain('(MISSING_DATA): Missing parameter for workflow')
  })

  it.each([
    [{ email: '' }, /Input `email` is required/],
    [{ password: '   ' }, /Input `password` is required/],
    [{ timeout: 'soon' }, /Input `timeout`/],
    [{ retries: '-1' }, /Input `retries`/],
    [{ 'api-url': 'not a url' }, /Input `api-url` is not a URL/],
    [{ 'api-url': 'http://example.com/api/1.1/wf' }, /Input `api-url` must use https/],
    [{ 'secret-repository': 'o/r' }, /only used with `secret-name`/]
  ])('refuses %o before sending anything', async (inputs, message) => {
    const result = await run(inputs)
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(message)
    expect(personr.requests).toHaveLength(0)
  })

  it('retries a 503 and succeeds, logging the retry', async () => {
    personr.fault({ kind: 'status', status: 503, body: 'upstream busy' })
    const result = await run()
    expect(result.code).toBe(0)
    expect(personr.requests).toHaveLength(2)
    const warnings = result.commands.filter((c) => c.command === 'warning')
    expect(warnings[0]?.value).toMatch(
      /^Attempt 1 of 4 failed with Personr answered 503 Service Unavailable; retrying in \d\.\d s\.$/
    )
  })

  it('honours Retry-After on a 429', async () => {
    personr.fault({ kind: 'rate-limit', retryAfter: '1' })
    const result = await run()
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /failed with Personr answered 429 Too Many Requests.*retrying in 1\.0 s/
    )
  })

  it('retries a reset connection', async () => {
    personr.fault({ kind: 'reset' })
    const result = await run()
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Attempt 1 of 4 failed with network error/)
  })

  it('gives up on a server that never answers once the timeout passes', async () => {
    personr.fault({ kind: 'hang' })
    const result = await run({ timeout: '0.5', retries: '0' })
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(
      /after 1 attempt; the last one failed with no complete answer within 0.5 s/
    )
  })

  it('names the last status and the attempt count when retries run out', async () => {
    personr.fault({ kind: 'html' }, { kind: 'html' })
    const result = await run({ retries: '1' })
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(
      /after 2 attempts; the last one failed with Personr answered 502 Bad Gateway/
    )
    expect(personr.requests).toHaveLength(2)
  })

  it('names a refused connection', async () => {
    const url = personr.url
    await personr.close()
    const result = await run({ 'api-url': url, retries: '1' })
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(
      /after 2 attempts; the last one failed with network error ECONNREFUSED/
    )
  })

  it('fails on a 200 that is an HTML page', async () => {
    personr.fault({ kind: 'html', status: 200 })
    const result = await run()
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(
      /Personr answered 200 OK but with an HTML page instead of a token/
    )
  })

  it('cuts off a 200 MB answer instead of buffering it', async () => {
    personr.fault({ kind: 'oversized', bytes: 200 * 1024 * 1024 })
    const result = await run()
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(/body larger than 64 KiB/)
  })

  it('fails the step with a message when the runner’s output file cannot be written', async () => {
    const result = await run({}, { GITHUB_OUTPUT: '/' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(/EISDIR/)
    const token = personr.currentToken(email) ?? ''
    expectMaskedFirst(result, token, 'token')
    expectNoLeak(result, token, 'token')
    expectNoLeak(result, password, 'password')
  })

  it('does not follow a redirect and says where it pointed', async () => {
    personr.fault({ kind: 'redirect', status: 307, location: 'https://elsewhere.example/steal' })
    const result = await run()
    expectCleanFailure(result)
    expect(errorsOf(result)).toMatch(/a redirect to https:\/\/elsewhere\.example\/steal/)
    expect(personr.requests).toHaveLength(1)
  })
})
