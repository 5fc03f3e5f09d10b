// Issue 10, end to end over the bundle: the scheduled refresh proves the stored token instead of
// trusting its recorded expiry. The Personr simulator lives Bubble's token life (a newer mint kills
// the older token; 30 days without an accepted use kill it too; every accepted use extends it), on
// its own clock that these tests move with advance(): no real waits. The fake GitHub holds the
// stored secret and its expiry variable, and its tokens can be limited to reading.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, type ActionRun } from '../support/action.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { expectMaskedFirst, expectNoLeak } from '../support/leaks.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'
import { runRefresh } from '../support/refresh.ts'

const { email, password } = DEFAULT_ACCOUNT
const REPO = 'acme/app'
const SCOPE = `repo:${REPO}`
const DAY = 86_400_000
/** A github-token that may read this repository's secrets and variables, not write them. */
const READ_ONLY = 'ghp_read_only'

let personr: Simulator
let github: FakeGitHub
beforeEach(async () => {
  personr = await startSimulator()
  github = await startFakeGitHub({
    tokens: { [DEFAULT_TOKEN]: '*', [READ_ONLY]: [`read:actions:${SCOPE}`] },
    repos: [REPO]
  })
})
afterEach(async () => {
  await personr.close()
  await github.close()
})

function run(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runRefresh(personr, github, inputs)
}

/** The daily refresh the README recommends: the stored token passed back in, the default check. */
function check(current: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return run({ 'current-token': current, 'renew-before': '30d', ...inputs })
}

/** A mint outside the action (a person, another workflow): it kills the previous token. */
async function mintElsewhere(): Promise<string> {
  const form = new FormData()
  form.set('email', email)
  form.set('password', password)
  const response = await fetch(`${personr.url}/api-token-generate`, { method: 'POST', body: form })
  const body = (await response.json()) as { response: { token: string } }
  expect(response.status).toBe(200)
  return body.response.token
}

/** What the last refresh left behind: the token in the secret and an expiry `days` ahead. */
function store(token: string, days = 200, updatedAt = new Date()): string {
  const expiresAt = new Date(Date.now() + days * DAY).toISOString()
  github.setSecret(SCOPE, 'PERSONR_TOKEN', token, { updatedAt })
  github.setVariable(SCOPE, 'PERSONR_TOKEN_EXPIRES_AT', expiresAt)
  return expiresAt
}

const stored = (): string | undefined => github.secret(SCOPE, 'PERSONR_TOKEN')?.value
const mints = (): number =>
  personr.requests.filter((r) => /\/api-(token-generate|basic-auth)\b/.test(r.path)).length
const checks = () => personr.requests.filter((r) => r.path.endsWith('/api-applicant-status'))
const secretWrites = (): number =>
  github.requests.filter((r) => r.method === 'PUT' && r.path.includes('/secrets/PERSONR_TOKEN'))
    .length
/** The job summary as read: its Markdown escapes every punctuation character. */
const summaryText = (result: ActionRun): string => result.summary.replace(/\\(.)/g, '$1')
const warnings = (result: ActionRun): string =>
  result.commands
    .filter((c) => c.command === 'warning')
    .map((c) => c.value)
    .join('\n')

/** The stored token is masked before anything prints it, and printed nowhere else. */
function expectCurrentHidden(result: ActionRun, current: string): void {
  expectMaskedFirst(result, current, 'current-token')
  expectNoLeak(result, current, 'current-token')
  expectNoLeak(result, password, 'password')
  expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
  if (result.outputs.token && result.outputs.token !== current) {
    expectNoLeak(result, result.outputs.token, 'new token')
  }
}

describe('the first run, with nothing stored yet', () => {
  it.each([
    ['the recommended inputs', {}],
    ['an explicit check-url', { 'check-url': 'api-applicant-status' }]
  ])('skips the check, saying why, then mints and stores (%s)', async (_, extra) => {
    const inputs = Object.fromEntries(
      Object.entries(extra).map(([k, v]) => [k, `${personr.url}/${v}`])
    )
    // `current-token: ${{ secrets.PERSONR_TOKEN }}` of a secret that does not exist yet.
    const result = await check('', inputs)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({ token_check: 'skipped', rotated: 'true', targets: '1' })
    expect(result.stdout).toMatch(
      /^The stored token is not checked: no `current-token` was given, so nothing is stored yet \(the first run\) or it was not passed in\.$/m
    )
    expect(summaryText(result)).toContain('The stored token was not checked: no `current-token`')
    expect(checks()).toHaveLength(0)
    expect(stored()).toBe(personr.currentToken(email))
    expect(result.outputs.token).toBe(stored())
    expectNoLeak(result, result.outputs.token ?? '', 'new token')
  })
})

describe('a stored token that died heals at the next run', () => {
  it.each([
    ['killed by a mint elsewhere, though its expiry is months away', 0],
    ['idle for 31 days', 31]
  ])('rotates a token %s', async (_, idleDays) => {
    const a = await mintElsewhere()
    store(a)
    const b = idleDays === 0 ? await mintElsewhere() : undefined // someone else mints: A dies
    personr.advance(idleDays * DAY)
    expect(personr.isValid(a)).toBe(false)
    const before = mints()

    const result = await check(a)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({ token_check: 'dead', rotated: 'true', targets: '1' })
    expect(mints()).toBe(before + 1)
    const fresh = personr.currentToken(email) ?? ''
    expect(fresh).not.toBe(b)
    expect(personr.isValid(fresh)).toBe(true)
    expect(result.outputs.token).toBe(fresh)
    expect(stored()).toBe(fresh)
    expect(github.variable(SCOPE, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(result.outputs.expires_at)
    // The check went out once, to the default endpoint, with the stored token as Bearer and
    // an empty multipart body.
    expect(checks()).toMatchObject([
      { method: 'POST', headers: { authorization: `Bearer ${a}` }, fields: {} }
    ])
    // A dead token is not written back as a "current value": the one write is the new token.
    expect(secretWrites()).toBe(1)
    expect(result.stdout).toMatch(
      /^The stored token was refused by api-applicant-status \(401 Unauthorized\): someone minted another token for this account, or it expired idle\. Rotating now, whatever its recorded expiry says\.$/m
    )
    expect(summaryText(result)).toMatch(/^### Personr API token rotated$/m)
    expect(summaryText(result)).toContain(
      'api-applicant-status refused the stored token: someone minted another token for this account, or it expired idle.'
    )
    expectCurrentHidden(result, a)
  })
})

describe('a daily check keeps an otherwise idle token alive', () => {
  it('keeps the token alive for 40 days with a run every 8 days, minting nothing', async () => {
    const a = await mintElsewhere()
    const expiresAt = store(a)
    const before = mints()
    // Day 16 names Personr's development copy in check-url: an explicit check-url wins.
    const explicit = {
      'check-url': `${personr.origin}/version-test/api/1.1/wf/api-applicant-status`,
      'check-method': 'POST'
    }

    for (let day = 8; day <= 40; day += 8) {
      personr.advance(8 * DAY)
      const result = await check(a, day === 16 ? explicit : {})
      const by = day === 16 ? 'check-url' : 'api-applicant-status'
      expect(result.code, `day ${day}: ${result.stdout}`).toBe(0)
      expect(result.outputs, `day ${day}`).toEqual({
        token_check: 'alive',
        rotated: 'false',
        targets: '0',
        expires_at: expiresAt,
        // The token every target holds, for a copy to a store outside GitHub.
        token: a
      })
      expect(result.stdout).toContain(
        `\n${by} accepted the stored token (400 Bad Request); the call also counted as a use, so its 30-day idle window starts again.\n`
      )
      expect(summaryText(result)).toMatch(/^### Personr API token not rotated$/m)
      expect(summaryText(result)).toContain(
        `${by} accepted the stored token; the call counted as a use, so its 30-day idle window starts again.`
      )
      expectCurrentHidden(result, a)
    }

    expect(personr.isValid(a)).toBe(true)
    expect(mints()).toBe(before)
    expect(stored()).toBe(a)
    expect(checks().map((r) => r.path.startsWith('/version-test/'))).toEqual([
      false,
      true,
      false,
      false,
      false
    ])
    expect(checks().every((r) => r.headers.authorization === `Bearer ${a}`)).toBe(true)
    // Not a write anywhere: an alive token that is not due changes nothing.
    expect(github.requests.every((r) => r.method === 'GET')).toBe(true)
    // Without the runs the same token would have died: 31 more idle days kill it.
    personr.advance(31 * DAY)
    expect(personr.isValid(a)).toBe(false)
  })

  it('with check-url none, proves nothing and decides from the expiry, handing on the stored token', async () => {
    const a = await mintElsewhere()
    const expiresAt = store(a)
    const result = await check(a, { 'check-url': 'none' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toEqual({
      token_check: 'skipped',
      rotated: 'false',
      targets: '0',
      expires_at: expiresAt,
      token: a
    })
    expect(result.stdout).toContain(
      'The stored token is not checked: `check-url: none` turns the check off.'
    )
    expect(personr.requests).toHaveLength(1) // the setup's own mint
    expectCurrentHidden(result, a)
  })
})

describe('an inconclusive check falls back to the recorded expiry', () => {
  it.each([
    ['a 502 page', '0', [{ kind: 'html' as const }], /502/],
    ['a 404 (a wrong check-url path)', '0', [{ kind: 'status' as const, status: 404 }], /404/]
  ])(
    '%s: warns naming the status, then decides from the expiry',
    async (_, retries, faults, status) => {
      const a = await mintElsewhere()
      const expiresAt = store(a)
      personr.fault(...faults)

      const result = await check(a, { retries })
      expect(result.code, result.stdout).toBe(0)
      expect(result.outputs).toMatchObject({
        token_check: 'inconclusive',
        rotated: 'false',
        expires_at: expiresAt,
        token: a
      })
      expect(checks()).toHaveLength(faults.length)
      expect(mints()).toBe(1) // the setup's own
      expect(stored()).toBe(a)
      const said = warnings(result).match(
        /^Could not tell whether the stored token works \(api-applicant-status: (.*)\)\. Deciding from the recorded expiry instead; the step goes on\.$/m
      )
      expect(said, warnings(result)).not.toBeNull()
      expect(said?.[1]).toMatch(status)
      expect(said?.[1]).not.toContain('re-run')
      expect(result.stdout).toMatch(/: not due, nothing to do\.$/m)
      expect(summaryText(result)).toMatch(
        /api-applicant-status could not tell whether the stored token works \(.*(502|404)/
      )
      expectCurrentHidden(result, a)
    }
  )

  it('rotates on an inconclusive check when the expiry says so', async () => {
    const a = await mintElsewhere()
    store(a, 10)
    personr.fault({ kind: 'status', status: 500 })
    const result = await check(a, { retries: '0' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token_check).toBe('inconclusive')
    expect(result.outputs.rotated).toBe('true')
    expect(result.stdout).toMatch(/in 10\.0 days, within `renew-before`: rotating/)
    expect(stored()).toBe(personr.currentToken(email))
    expectCurrentHidden(result, a)
  })
})

describe('write access is proven before minting', () => {
  it('fails with a read-only github-token before minting, naming the target and permission', async () => {
    const a = await mintElsewhere()
    store(a, 10) // due: a mint would follow
    const updatedAt = github.secret(SCOPE, 'PERSONR_TOKEN')?.updatedAt
    const before = mints()

    const result = await check(a, { 'github-token': READ_ONLY })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /^Could not write the Actions secret PERSONR_TOKEN of repository acme\/app: GitHub answered 403 Forbidden.*Give `github-token` the repository permission "Secrets" \(read and write\) on acme\/app/
    )
    expect(errorsOf(result)).toMatch(
      /This was a write of the stored token's own value, to prove write access before minting: nothing was minted, and the stored token still works\.$/
    )
    expect(result.outputs.token_check).toBeUndefined()
    expect(result.outputs.token).toBeUndefined()
    expect(mints()).toBe(before)
    expect(personr.isValid(a)).toBe(true)
    expect(stored()).toBe(a)
    expect(github.secret(SCOPE, 'PERSONR_TOKEN')?.updatedAt).toBe(updatedAt)
    expectCurrentHidden(result, a)
    expectNoLeak(result, READ_ONLY, 'github-token')
  })

  it('writes the live stored token back unchanged before a mint with a writer token', async () => {
    const a = await mintElsewhere()
    store(a, 10)
    const result = await check(a)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token_check).toBe('alive')
    expect(result.outputs.rotated).toBe('true')
    // One proving write of A, then the new token.
    expect(secretWrites()).toBe(2)
    expect(stored()).toBe(personr.currentToken(email))
    expectCurrentHidden(result, a)
  })
})

describe('inputs refused before any request', () => {
  it.each([
    ['another host', 'https://evil.example/x'],
    ['the same host on another port', 'http://127.0.0.1:1/api/1.1/wf/api-applicant-status']
  ])('refuses check-url on %s', async (_, url) => {
    const result = await run({ 'current-token': 'bus|1x2|3x4', 'check-url': url })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /^Input `check-url` must be on the same host as `api-url` \(127\.0\.0\.1:\d+\), so the stored token is never sent anywhere else/
    )
    expect(personr.requests).toHaveLength(0)
    expect(github.requests).toHaveLength(0)
    expectCurrentHidden(result, 'bus|1x2|3x4')
  })

  it('refuses current-token without secret-name', async () => {
    const result = await runAction({
      inputs: { email, password, 'api-url': personr.url, 'current-token': 'bus|1x2|3x4' },
      env: { GITHUB_REPOSITORY: REPO },
      github: { api_url: github.url }
    })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(/^`current-token` is only used with `secret-name`/)
    expect(personr.requests).toHaveLength(0)
    expect(github.requests).toHaveLength(0)
    expectCurrentHidden(result, 'bus|1x2|3x4')
  })
})

describe('max-age', () => {
  it('rotates a secret written 26 days ago with max-age 25d, though its expiry is far', async () => {
    store('bus|stored|token', 200, new Date(Date.now() - 26 * DAY))
    const result = await run({ 'renew-before': '30d', 'max-age': '25d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    expect(result.outputs.token_check).toBe('skipped')
    expect(result.stdout).toMatch(
      /^The secret of the Actions secret of repository acme\/app was last written 26\.0 days ago, longer ago than `max-age`: rotating\.$/m
    )
    expect(stored()).toBe(personr.currentToken(email))
  })

  it('leaves a secret written 10 days ago alone', async () => {
    const expiresAt = store('bus|stored|token', 200, new Date(Date.now() - 10 * DAY))
    const result = await run({ 'renew-before': '30d', 'max-age': '25d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('false')
    expect(result.outputs.expires_at).toBe(expiresAt)
    expect(result.stdout).toMatch(/, last written 10\.0 days ago: not due, nothing to do\.$/m)
    expect(personr.requests).toHaveLength(0)
    expect(stored()).toBe('bus|stored|token')
  })
})

describe('auth: basic', () => {
  const basic = Buffer.from(`${email}:${password}`, 'utf8').toString('base64')

  /** Every line that holds `secret` is an ::add-mask:: line; the summary and stderr hold none. */
  function expectOnlyInMasks(result: ActionRun, secret: string, label: string): void {
    const shown = result.stdout
      .split('\n')
      .filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))
    expect(shown, `${label} printed`).toEqual([])
    expect(result.stderr.includes(secret), `${label} in stderr`).toBe(false)
    expect(result.summary.includes(secret), `${label} in the summary`).toBe(false)
  }

  it('mints through /api-basic-auth and hides the password and the Basic header', async () => {
    const result = await runAction({
      inputs: { email, password, 'api-url': personr.url, auth: 'basic' },
      github: { api_url: github.url }
    })
    expect(result.code, result.stdout).toBe(0)
    expect(personr.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/1.1/wf/api-basic-auth'
    ])
    expect(personr.requests[0]?.headers.authorization).toBe(`Basic ${basic}`)
    expect(result.outputs.token).toBe(personr.currentToken(email))
    expect(personr.isValid(result.outputs.token ?? '')).toBe(true)
    expect(result.commands).toContainEqual({ command: 'add-mask', value: `Basic ${basic}` })
    expectOnlyInMasks(result, password, 'password')
    expectOnlyInMasks(result, basic, 'Basic credentials')
    expect(github.requests).toHaveLength(0)
  })

  it('fails with the credentials error on a wrong password', async () => {
    const wrong = 'not the password'
    const result = await runAction({
      inputs: { email, password: wrong, 'api-url': personr.url, auth: 'basic' },
      github: { api_url: github.url }
    })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /^Personr refused the credentials \(INVALID_LOGIN_CREDENTIALS\)/
    )
    expect(personr.requests.map((r) => r.path)).toEqual(['/api/1.1/wf/api-basic-auth'])
    expect(result.outputs.token).toBeUndefined()
    expectOnlyInMasks(result, wrong, 'password')
    expectOnlyInMasks(
      result,
      Buffer.from(`${email}:${wrong}`).toString('base64'),
      'Basic credentials'
    )
  })

  it('rotates a stored token through /api-basic-auth', async () => {
    const a = await mintElsewhere()
    store(a)
    personr.advance(31 * DAY)
    const result = await check(a, { auth: 'basic' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    expect(personr.requests.at(-1)?.path).toBe('/api/1.1/wf/api-basic-auth')
    expect(stored()).toBe(personr.currentToken(email))
    expectOnlyInMasks(result, basic, 'Basic credentials')
    expectCurrentHidden(result, a)
  })
})
