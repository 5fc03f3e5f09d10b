// The committed bundle against success answers that are not quite right: every value is checked
// before anything is output, outputs are all or nothing, and a mint whose answer is unusable says
// that it killed the previous token.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf } from '../support/action.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { expectMaskedFirst, expectNoLeak } from '../support/leaks.ts'
import { runRefresh } from '../support/refresh.ts'
import {
  TOKEN,
  USER_ID,
  password,
  successBody as success,
  useHostilePersonr
} from '../support/hostile-personr.ts'

const REPO = 'acme/app'
const OLD_SHAPE_TOKEN = '1670035114445x631333625381113500'
const INVALIDATED = "minting invalidated the account's previous token"

const h = useHostilePersonr()
const { run, respond } = h

describe('a success answer is checked before any output', () => {
  it.each([
    // JSON numbers written as a server could write them.
    ['expires 1e13', '1e13', /`expires` is 10000000000000, not a whole number of seconds/],
    ['expires 1e300', '1e300', /`expires` is 1e\+300, not a whole number of seconds/],
    ['expires 1.5', '1.5', /`expires` is 1\.5, not a whole number of seconds/],
    ['expires "31536000"', '"31536000"', /`expires` is a string, not a number of seconds/]
  ])('%s fails the step and sets no output', async (_, expires, problem) => {
    respond(
      `{"status":"success","response":{"token":${JSON.stringify(TOKEN)},"user_id":"${USER_ID}","expires":${expires}}}`
    )
    const result = await run()
    expect(result.code).toBe(1)
    expect(result.outputs).toEqual({})
    expect(errorsOf(result)).toMatch(/^Personr answered 200 OK with success, but /)
    expect(errorsOf(result)).toMatch(problem)
    expect(errorsOf(result)).toContain(INVALIDATED)
    expect(errorsOf(result)).not.toMatch(/Invalid time value|Unexpected failure/)
    expect(h.personr.requests).toHaveLength(1) // not retried: another mint would kill this one
    expectMaskedFirst(result, TOKEN, 'token')
    expectNoLeak(result, TOKEN, 'token')
    expectNoLeak(result, password, 'password')
  })

  it('refuses a token of 15 characters', async () => {
    const short = 'bus|12345x67890'
    expect(short).toHaveLength(15)
    respond(success({ token: short, user_id: USER_ID, expires: 31536000 }))
    const result = await run()
    expect(result.code).toBe(1)
    expect(result.outputs).toEqual({})
    expect(errorsOf(result)).toMatch(/the token is 15 characters long, not 16 to 4096/)
    expect(errorsOf(result)).toContain(INVALIDATED)
    expectMaskedFirst(result, short, 'token')
    expectNoLeak(result, short, 'token')
  })

  it('reads a body that starts with a UTF-8 byte-order mark', async () => {
    respond(`\ufeff${success({ token: TOKEN, user_id: USER_ID, expires: 31536000 })}`)
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token).toBe(TOKEN)
    expect(result.outputs.user_id).toBe(USER_ID)
    expectMaskedFirst(result, TOKEN, 'token')
    expectNoLeak(result, TOKEN, 'token')
  })

  it.each([
    ['bus|…|…', TOKEN],
    ['older', OLD_SHAPE_TOKEN]
  ])('accepts the %s token shape Personr publishes', async (_, token) => {
    const before = Date.now()
    respond(success({ token, user_id: USER_ID, expires: 31536000 }))
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token).toBe(token)
    expect(result.outputs.user_id).toBe(USER_ID)
    expect(result.outputs.expires).toBe('31536000')
    expect(result.outputs.rotated).toBe('true')
    expect(Date.parse(result.outputs.expires_at ?? '')).toBeGreaterThanOrEqual(
      before + 31536000_000 - 1000
    )
    expectMaskedFirst(result, token, 'token')
    expectNoLeak(result, token, 'token')
  })

  it('turns a numeric user_id into its decimal string', async () => {
    respond(success({ token: TOKEN, user_id: 12345, expires: 31536000 }))
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.user_id).toBe('12345')
    expect(result.summary).toContain('| User id | `12345` |')
  })
})

describe('an unusable success answer in refresh mode', () => {
  let github: FakeGitHub
  beforeEach(async () => {
    github = await startFakeGitHub({ tokens: { [DEFAULT_TOKEN]: '*' }, repos: [REPO] })
  })
  afterEach(() => github.close())

  // A usable token in an otherwise unusable answer is stored (hostile-refresh.test.ts).
  it('says the stored token no longer works when the token itself is unusable, and stores and outputs nothing', async () => {
    github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    const unusable = `${TOKEN} x`
    respond(
      `{"status":"success","response":{"token":${JSON.stringify(unusable)},"user_id":"${USER_ID}","expires":1e13}}`
    )
    const result = await runRefresh(h.personr, github)
    expect(result.code).toBe(1)
    expect(result.outputs).toEqual({})
    const error = errorsOf(result)
    expect(error).toMatch(/the token holds whitespace, control or non-ASCII characters/)
    expect(error).toContain(INVALIDATED)
    expect(error).toMatch(
      /The token stored in the secret PERSONR_TOKEN \(the Actions secret of repository acme\/app\) no longer works/
    )
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe('bus|stored|token')
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expectMaskedFirst(result, unusable, 'token')
    expectNoLeak(result, unusable, 'token')
    expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
  })
})
