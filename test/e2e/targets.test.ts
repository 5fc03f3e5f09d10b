// `secret-targets` (issue 9): one mint written to every store that needs it (Actions,
// Dependabot and Codespaces secrets of repositories, environments and organizations), run from
// the bundle against the Personr simulator and a fake GitHub that decrypts every write. Covers
// the reads before the mint (concurrent, capped at 8, any refusal stops it), the writes after
// it (a failed one reported with who holds which token), dry run, the decision, the writer
// token's expiry warning, and the input errors caught before anything is sent.
import { recordOf } from '../support/record.ts'
import { describe, expect, it } from 'vitest'
import { errorsOf, warnings, type ActionRun } from '../support/action.ts'
import type { FakeGitHubOptions } from '../fakes/github.ts'
import { DEFAULT_ACCOUNT } from '../fakes/personr.ts'
import { DAY, REPO, unescaped, useFakes, type Fakes } from '../support/refresh.ts'
import { maxInFlight, mints, writes } from '../support/requests.ts'

const { email } = DEFAULT_ACCOUNT
const EXPIRY_VARIABLE = 'PERSONR_TOKEN_EXPIRES_AT'

/** The documented example: every kind of target, with comments and a blank line. */
const TARGETS = `# One mint, every store that needs it.
repo                                   # this repository's Actions secret
repo=acme/web                          # another repository
env=production                         # environment of this repository

env=staging repo=acme/web
org=acme visibility=selected repos=app,web
app=dependabot                         # this repository's Dependabot secret
app=dependabot org=acme visibility=private
app=codespaces repo=acme/api
`

/** Each target of TARGETS, in order: its fake GitHub scope, and how the action names it. */
const STORES = [
  [`actions:repo:${REPO}`, 'Actions', `repository ${REPO}`],
  ['actions:repo:acme/web', 'Actions', 'repository acme/web'],
  [`actions:env:${REPO}:production`, 'Actions', `environment production of ${REPO}`],
  ['actions:env:acme/web:staging', 'Actions', 'environment staging of acme/web'],
  ['actions:org:acme', 'Actions', 'organization acme (visibility selected)'],
  [`dependabot:repo:${REPO}`, 'Dependabot', `repository ${REPO}`],
  ['dependabot:org:acme', 'Dependabot', 'organization acme (visibility private)'],
  ['codespaces:repo:acme/api', 'Codespaces', 'repository acme/api']
].map(([scope = '', store = '', label = '']) => ({ scope, store, label }))

const OLD_TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
/** A writer token whose every answer carries `github-authentication-token-expiration`. */
const EXPIRING = 'ghp_fake_expiring_writer'
/** A writer token granted every target but the Dependabot secrets of acme/app. */
const PARTIAL = 'ghp_fake_partial_writer'
/** When EXPIRING expires: in 10 days and an hour, to the second. */
const WRITER_EXPIRES = new Date(Math.floor((Date.now() + 10 * DAY + 3_600_000) / 1000) * 1000)

const options: FakeGitHubOptions = {
  tokens: {
    [PARTIAL]: STORES.map((s) => s.scope).filter((s) => !s.startsWith('dependabot:repo:')),
    // GitHub's header format: "2027-01-15 10:00:00 UTC".
    [EXPIRING]: {
      grants: '*',
      expiresAt: WRITER_EXPIRES.toISOString().replace('T', ' ').replace('.000Z', ' UTC')
    }
  },
  repos: [REPO, 'acme/web', 'acme/api'],
  environments: [`${REPO}:production`, 'acme/web:staging']
}

const holding = (f: Fakes, scope: string) => f.github.secret(scope, 'PERSONR_TOKEN')?.value

/** The given targets hold `value`, and the expiry is recorded `daysAhead` from now. */
function store(f: Fakes, value: string, daysAhead: number, stores = STORES): void {
  for (const { scope } of stores) f.github.setSecret(scope, 'PERSONR_TOKEN', value)
  const expiry = new Date(Date.now() + daysAhead * DAY).toISOString()
  f.github.setVariable(`repo:${REPO}`, EXPIRY_VARIABLE, expiry)
}

const row = (store: string, label: string, result: string): string =>
  `| ${store} | \`${label}\` | ${result} |`

describe('secret-targets: one mint written to every store', () => {
  const f = useFakes(options)
  const run = (inputs: Record<string, string> = {}): Promise<ActionRun> =>
    f.run({ 'secret-targets': TARGETS, ...inputs })

  it('writes every kind of target from one mint, warning that github-token expires soon', async () => {
    const result = await run({ 'github-token': EXPIRING })
    expect(result.code, result.stdout).toBe(0)

    const token = f.personr.currentToken(email)
    expect(mints(f.personr)).toBe(1)
    expect(token).toBeDefined()
    expect(result.outputs).toMatchObject({ token, targets: '8', rotated: 'true' })
    for (const { scope } of STORES) expect(holding(f, scope), scope).toBe(token)
    expect(f.github.secret('actions:org:acme', 'PERSONR_TOKEN')).toMatchObject({
      visibility: 'selected',
      selectedRepositoryIds: [f.github.repoIds[REPO], f.github.repoIds['acme/web']]
    })
    const dependabotOrg = f.github.secret('dependabot:org:acme', 'PERSONR_TOKEN')
    expect(dependabotOrg?.visibility).toBe('private')
    expect(dependabotOrg?.selectedRepositoryIds).toBeUndefined()

    // A probe to each target before the mint, and each deleted; then the token to each.
    const puts = writes(f.github).filter((w) => w.startsWith('PUT '))
    expect(puts.filter((w) => w.endsWith('/PERSONR_TOKEN_WRITE_PROBE'))).toHaveLength(8)
    expect(puts.filter((w) => w.endsWith('/PERSONR_TOKEN'))).toHaveLength(8)
    expect(writes(f.github).filter((w) => w.startsWith('DELETE '))).toHaveLength(8)
    // The record is kept once, beside the first Actions target: this repository.
    expect(writes(f.github).filter((w) => w.includes('/variables'))).toEqual([
      `POST /repos/${REPO}/actions/variables`,
      `PATCH /repos/${REPO}/actions/variables/${EXPIRY_VARIABLE}`
    ])
    expect(f.github.variable(`repo:${REPO}`, EXPIRY_VARIABLE)).toBe(recordOf(result))
    expect(f.github.variable(`env:${REPO}:production`, EXPIRY_VARIABLE)).toBeUndefined()
    expect(f.github.variable('org:acme', EXPIRY_VARIABLE)).toBeUndefined()

    expect(result.summary).toMatch(/^### Personr API token rotated$/m)
    for (const { store, label } of STORES) {
      expect(result.summary).toContain(row(store, label, 'written'))
      expect(result.stdout).toContain(`Stored the new token in the ${store} secret of ${label}.`)
    }
    expect(result.summary.match(/^\| (Actions|Dependabot|Codespaces) \|/gm)).toHaveLength(8)

    const warning = `\`github-token\` expires at ${WRITER_EXPIRES.toISOString()}, in 10 days. Renew it and update the secret that holds it before then, or the refresh will fail and the stored Personr token will expire.`
    expect(warnings(result)).toEqual([warning])
    expect(unescaped(result.summary)).toContain(`> [!WARNING]\n> ${warning}`)
    f.expectNoCredentialShown(result, { githubToken: EXPIRING })
  })

  it('fails before minting when one target refuses access, naming it and the permission', async () => {
    const result = await run({ 'github-token': PARTIAL })
    expect(result.code).toBe(1)
    // Both reads of the target are refused, at once: whichever answer comes back first names it.
    expect(errorsOf(result)).toMatch(
      /^Could not read (the Dependabot secrets public key of repository acme\/app|whether the Dependabot secret PERSONR_TOKEN of repository acme\/app exists): GitHub answered 403/
    )
    expect(errorsOf(result)).toContain(
      'Give `github-token` the repository permission "Dependabot secrets" (read and write) on acme/app as a fine-grained token, or `dependabot_secrets: write` as a GitHub App'
    )
    expect(f.personr.requests).toHaveLength(0)
    expect(writes(f.github)).toEqual([])
    for (const { scope } of STORES) expect(holding(f, scope)).toBeUndefined()
    expect(result.outputs).toEqual({})
    f.expectNoCredentialShown(result, { githubToken: PARTIAL, noToken: true })
  })

  it('writes the other targets when one write fails after the mint, and says who holds what', async () => {
    store(f, OLD_TOKEN, 10)
    const staging = 'actions:env:acme/web:staging'
    f.github.fail({
      method: 'PUT',
      path: /\/environments\/staging\/secrets\/PERSONR_TOKEN$/,
      status: 500,
      times: Infinity
    })
    const result = await run({ 'renew-before': '30d', retries: '1' })
    expect(result.code).toBe(1)
    expect(mints(f.personr)).toBe(1)

    const token = f.personr.currentToken(email)
    expect(result.outputs).toMatchObject({ token, targets: '7', rotated: 'true' })
    const others = STORES.filter((s) => s.scope !== staging)
    for (const { scope } of others) expect(holding(f, scope), scope).toBe(token)
    expect(holding(f, staging)).toBe(OLD_TOKEN)

    const held = others.map((s) => `the ${s.store} secret of ${s.label}`).join('; ')
    expect(errorsOf(result)).toContain(
      `Minted a new Personr token but could not store it everywhere. Hold the new token: ${held}. Still hold the old token, which no longer works: the Actions secret of environment staging of acme/web. Could not write the Actions secret PERSONR_TOKEN of environment staging of acme/web after 2 attempts`
    )
    expect(errorsOf(result)).toContain("in this step's `token` output")

    expect(result.summary).toMatch(/^### Personr API token rotated, but not stored everywhere$/m)
    for (const { scope, store, label } of STORES) {
      const failed = '**failed**: still holds the old token, which no longer works'
      expect(result.summary).toContain(row(store, label, scope === staging ? failed : 'written'))
    }
    // Recorded as incomplete, so the next run rotates again.
    expect(f.github.variable(`repo:${REPO}`, EXPIRY_VARIABLE)).toBe(recordOf(result, false))
    f.expectNoCredentialShown(result)
  })

  it('in a dry run, reads and decides, reports each target, mints and writes nothing', async () => {
    // Every target holds the secret; the expiry is due, so a real run would rotate.
    store(f, OLD_TOKEN, 10)
    const result = await run({ 'renew-before': '30d', 'dry-run': 'true' })
    expect(result.code, result.stdout).toBe(0)
    expect(f.personr.requests).toHaveLength(0)
    expect(writes(f.github)).toEqual([])
    for (const { scope } of STORES) expect(holding(f, scope)).toBe(OLD_TOKEN)
    expect(result.outputs).toMatchObject({ targets: '0', rotated: 'false' })
    expect(result.outputs.token).toBeUndefined()

    expect(result.stdout).toMatch(/within `renew-before`: rotating/)
    expect(result.stdout).toContain(
      'Dry run: a real run would mint one token and write it to 8 targets. Nothing was minted or written.'
    )
    expect(result.summary).toMatch(/^### Personr API token refresh: dry run$/m)
    expect(result.summary).toContain(
      'A real run would mint one token and write it to every target below. Nothing was minted or written.'
    )
    for (const { store, label } of STORES) {
      expect(result.summary).toContain(row(store, label, 'would write'))
      // Issue 9: "reports what it would do for each target, in the log and the summary".
      expect(result.stdout).toContain(`the ${store} secret of ${label}`)
    }
    f.expectNoCredentialShown(result, { noToken: true })
  })

  it('refuses a target line it cannot read before anything is sent', async () => {
    const result = await run({ 'secret-targets': 'repo\napp=dependabot env=production' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /^Input `secret-targets`, line 2: `env` is for Actions secrets only: Dependabot has no environment secrets/
    )
    expect(f.personr.requests).toHaveLength(0)
    expect(f.github.requests).toHaveLength(0)
    f.expectNoCredentialShown(result, { noToken: true })
  })
})

describe('secret-targets, against a GitHub that holds its answers', () => {
  const f = useFakes(options)
  /** 8 targets × (public key, secret) + the expiry variable + 2 selected repositories. */
  const READS = 19

  it('reads every target together before minting, at most 8 at a time', async () => {
    f.github.hold()
    const running = f.run({ 'secret-targets': TARGETS })
    const ended = running.then((r) => {
      throw new Error(`The step ended while the test waited for its reads:\n${r.stdout}`)
    })
    // Each answer waits until 8 reads are out (or every one left), then the oldest goes. Past
    // the cap, more than 8 would be out; below it (one after another, say), the reads out would
    // never get their answers, and the test would time out.
    for (let answered = 0; answered < READS; answered++) {
      await Promise.race([f.github.whenHeld(Math.min(8, READS - answered)), ended])
      f.github.release(1)
    }
    f.github.release()
    const result = await running
    expect(result.code, result.stdout).toBe(0)
    expect(mints(f.personr)).toBe(1)
    const firstWrite = f.github.requests.findIndex((r) => r.method !== 'GET')
    const reads = f.github.requests.slice(0, firstWrite)
    expect(reads).toHaveLength(READS)
    // Both fakes stamp events on this process's one clock: the mint came after the last answer.
    expect(f.personr.requests[0]?.start).toBeGreaterThan(Math.max(...reads.map((r) => r.end)))
    expect(maxInFlight(f.github.requests)).toBe(8)
  })
})
