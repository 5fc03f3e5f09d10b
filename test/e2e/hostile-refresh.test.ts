// The committed bundle in refresh mode against a hostile or misleading GitHub: a mint kills the
// stored token, so nothing is minted unless the new one can be stored, and a recorded expiry is
// not believed beyond what a token can live.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, type ActionRun } from '../support/action.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { expectMaskedFirst, expectNoLeak } from '../support/leaks.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'
import { runRefresh } from '../support/refresh.ts'

const { email, password } = DEFAULT_ACCOUNT
const REPO = 'acme/app'

let personr: Simulator
let github: FakeGitHub
beforeEach(async () => {
  personr = await startSimulator()
  github = await startFakeGitHub({ tokens: { [DEFAULT_TOKEN]: '*' }, repos: [REPO] })
})
afterEach(async () => {
  await personr.close()
  await github.close()
})

function run(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runRefresh(personr, github, inputs)
}

describe('a half-right success answer still leaves a working token stored', () => {
  const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'
  const USER_ID = '4242424242424x424242424242424242'

  it.each([
    ['expires 1e300', { user_id: USER_ID, expires: 1e300 }, USER_ID],
    ['no expires', { user_id: USER_ID }, USER_ID],
    ['expires as a string', { user_id: USER_ID, expires: '31536000' }, USER_ID],
    ['a float user_id and a float expires', { user_id: 1.5, expires: 0.5 }, undefined]
  ])(
    'writes the token to both targets with %s, records it incomplete, and fails',
    async (_, rest, userId) => {
      github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
      github.setSecret(`dependabot:repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
      personr.fault({
        kind: 'status',
        status: 200,
        body: JSON.stringify({ status: 'success', response: { token: TOKEN, ...rest } }),
        headers: { 'Content-Type': 'application/json' }
      })
      const minted = Date.now()
      const result = await run({ 'secret-targets': 'repo\napp=dependabot' })
      expect(result.code).toBe(1)
      for (const scope of [`repo:${REPO}`, `dependabot:repo:${REPO}`]) {
        expect(github.secret(scope, 'PERSONR_TOKEN')?.value, scope).toBe(TOKEN)
      }
      const recorded = github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT') ?? ''
      expect(recorded).toMatch(/^incomplete: \d{4}-\d\d-\d\dT/)
      // Unknown, so assumed: a year from the mint, as Personr documents.
      const assumed = Date.parse(recorded.slice('incomplete: '.length)) - minted
      expect(Math.abs(assumed - 365 * 86_400_000)).toBeLessThan(60_000)
      expect(result.outputs).toEqual({
        token: TOKEN,
        rotated: 'true',
        targets: '2',
        token_check: 'skipped',
        ...(userId ? { user_id: userId } : {})
      })
      expect(errorsOf(result)).toMatch(
        new RegExp(
          `^Personr answered 200 OK with success, but .+\\. The token itself passed its checks, and minting killed the stored one, so it was stored anyway\\. Hold the new token: the Actions secret of repository acme/app; the Dependabot secret of repository acme/app\\. Its expiry is recorded as \`incomplete: .+\` \\(a year from the mint, as Personr documents\\), so the next run rotates again\\.`
        )
      )
      expect(result.summary).toMatch(/^### Personr API token rotated from a half-right answer$/m)
      expectMaskedFirst(result, TOKEN, 'token')
      expectNoLeak(result, TOKEN, 'token')
    }
  )
})

describe('refresh mints only when the token can be stored', () => {
  it('names a renamed or transferred repository, and neither follows GitHub nor mints', async () => {
    // GitHub's answer for any path under a repository's old name.
    const moved = `${github.url}/repositories/4242/actions/secrets/public-key`
    github.fail({
      method: 'GET',
      path: /^\/repos\/acme\/old-name\//,
      status: 301,
      headers: { location: moved },
      body: { message: 'Moved Permanently', url: moved },
      times: Infinity
    })
    const result = await run({ 'secret-targets': 'repo\nrepo=acme/old-name' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toContain(
      `GitHub answered 301 Moved Permanently, pointing to ${moved}. The repository acme/old-name, as written in \`secret-targets\`, \`secret-repository\` or \`secret-repositories\`, was probably renamed or transferred: write its new owner/name there.`
    )
    expect(personr.requests).toEqual([])
    expect(github.requests.filter((r) => !r.path.startsWith('/repos/'))).toEqual([])
    expect(github.requests.every((r) => r.method === 'GET')).toBe(true)
    expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
  })

  it('fails before minting when the public key is not a 32-byte key', async () => {
    github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    github.fail({
      method: 'GET',
      path: /\/actions\/secrets\/public-key$/,
      status: 200,
      body: { key_id: '1', key: 'AAAA' }
    })
    const result = await run()
    expect(result.code).toBe(1)
    expect(personr.requests).toEqual([])
    expect(result.outputs).toEqual({})
    expect(errorsOf(result)).toMatch(
      /^GitHub's Actions public key for repository acme\/app is not a base64-encoded 32-byte key, so the token could not be encrypted for it\. Nothing was minted/
    )
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe('bus|stored|token')
    expect(github.requests.every((r) => r.method === 'GET')).toBe(true)
    expectNoLeak(result, password, 'password')
    expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
  })

  it('does not trust a recorded expiry of 9999-12-31 and rotates', async () => {
    github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    github.setVariable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT', '9999-12-31T00:00:00Z')
    const result = await run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    expect(result.stdout).toMatch(
      /^The recorded expiry 9999-12-31T00:00:00\.000Z is [\d.]+ days ahead, more than a token lives \(365 days\), so it is not trusted: rotating\.$/m
    )
    const token = personr.currentToken(email) ?? ''
    expect(personr.requests).toHaveLength(1)
    expect(result.outputs.token).toBe(token)
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(token)
    expect(github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(
      result.outputs.expires_at
    )
    expectMaskedFirst(result, token, 'token')
    expectNoLeak(result, token, 'token')
  })
})

describe('an environment secret', () => {
  it('says the environment may not exist when its public key is not found, and mints nothing', async () => {
    github.fail({
      method: 'GET',
      path: /\/environments\/production\/secrets\/public-key$/,
      status: 404,
      body: { message: 'Not Found' }
    })
    const result = await run({ 'secret-environment': 'production' })
    expect(result.code).toBe(1)
    expect(personr.requests).toEqual([])
    expect(result.outputs).toEqual({})
    const error = errorsOf(result)
    expect(error).toMatch(
      /^Could not read the Actions secrets public key of environment production of acme\/app: GitHub answered 404 Not Found: Not Found\./
    )
    expect(error).toContain(
      'The environment "production" may not exist in acme/app: create it under Settings → Environments, or correct `secret-environment`.'
    )
    expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
  })
})
