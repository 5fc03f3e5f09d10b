// Issue 10, end to end over the bundle: the scheduled refresh proves the stored token instead of
// trusting its recorded expiry. The Personr simulator lives Bubble's token life (a newer mint kills
// the older token; 30 days without an accepted use kill it too; every accepted use extends it), on
// its own clock that these tests move with advance(): no real waits. The fake GitHub holds the
// stored secret and its expiry variable, and its tokens can be limited to reading.
import { recordOf } from '../support/record.ts'
import { describe, expect, it } from 'vitest'
import { errorsOf, runAction, warnings, type ActionRun } from '../support/action.ts'
import { expectHidden, expectNoLeak, expectOnlyInMasks } from '../support/leaks.ts'
import { DEFAULT_ACCOUNT } from '../fakes/personr.ts'
import { DAY, REPO, unescaped, useFakes } from '../support/refresh.ts'
import { mints, writes, mintElsewhere } from '../support/requests.ts'

const { email, password } = DEFAULT_ACCOUNT
const SCOPE = `repo:${REPO}`
/** A github-token that may read this repository's secrets and variables, not write them. */
const READ_ONLY = 'ghp_read_only'

const f = useFakes({ tokens: { [READ_ONLY]: [`read:actions:${SCOPE}`] } })

/** The daily refresh the README recommends: the stored token passed back in, the default check. */
function check(current: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return f.run({ 'current-token': current, 'renew-before': '30d', ...inputs })
}

/** What the last refresh left behind: the token in the secret and an expiry `days` ahead. */
function store(token: string, days = 200, updatedAt = new Date()): string {
  const expiresAt = new Date(Date.now() + days * DAY).toISOString()
  f.github.setSecret(SCOPE, 'PERSONR_TOKEN', token, { updatedAt })
  f.github.setVariable(SCOPE, 'PERSONR_TOKEN_EXPIRES_AT', expiresAt)
  return expiresAt
}

const stored = (): string | undefined => f.github.secret(SCOPE, 'PERSONR_TOKEN')?.value
const checks = () => f.personr.requests.filter((r) => r.path.endsWith('/api-applicant-status'))
const secretWrites = (): string[] =>
  writes(f.github).filter((w) => w.startsWith('PUT ') && w.endsWith('/secrets/PERSONR_TOKEN'))
const summaryText = (result: ActionRun): string => unescaped(result.summary)

/** The stored token is masked before anything prints it, and no credential is printed. */
function expectCurrentHidden(result: ActionRun, current: string): void {
  expectHidden(result, current, 'current-token')
  f.expectNoCredentialShown(result)
}

it('skips the check on the first run, with nothing stored yet, saying why, then mints and stores', async () => {
  // `current-token: ${{ secrets.PERSONR_TOKEN }}` of a secret that does not exist yet.
  const result = await check('')
  expect(result.code, result.stdout).toBe(0)
  expect(result.outputs).toMatchObject({ token_check: 'skipped', rotated: 'true', targets: '1' })
  expect(result.stdout).toMatch(
    /^The stored token is not checked: no `current-token` was given, so nothing is stored yet \(the first run\) or it was not passed in\.$/m
  )
  expect(summaryText(result)).toContain('The stored token was not checked: no `current-token`')
  expect(checks()).toHaveLength(0)
  expect(stored()).toBe(f.personr.currentToken(email))
  expect(result.outputs.token).toBe(stored())
  f.expectNoCredentialShown(result)
})

it('rotates a stored token that a mint elsewhere killed, though its expiry is months away', async () => {
  const a = await mintElsewhere(f.personr)
  store(a)
  const b = await mintElsewhere(f.personr) // someone else mints: A dies
  const result = await check(a)
  expect(result.code, result.stdout).toBe(0)
  expect(result.outputs).toMatchObject({ token_check: 'dead', rotated: 'true', targets: '1' })
  expect(mints(f.personr)).toBe(3)
  const fresh = f.personr.currentToken(email) ?? ''
  expect(fresh).not.toBe(b)
  expect(f.personr.isValid(fresh)).toBe(true)
  expect(result.outputs.token).toBe(fresh)
  expect(stored()).toBe(fresh)
  expect(f.github.variable(SCOPE, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(recordOf(result))
  // The check went out once, to the default endpoint, with the stored token as Bearer and
  // an empty multipart body.
  expect(checks()).toMatchObject([
    { method: 'POST', headers: { authorization: `Bearer ${a}` }, fields: {} }
  ])
  // The stored secret is written once, with the new token: a probe beside it proved the access.
  expect(secretWrites()).toHaveLength(1)
  expect(result.stdout).toMatch(
    /^The stored token was refused by api-applicant-status \(401 Unauthorized\): someone minted another token for this account, or it expired idle\. Rotating now, whatever its recorded expiry says\.$/m
  )
  expect(summaryText(result)).toMatch(/^### Personr API token rotated$/m)
  expect(summaryText(result)).toContain(
    'api-applicant-status refused the stored token: someone minted another token for this account, or it expired idle.'
  )
  expectCurrentHidden(result, a)
})

it('keeps an otherwise idle token alive past 30 days with a check every 20, minting nothing', async () => {
  const a = await mintElsewhere(f.personr)
  const expiresAt = store(a)
  // The second run names Personr's development copy in check-url: an explicit check-url wins.
  const explicit = {
    'check-url': `${f.personr.origin}/version-test/api/1.1/wf/api-applicant-status`,
    'check-method': 'POST'
  }
  for (const [day, by, inputs] of [
    [20, 'api-applicant-status', {}],
    [40, 'check-url', explicit]
  ] as const) {
    f.personr.advance(20 * DAY)
    const result = await check(a, inputs)
    expect(result.code, `day ${day}: ${result.stdout}`).toBe(0)
    // The token every target holds, for a copy to a store outside GitHub.
    expect(result.outputs).toEqual({
      token_check: 'alive',
      rotated: 'false',
      targets: '0',
      expires_at: expiresAt,
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
  expect(checks().map((r) => r.path.startsWith('/version-test/'))).toEqual([false, true])
  expect(checks().every((r) => r.headers.authorization === `Bearer ${a}`)).toBe(true)

  // With check-url none it proves nothing and decides from the expiry, handing on the stored token.
  const none = await check(a, { 'check-url': 'none' })
  expect(none.code, none.stdout).toBe(0)
  expect(none.outputs).toEqual({
    token_check: 'skipped',
    rotated: 'false',
    targets: '0',
    expires_at: expiresAt,
    token: a
  })
  expect(none.stdout).toContain(
    'The stored token is not checked: `check-url: none` turns the check off.'
  )
  expectCurrentHidden(none, a)

  expect(f.personr.isValid(a)).toBe(true)
  expect(mints(f.personr)).toBe(1) // the setup's own
  expect(checks()).toHaveLength(2)
  expect(stored()).toBe(a)
  // Not a write anywhere: an alive token that is not due changes nothing.
  expect(writes(f.github)).toEqual([])
  // Without the runs the same token would have died: 31 more idle days kill it.
  f.personr.advance(31 * DAY)
  expect(f.personr.isValid(a)).toBe(false)
})

describe('an inconclusive check falls back to the recorded expiry', () => {
  it('warns naming the status of a 502 page, then finds the token not due', async () => {
    const a = await mintElsewhere(f.personr)
    const expiresAt = store(a)
    f.personr.fault({ kind: 'html' })
    const result = await check(a, { retries: '0' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({
      token_check: 'inconclusive',
      rotated: 'false',
      expires_at: expiresAt,
      token: a
    })
    expect(checks()).toHaveLength(1)
    expect(mints(f.personr)).toBe(1) // the setup's own
    expect(stored()).toBe(a)
    const said =
      /^Could not tell whether the stored token works \(api-applicant-status: (.*)\)\. Deciding from the recorded expiry instead; the step goes on\.$/m.exec(
        warnings(result).join('\n')
      )
    expect(said?.[1]).toMatch(/502/)
    expect(said?.[1]).not.toContain('re-run')
    expect(result.stdout).toMatch(/: not due, nothing to do\.$/m)
    expect(summaryText(result)).toMatch(
      /api-applicant-status could not tell whether the stored token works \(.*502/
    )
    expectCurrentHidden(result, a)
  })

  it('rotates when the expiry says so', async () => {
    const a = await mintElsewhere(f.personr)
    store(a, 10)
    f.personr.fault({ kind: 'status', status: 500 })
    const result = await check(a, { retries: '0' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({ token_check: 'inconclusive', rotated: 'true' })
    expect(result.stdout).toMatch(/in 10\.0 days, within `renew-before`: rotating/)
    expect(stored()).toBe(f.personr.currentToken(email))
    expectCurrentHidden(result, a)
  })
})

// Write access is proven before minting.
it('fails with a read-only github-token before minting, naming the target and permission', async () => {
  const a = await mintElsewhere(f.personr)
  store(a, 10) // due: a mint would follow
  const updatedAt = f.github.secret(SCOPE, 'PERSONR_TOKEN')?.updatedAt
  const result = await check(a, { 'github-token': READ_ONLY })
  expect(result.code).toBe(1)
  expect(errorsOf(result)).toMatch(
    /Could not write the Actions secret PERSONR_TOKEN_WRITE_PROBE of repository acme\/app: GitHub answered 403 Forbidden.*Give `github-token` the repository permission "Secrets" \(read and write\) on acme\/app/
  )
  expect(errorsOf(result)).toMatch(
    /This was a write to prove write access before minting: nothing was minted, and the stored token still works\.$/
  )
  expect(result.outputs).toEqual({})
  expect(mints(f.personr)).toBe(1) // the setup's own
  expect(f.personr.isValid(a)).toBe(true)
  expect(stored()).toBe(a)
  expect(f.github.secret(SCOPE, 'PERSONR_TOKEN')?.updatedAt).toBe(updatedAt)
  expectCurrentHidden(result, a)
  expectNoLeak(result, READ_ONLY, 'github-token')
})

describe('auth: basic', () => {
  const basic = Buffer.from(`${email}:${password}`, 'utf8').toString('base64')

  it('mints through /api-basic-auth and hides the password and the Basic header', async () => {
    const result = await runAction({
      inputs: { email, password, 'api-url': f.personr.url, auth: 'basic' },
      github: { api_url: f.github.url }
    })
    expect(result.code, result.stdout).toBe(0)
    expect(f.personr.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/1.1/wf/api-basic-auth'
    ])
    expect(f.personr.requests[0]?.headers.authorization).toBe(`Basic ${basic}`)
    expect(result.outputs.token).toBe(f.personr.currentToken(email))
    expect(result.commands).toContainEqual({ command: 'add-mask', value: `Basic ${basic}` })
    expectOnlyInMasks(result, password, 'password')
    expectOnlyInMasks(result, basic, 'Basic credentials')
    expect(f.github.requests).toHaveLength(0)
  })

  it('rotates a dead stored token through /api-basic-auth', async () => {
    const a = await mintElsewhere(f.personr)
    store(a)
    f.personr.advance(31 * DAY) // idle: A dies
    const result = await check(a, { auth: 'basic' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({ token_check: 'dead', rotated: 'true' })
    expect(f.personr.requests.at(-1)?.path).toBe('/api/1.1/wf/api-basic-auth')
    expect(stored()).toBe(f.personr.currentToken(email))
    expectOnlyInMasks(result, basic, 'Basic credentials')
    expectCurrentHidden(result, a)
  })
})
