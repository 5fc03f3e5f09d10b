// `secret-targets` (issue 9): one mint written to every store that needs it (Actions,
// Dependabot and Codespaces secrets of repositories, environments and organizations), run from
// the bundle against the Personr simulator and a fake GitHub that decrypts every write. Covers
// the reads before the mint (concurrent, capped at 8, any refusal stops it), the writes after
// it (a failed one reported with who holds which token), dry run, the decision, the writer
// token's expiry warning, and the input errors caught before anything is sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, type ActionRun } from '../support/action.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { expectNoLeak } from '../support/leaks.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'
import { runRefresh } from '../support/refresh.ts'

const { email, password } = DEFAULT_ACCOUNT
const REPO = 'acme/app'
const DAY = 86_400_000
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
  { scope: `actions:repo:${REPO}`, store: 'Actions', label: `repository ${REPO}` },
  { scope: 'actions:repo:acme/web', store: 'Actions', label: 'repository acme/web' },
  {
    scope: `actions:env:${REPO}:production`,
    store: 'Actions',
    label: `environment production of ${REPO}`
  },
  {
    scope: 'actions:env:acme/web:staging',
    store: 'Actions',
    label: 'environment staging of acme/web'
  },
  { scope: 'actions:org:acme', store: 'Actions', label: 'organization acme (visibility selected)' },
  { scope: `dependabot:repo:${REPO}`, store: 'Dependabot', label: `repository ${REPO}` },
  {
    scope: 'dependabot:org:acme',
    store: 'Dependabot',
    label: 'organization acme (visibility private)'
  },
  { scope: 'codespaces:repo:acme/api', store: 'Codespaces', label: 'repository acme/api' }
]

const OLD_TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
/** A writer token whose every answer carries `github-authentication-token-expiration`. */
const EXPIRING = 'ghp_fake_expiring_writer'
/** A writer token granted every target but the Dependabot secrets of acme/app. */
const PARTIAL = 'ghp_fake_partial_writer'

let personr: Simulator
let github: FakeGitHub

async function startGitHub(options: { delayMs?: number; writerExpiresAt?: Date } = {}) {
  github = await startFakeGitHub({
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
    tokens: {
      [DEFAULT_TOKEN]: '*',
      [PARTIAL]: STORES.map((s) => s.scope).filter((s) => !s.startsWith('dependabot:repo:')),
      ...(options.writerExpiresAt
        ? { [EXPIRING]: { grants: '*', expiresAt: headerDate(options.writerExpiresAt) } }
        : {})
    },
    repos: [REPO, 'acme/web', 'acme/api']
  })
}

beforeEach(async () => {
  personr = await startSimulator()
})
afterEach(async () => {
  await personr.close()
  await github.close()
})

function run(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runRefresh(personr, github, { 'secret-targets': TARGETS, ...inputs })
}

/** GitHub's header format: "2027-01-15 10:00:00 UTC". */
function headerDate(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC')
}

/** No password, GitHub token or Personr token anywhere a user can see. */
function expectNoCredentialShown(result: ActionRun, githubToken = DEFAULT_TOKEN): void {
  expectNoLeak(result, password, 'password')
  expectNoLeak(result, githubToken, 'github-token')
  for (const token of [result.outputs.token, personr.currentToken(email)]) {
    if (token) expectNoLeak(result, token, 'Personr token')
  }
}

const mints = (): number =>
  personr.requests.filter((r) => r.path.includes('api-token-generate')).length
const writes = (): string[] =>
  github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)
const warningsOf = (result: ActionRun): string[] =>
  result.commands.filter((c) => c.command === 'warning').map((c) => c.value)

/** The given targets hold `value`, and the expiry is recorded `daysAhead` from now. */
function store(value: string, daysAhead: number, stores = STORES): void {
  for (const { scope } of stores) github.setSecret(scope, 'PERSONR_TOKEN', value)
  github.setVariable(
    `repo:${REPO}`,
    EXPIRY_VARIABLE,
    new Date(Date.now() + daysAhead * DAY).toISOString()
  )
}

/** Summary prose without Markdown's backslash escapes (src/markdown.ts escapes punctuation). */
function unescaped(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

function row(store: string, label: string, result: string): string {
  return `| ${store} | \`${label}\` | ${result} |`
}

/** The largest number of requests the fake GitHub was answering at one moment. */
function maxInFlight(requests: { start: number; end: number }[]): number {
  return Math.max(
    ...requests.map(({ start }) => requests.filter((r) => r.start <= start && start < r.end).length)
  )
}

describe('secret-targets: one mint written to every store', () => {
  it('writes several targets of each kind from one mint', async () => {
    await startGitHub()
    const result = await run()
    expect(result.code, result.stdout).toBe(0)

    const token = personr.currentToken(email)
    expect(mints()).toBe(1)
    expect(token).toBeDefined()
    expect(result.outputs.token).toBe(token)
    for (const { scope } of STORES) {
      expect(github.secret(scope, 'PERSONR_TOKEN')?.value, scope).toBe(token)
    }
    const org = github.secret('actions:org:acme', 'PERSONR_TOKEN')
    expect(org?.visibility).toBe('selected')
    expect(org?.selectedRepositoryIds).toEqual([github.repoIds[REPO], github.repoIds['acme/web']])
    const dependabotOrg = github.secret('dependabot:org:acme', 'PERSONR_TOKEN')
    expect(dependabotOrg?.visibility).toBe('private')
    expect(dependabotOrg?.selectedRepositoryIds).toBeUndefined()

    expect(result.outputs.targets).toBe('8')
    expect(result.outputs.rotated).toBe('true')
    expect(writes().filter((w) => w.startsWith('PUT '))).toHaveLength(8)
    // The expiry is recorded once, beside the first Actions target: this repository.
    expect(writes().filter((w) => w.includes('/variables'))).toEqual([
      `POST /repos/${REPO}/actions/variables`
    ])
    expect(github.variable(`repo:${REPO}`, EXPIRY_VARIABLE)).toBe(result.outputs.expires_at)
    expect(github.variable(`env:${REPO}:production`, EXPIRY_VARIABLE)).toBeUndefined()
    expect(github.variable('org:acme', EXPIRY_VARIABLE)).toBeUndefined()

    expect(result.summary).toMatch(/^### Personr API token rotated$/m)
    for (const { store, label } of STORES) {
      expect(result.summary).toContain(row(store, label, 'written'))
      expect(result.stdout).toContain(`Stored the new token in the ${store} secret of ${label}.`)
    }
    expect(result.summary.match(/^\| (Actions|Dependabot|Codespaces) \|/gm)).toHaveLength(8)
    expectNoCredentialShown(result)
  })

  it('reads every target together before minting, at most 8 at a time', async () => {
    await startGitHub({ delayMs: 100 })
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(mints()).toBe(1)

    const firstWrite = github.requests.findIndex((r) => r.method !== 'GET')
    const reads = github.requests.slice(0, firstWrite)
    // 8 targets × (public key, secret) + the expiry variable + 2 selected repositories.
    expect(reads).toHaveLength(19)
    // Some read starts before another has been answered: they overlap.
    expect(
      reads.some((a) => reads.some((b) => a !== b && a.start < b.end && b.start < a.end))
    ).toBe(true)
    const most = maxInFlight(reads)
    expect(most).toBeGreaterThan(1)
    expect(most).toBeLessThanOrEqual(8)
    // One after another they would take 19 × 100 ms; in batches of 8, about 3 × 100 ms.
    const span = Math.max(...reads.map((r) => r.end)) - Math.min(...reads.map((r) => r.start))
    expect(span).toBeLessThan(19 * 100 * 0.5)
    expect(maxInFlight(github.requests)).toBeLessThanOrEqual(8)
  })

  it('fails before minting when one target refuses access, naming it and the permission', async () => {
    await startGitHub()
    const result = await run({ 'github-token': PARTIAL })
    expect(result.code).toBe(1)
    // Whichever of the target's two reads is refused first names it.
    expect(errorsOf(result)).toMatch(
      /^Could not read (the Dependabot secrets public key|whether the Dependabot secret PERSONR_TOKEN exists) of repository acme\/app: GitHub answered 403/
    )
    expect(errorsOf(result)).toContain(
      'Give `github-token` the repository permission "Dependabot secrets" (read and write) on acme/app as a fine-grained token, or `dependabot_secrets: write` as a GitHub App'
    )
    expect(personr.requests).toHaveLength(0)
    expect(writes()).toEqual([])
    for (const { scope } of STORES) expect(github.secret(scope, 'PERSONR_TOKEN')).toBeUndefined()
    expect(result.outputs.token).toBeUndefined()
    expectNoCredentialShown(result, PARTIAL)
  })

  it('writes the other targets when one write fails after the mint, and says who holds what', async () => {
    await startGitHub()
    store(OLD_TOKEN, 10)
    const staging = 'actions:env:acme/web:staging'
    github.fail({
      method: 'PUT',
      path: /\/environments\/staging\/secrets\/PERSONR_TOKEN$/,
      status: 500,
      times: Infinity
    })
    const result = await run({ 'renew-before': '30d', retries: '1' })
    expect(result.code).toBe(1)
    expect(mints()).toBe(1)

    const token = personr.currentToken(email)
    expect(result.outputs.token).toBe(token)
    const others = STORES.filter((s) => s.scope !== staging)
    for (const { scope } of others) {
      expect(github.secret(scope, 'PERSONR_TOKEN')?.value, scope).toBe(token)
    }
    expect(github.secret(staging, 'PERSONR_TOKEN')?.value).toBe(OLD_TOKEN)

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
    expect(result.outputs.targets).toBe('7')
    expect(result.outputs.rotated).toBe('true')
    // Recorded as incomplete, so the next run rotates again.
    expect(github.variable(`repo:${REPO}`, EXPIRY_VARIABLE)).toBe(
      `incomplete: ${result.outputs.expires_at}`
    )
    expectNoCredentialShown(result)
  })

  describe('dry run', () => {
    it('reads and decides, reports each target, mints and writes nothing', async () => {
      await startGitHub()
      // Every target holds the secret; the expiry is due, so a real run would rotate.
      store(OLD_TOKEN, 10)
      const result = await run({ 'renew-before': '30d', 'dry-run': 'true' })
      expect(result.code, result.stdout).toBe(0)
      expect(personr.requests).toHaveLength(0)
      expect(writes()).toEqual([])
      for (const { scope } of STORES) {
        expect(github.secret(scope, 'PERSONR_TOKEN')?.value).toBe(OLD_TOKEN)
      }
      expect(result.outputs.targets).toBe('0')
      expect(result.outputs.rotated).toBe('false')
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
      }
      expectNoCredentialShown(result)
    })

    it('names in the log each target it would write', async () => {
      await startGitHub()
      store(OLD_TOKEN, 10)
      const result = await run({ 'renew-before': '30d', 'dry-run': 'true' })
      expect(result.code, result.stdout).toBe(0)
      // Issue 9: "reports what it would do for each target, in the log and the summary".
      const unnamed = STORES.filter(
        ({ store, label }) => !result.stdout.includes(`the ${store} secret of ${label}`)
      ).map(({ store, label }) => `${store} ${label}`)
      expect(unnamed, result.stdout).toEqual([])
    })
  })

  describe('the writer token expiry warning', () => {
    it('warns with the date when github-token expires within 30 days', async () => {
      const expires = new Date(Date.now() + 10 * DAY + 3_600_000)
      expires.setUTCMilliseconds(0)
      await startGitHub({ writerExpiresAt: expires })
      const result = await run({ 'github-token': EXPIRING })
      expect(result.code, result.stdout).toBe(0)
      const warning = `\`github-token\` expires at ${expires.toISOString()}, in 10 days. Renew it and update the secret that holds it before then, or the refresh will fail and the stored Personr token will expire.`
      expect(warningsOf(result)).toContain(warning)
      expect(unescaped(result.summary)).toContain(`> [!WARNING]\n> ${warning}`)
      expectNoCredentialShown(result, EXPIRING)
    })

    it('warns when github-token expires before the stored token is next due', async () => {
      const expires = new Date(Date.now() + 200 * DAY)
      expires.setUTCMilliseconds(0)
      await startGitHub({ writerExpiresAt: expires })
      const result = await run({ 'github-token': EXPIRING, 'renew-before': '30d' })
      expect(result.code, result.stdout).toBe(0)
      const warning = `\`github-token\` expires at ${expires.toISOString()}, before the stored Personr token is next due`
      expect(warningsOf(result).join('\n')).toContain(warning)
      expect(unescaped(result.summary)).toContain(`> [!WARNING]\n> ${warning}`)
    })

    it('does not warn when github-token expires long after the next renewal', async () => {
      await startGitHub({ writerExpiresAt: new Date(Date.now() + 360 * DAY) })
      const result = await run({ 'github-token': EXPIRING, 'renew-before': '30d' })
      expect(result.code, result.stdout).toBe(0)
      expect(warningsOf(result)).toEqual([])
      expect(result.stdout).not.toContain('`github-token` expires')
      expect(result.summary).not.toContain('[!WARNING]')
    })
  })

  it('changes nothing when every target holds the secret and the expiry is far ahead', async () => {
    await startGitHub()
    store(OLD_TOKEN, 100)
    const result = await run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(personr.requests).toHaveLength(0)
    expect(writes()).toEqual([])
    for (const { scope } of STORES) {
      expect(github.secret(scope, 'PERSONR_TOKEN')?.value).toBe(OLD_TOKEN)
    }
    expect(result.outputs.rotated).toBe('false')
    expect(result.outputs.targets).toBe('0')
    expect(result.outputs.token).toBeUndefined()
    expect(result.stdout).toContain('not due, nothing to do.')
    expect(result.summary).toMatch(/^### Personr API token not rotated$/m)
    for (const { store, label } of STORES) {
      expect(result.summary).toContain(row(store, label, 'unchanged'))
    }
    expectNoCredentialShown(result)
  })

  it('rotates when one target lacks the secret, saying which', async () => {
    await startGitHub()
    // Every target but the last, the Codespaces secret of acme/api, holds the secret.
    store(OLD_TOKEN, 100, STORES.slice(0, -1))
    const result = await run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.stdout).toContain(
      'The secret is missing from the Codespaces secret of repository acme/api: rotating.'
    )
    expect(mints()).toBe(1)
    const token = personr.currentToken(email)
    for (const { scope } of STORES) {
      expect(github.secret(scope, 'PERSONR_TOKEN')?.value, scope).toBe(token)
    }
    expect(result.outputs.rotated).toBe('true')
    expect(result.outputs.targets).toBe('8')
    expectNoCredentialShown(result)
  })
})

describe('secret-targets: input errors, before anything is sent', () => {
  const many = Array.from({ length: 21 }, (_, i) => `repo=acme/r${i + 1}`).join('\n')
  it.each([
    [
      'an unknown key',
      '# ours\nrepo\n\nbranch=main',
      {},
      /^Input `secret-targets`, line 4: unknown key `branch`/
    ],
    [
      'env with org',
      'repo\norg=acme env=production',
      {},
      /^Input `secret-targets`, line 2: `org` cannot be combined with `repo` or `env`/
    ],
    [
      'env with app=dependabot',
      'repo\napp=dependabot env=production',
      {},
      /^Input `secret-targets`, line 2: `env` is for Actions secrets only: Dependabot has no environment secrets/
    ],
    [
      'repos without visibility=selected',
      'org=acme repos=app,web',
      {},
      /^Input `secret-targets`, line 1: `repos` is only used with `visibility=selected`/
    ],
    [
      'a duplicate target',
      'repo\nrepo=acme/web\nrepo=acme/app # again',
      {},
      /^Input `secret-targets`, line 3: repeats line 1 \(the Actions secret of repository acme\/app\)/
    ],
    [
      'a duplicate target spelt with different case',
      'repo=acme/web\n\nrepo=ACME/Web',
      {},
      /^Input `secret-targets`, line 3: repeats line 1/
    ],
    [
      'more than 20 targets',
      many,
      {},
      /^Input `secret-targets` names 21 targets, more than the 20 one step writes/
    ],
    [
      'secret-targets with secret-repository',
      'repo',
      { 'secret-repository': 'acme/web' },
      /^`secret-targets` cannot be combined with `secret-repository`/
    ]
  ])('refuses %s', async (_, targets, inputs: Record<string, string>, message) => {
    await startGitHub()
    const result = await run({ 'secret-targets': targets, ...inputs })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(message)
    expect(personr.requests).toHaveLength(0)
    expect(github.requests).toHaveLength(0)
    expectNoCredentialShown(result)
  })
})
