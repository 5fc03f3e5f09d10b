// The scheduled refresh, run from the bundle against the Personr simulator and a fake GitHub.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, type ActionRun } from '../support/action.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { expectMaskedFirst, expectNoLeak } from '../support/leaks.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'
import { runRefresh } from '../support/refresh.ts'

const { email, password } = DEFAULT_ACCOUNT
const REPO = 'acme/app'
const DAY = 86_400_000

let personr: Simulator
let github: FakeGitHub
beforeEach(async () => {
  personr = await startSimulator()
  github = await startFakeGitHub({
    tokens: { [DEFAULT_TOKEN]: '*', ghp_only_other: ['repo:acme/other'] },
    repos: [REPO, 'acme/other', 'acme/web']
  })
})
afterEach(async () => {
  await personr.close()
  await github.close()
})

function run(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runRefresh(personr, github, inputs)
}

/** No password, GitHub token or Personr token anywhere a user can see, in any run. */
function expectNoCredentialShown(result: ActionRun): void {
  expectNoLeak(result, password, 'password')
  expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
  for (const token of [result.outputs.token, personr.currentToken(email)]) {
    if (token) expectNoLeak(result, token, 'Personr token')
  }
}

const githubCalls = (): string[] => github.requests.map((r) => `${r.method} ${r.path}`)

describe('scheduled refresh into an Actions secret', () => {
  it('rotates on the first run: stores the token and its expiry in the repository', async () => {
    const result = await run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    const token = personr.currentToken(email)
    expect(result.outputs.token).toBe(token)
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(token)
    expect(github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(
      result.outputs.expires_at
    )
    // The three reads go out together, in no fixed order; then the writes, in order.
    expect(githubCalls().slice(0, 3).sort()).toEqual([
      `GET /repos/${REPO}/actions/secrets/PERSONR_TOKEN`,
      `GET /repos/${REPO}/actions/secrets/public-key`,
      `GET /repos/${REPO}/actions/variables/PERSONR_TOKEN_EXPIRES_AT`
    ])
    expect(githubCalls().slice(3)).toEqual([
      `PUT /repos/${REPO}/actions/secrets/PERSONR_TOKEN`,
      `POST /repos/${REPO}/actions/variables`
    ])
    expect(github.requests[2]?.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`)
    expect(result.outputs.targets).toBe('1')
    expect(result.outputs.token_check).toBe('skipped')
    expect(result.summary).toMatch(/^### Personr API token rotated$/m)
    expect(result.summary).toContain(`| Actions | \`repository ${REPO}\` | written |`)
    expectMaskedFirst(result, DEFAULT_TOKEN, 'github-token')
    expectMaskedFirst(result, token ?? '', 'Personr token')
    expectNoCredentialShown(result)
  })

  it('mints nothing and changes nothing when the stored token is not due', async () => {
    const storedExpiry = new Date(Date.now() + 100 * DAY).toISOString()
    github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    github.setVariable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT', storedExpiry)
    const result = await run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('false')
    expect(result.outputs.expires_at).toBe(storedExpiry)
    expect(result.outputs.token).toBeUndefined()
    expect(personr.requests).toHaveLength(0)
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET'])
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe('bus|stored|token')
    expect(result.summary).toMatch(/not rotated/)
    expectNoCredentialShown(result)
  })

  it('rotates when the expiry says not due but the secret itself is gone', async () => {
    github.setVariable(
      `repo:${REPO}`,
      'PERSONR_TOKEN_EXPIRES_AT',
      new Date(Date.now() + 100 * DAY).toISOString()
    )
    const result = await run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    expect(result.stdout).toMatch(
      /The secret is missing from the Actions secret of repository acme\/app: rotating/
    )
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(result.outputs.token)
  })

  it('rotates when the stored token expires within renew-before, updating the variable', async () => {
    github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    github.setVariable(
      `repo:${REPO}`,
      'PERSONR_TOKEN_EXPIRES_AT',
      new Date(Date.now() + 10 * DAY).toISOString()
    )
    const result = await run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    expect(result.stdout).toMatch(/in 10\.0 days, within `renew-before`: rotating/)
    expect(githubCalls().at(-1)).toBe(
      `PATCH /repos/${REPO}/actions/variables/PERSONR_TOKEN_EXPIRES_AT`
    )
    expect(github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(
      result.outputs.expires_at
    )
    expectNoCredentialShown(result)
  })

  it('stores in another repository', async () => {
    const result = await run({ 'secret-repository': 'acme/other' })
    expect(result.code, result.stdout).toBe(0)
    expect(github.secret('repo:acme/other', 'PERSONR_TOKEN')?.value).toBe(result.outputs.token)
  })

  it('stores an environment secret and variable', async () => {
    const result = await run({ 'secret-environment': 'production' })
    expect(result.code, result.stdout).toBe(0)
    const scope = `env:${REPO}:production`
    expect(github.secret(scope, 'PERSONR_TOKEN')?.value).toBe(result.outputs.token)
    expect(github.variable(scope, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(result.outputs.expires_at)
    expect(result.summary).toContain(`environment production of ${REPO}`)
  })

  it('stores an organization secret visible to selected repositories', async () => {
    const result = await run({
      'secret-org': 'acme',
      'secret-visibility': 'selected',
      'secret-repositories': 'app, acme/web'
    })
    expect(result.code, result.stdout).toBe(0)
    const stored = github.secret('org:acme', 'PERSONR_TOKEN')
    expect(stored?.value).toBe(result.outputs.token)
    expect(stored?.visibility).toBe('selected')
    expect(stored?.selectedRepositoryIds).toEqual([
      github.repoIds[REPO],
      github.repoIds['acme/web']
    ])
    expect(github.variable('org:acme', 'PERSONR_TOKEN_EXPIRES_AT')).toBe(result.outputs.expires_at)
  })

  it('stores an organization secret with private visibility by default', async () => {
    const result = await run({ 'secret-org': 'acme' })
    expect(result.code, result.stdout).toBe(0)
    expect(github.secret('org:acme', 'PERSONR_TOKEN')?.visibility).toBe('private')
  })

  it.each([
    // GitHub answers 404, not 403, for a repository the token cannot see.
    ['a token without access', { 'github-token': 'ghp_only_other' }, /404 Not Found/],
    ['a bad token', { 'github-token': 'ghp_revoked' }, /401 Unauthorized/]
  ])('fails with %s before minting, naming the permission', async (_, inputs, status) => {
    const result = await run(inputs)
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(status)
    expect(errorsOf(result)).toMatch(
      /Give `github-token` the repository permission "(Secrets|Variables)" \(read and write\) on acme\/app/
    )
    expect(personr.requests).toHaveLength(0)
    expectNoCredentialShown(result)
    expectNoLeak(result, inputs['github-token'], 'github-token')
  })

  it('fails when the expiry variable cannot be read, before minting', async () => {
    github.fail({ method: 'GET', path: /variables/, status: 403, times: Infinity })
    const result = await run({ 'renew-before': '30d' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /Could not read the variable PERSONR_TOKEN_EXPIRES_AT of repository acme\/app: GitHub answered 403/
    )
    expect(personr.requests).toHaveLength(0)
    expectNoCredentialShown(result)
  })

  it('retries one transient GitHub failure', async () => {
    github.fail({ method: 'PUT', status: 502 })
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(result.stdout).toMatch(/Attempt 1 of 4 failed with GitHub answered 502/)
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(result.outputs.token)
  })

  it('waits out a secondary rate limit with Retry-After', async () => {
    github.fail({
      path: /public-key/,
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit.' }
    })
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(result.stdout).toMatch(/secondary rate limit.*retrying in 1\.0 s/)
  })

  it('fails loudly when the secret cannot be written after minting, keeping the token output', async () => {
    github.fail({ method: 'PUT', status: 500, times: Infinity })
    const result = await run({ retries: '1' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /^Minted a new Personr token but could not store it everywhere\. Hold the new token: none\. Still hold the old token, which no longer works: the Actions secret of repository acme\/app\. Could not write the Actions secret PERSONR_TOKEN of repository acme\/app after 2 attempts; the last one failed with GitHub answered 500/
    )
    expect(result.outputs.token).toBe(personr.currentToken(email))
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')).toBeUndefined()
    expectNoCredentialShown(result)
  })

  it.each([
    [{ 'secret-org': 'acme', 'secret-repository': 'acme/app' }, /cannot be combined/],
    [{ 'secret-visibility': 'all' }, /apply to organization secrets only/],
    [{ 'secret-org': 'acme', 'secret-visibility': 'selected' }, /needs `secret-repositories`/],
    [{ 'github-token': '' }, /`github-token` is required with `secret-name`/],
    [{ 'renew-before': 'a month' }, /`renew-before` must be a duration/],
    [{ 'secret-name': 'GITHUB_TOKEN' }, /valid secret name/]
  ])('refuses contradictory inputs %o before sending anything', async (inputs, message) => {
    const result = await run(inputs)
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(message)
    expect(personr.requests).toHaveLength(0)
    expect(github.requests).toHaveLength(0)
    expectNoCredentialShown(result)
  })
})
