import { describe, expect, it } from 'vitest'
import { withDefaults } from '../../src/inputs.ts'
import { readSecretInputs, type SecretInputs } from '../../src/secret-inputs.ts'
import { thrown } from '../support/caught.ts'
import { fakeInputs, plain } from '../fakes/inputs.ts'

const GITHUB_TOKEN = 'github_pat_11AAAAAAA0fakefakefakefake'
const CURRENT = 'bus|1111111111111x111111111111111111|0000000000000x000000000000000000'
const REPO = 'octo/app'
const API_URL = new URL('https://enterprise.personr.co/api/1.1/wf')
const CHECK = `${API_URL.href}/api-applicant-status`

/** The minimum for storing a secret; tests add or blank inputs over it. */
const BASE: Record<string, string> = {
  'secret-name': 'PERSONR_TOKEN',
  'github-token': GITHUB_TOKEN,
  'github-api-url': 'https://api.github.com'
}

/** readSecretInputs over `inputs`; `repository` is GITHUB_REPOSITORY. */
function run(inputs: Record<string, string>, repository: string | undefined) {
  const { read, mask, events } = fakeInputs(inputs)
  return { events, read: () => readSecretInputs(withDefaults(read), mask, repository, API_URL) }
}
function parsed(
  overrides: Record<string, string> = {},
  repository: string | undefined = REPO
): SecretInputs {
  const result = run({ ...BASE, ...overrides }, repository).read()
  if (result === undefined) throw new Error('readSecretInputs returned undefined')
  return result
}

describe('readSecretInputs without secret-name', () => {
  it.each([
    { 'github-api-url': 'https://api.github.com' },
    // The runner always fills github-api-url in; dry-run false is its default.
    { 'github-api-url': 'https://ghe.example.com/api/v3' },
    { 'dry-run': 'false' }
  ])('returns undefined for %j', (inputs) => {
    expect(run(inputs, REPO).read()).toBeUndefined()
  })

  it.each([
    ['github-token', GITHUB_TOKEN],
    ['secret-repository', 'octo/other'],
    ['secret-environment', 'production'],
    ['secret-org', 'acme'],
    ['secret-visibility', 'all'],
    ['secret-repositories', 'one,two'],
    ['secret-targets', 'repo'],
    ['renew-before', '30d'],
    ['current-token', CURRENT],
    ['dry-run', 'true']
  ])('refuses %s, naming it, without repeating a credential', (input, value) => {
    const { message } = thrown(() => run({ [input]: value }, REPO).read())
    expect(message).toContain(`\`${input}\` is only used with \`secret-name\``)
    expect(message).toContain('remove it')
    expect(message).not.toContain(GITHUB_TOKEN)
    expect(message).not.toContain(CURRENT)
  })

  it('names every stray input together', () => {
    const inputs = { 'secret-environment': 'p', 'renew-before': '30d', 'secret-org': 'acme' }
    const { message } = thrown(() => run(inputs, REPO).read())
    expect(message).toContain(
      '`secret-environment`, `secret-org`, `renew-before` are only used with `secret-name`'
    )
    expect(message).toContain('remove them')
  })
})

describe('readSecretInputs: what it refuses', () => {
  const MUST_BE_NAME = 'Input `secret-name` must be a valid secret name'
  const OWNER_NAME = 'Input `secret-repository` must be `owner/name`'
  const NO_REPOSITORY = 'No repository to store the secret in'
  const SAME_HOST =
    'Input `check-url` must be on the same host as `api-url` (enterprise.personr.co), so the stored token is never sent anywhere else'
  const SELECTED_ONLY = '`secret-repositories` is only used with `secret-visibility: selected`'
  const ORG_ONLY =
    '`secret-visibility` and `secret-repositories` apply to organization secrets only'
  const NOT_ORG = 'Input `secret-org` is not an organization name'
  const COMBINED =
    '`secret-org` cannot be combined with `secret-repository` or `secret-environment`'
  const targetsWith = (input: string) =>
    `\`secret-targets\` cannot be combined with \`${input}\`: list every target in \`secret-targets\` instead.`
  type Row = [Record<string, string>, string | undefined, string | string[]]
  it.each<Row>([
    // The other inputs stay: no secret-name makes them stray.
    [{ 'secret-name': '' }, REPO, '`github-token` is only used with `secret-name`'],
    ...[
      'GITHUB_TOKEN',
      'github_personr',
      '1TOKEN',
      'PERSONR-TOKEN',
      'PERSONR TOKEN',
      'PERSONR.TOKEN'
    ].map((name): Row => [{ 'secret-name': name }, REPO, [MUST_BE_NAME, `(got "${name}")`]]),
    [
      { 'github-token': '' },
      REPO,
      ['Input `github-token` is required with `secret-name`', 'GITHUB_TOKEN cannot write secrets']
    ],
    ...['30', '1y', '0d', 'a month', '-1d', 'soon', 'never'].map((value): Row => [
      { 'renew-before': value },
      REPO,
      ['Input `renew-before` must be a duration', ', or `always` (got', `got "${value}"`]
    ]),
    [{ 'max-age': 'a month' }, REPO, 'Input `max-age` must be a duration'],
    // `[\w.-]+` would take `.` and `..` as an owner or a name, and URL normalisation in
    // joinPath would then send the calls elsewhere: `../x` to https://api.github.com/x/….
    ...[
      'octo',
      'octo/app/extra',
      'octo/',
      '/app',
      'oc to/app',
      'octo/app?x',
      '../x',
      'octo/..',
      './app',
      'octo/.'
    ].map((repository): Row => [
      { 'secret-repository': repository },
      REPO,
      [OWNER_NAME, `"${repository}"`]
    ]),
    [{}, undefined, NO_REPOSITORY],
    [{}, '', [NO_REPOSITORY, 'Set `secret-repository: owner/name`']],
    [
      { 'secret-org': 'acme', 'secret-visibility': 'selected' },
      REPO,
      '`secret-visibility: selected` needs `secret-repositories`'
    ],
    ...['', 'all', 'private'].map((visibility): Row => [
      { 'secret-org': 'acme', 'secret-visibility': visibility, 'secret-repositories': 'one' },
      REPO,
      SELECTED_ONLY
    ]),
    // An entry is `name` or `owner/name`: `../../user` would become GET /user, whose `id` is
    // the token's user.
    ...['../../user', 'acme/..', 'a/b/c'].map((entry): Row => [
      {
        'secret-org': 'acme',
        'secret-visibility': 'selected',
        'secret-repositories': `one ${entry}`
      },
      REPO,
      ['secret-repositories', entry]
    ]),
    [
      { 'secret-org': 'acme', 'secret-visibility': 'public' },
      REPO,
      ['Input `secret-visibility` must be `all`, `private` or', '(got "public")']
    ],
    [{ 'secret-visibility': 'all' }, REPO, ORG_ONLY],
    [{ 'secret-repositories': 'one' }, REPO, ORG_ONLY],
    [{ 'secret-visibility': 'selected', 'secret-repositories': 'one' }, REPO, ORG_ONLY],
    [{ 'secret-org': 'acme', 'secret-repository': 'acme/app' }, REPO, COMBINED],
    [{ 'secret-org': 'acme', 'secret-environment': 'production' }, REPO, COMBINED],
    ...['acme/app', 'ac me', 'acme_corp', '../x'].map((org): Row => [
      { 'secret-org': org },
      REPO,
      [NOT_ORG, `(got "${org}")`]
    ]),
    ...['secret-repository', 'secret-environment', 'secret-org'].map((input): Row => [
      { 'secret-targets': 'repo', [input]: 'acme' },
      REPO,
      targetsWith(input)
    ]),
    ...['http://api.github.com', 'http://ghe.example.com/api/v3', 'http://10.0.0.1'].map(
      (url): Row => [{ 'github-api-url': url }, REPO, 'Input `github-api-url` must use https://']
    ),
    [{ 'github-api-url': 'api.github.com' }, REPO, 'Input `github-api-url` is not a URL'],
    ...[
      'https://evil.example/wf/whoami',
      'https://enterprise.personr.co:8443/api/1.1/wf/whoami',
      'https://enterprise.personr.co.evil.example/whoami'
    ].map((url): Row => [{ 'current-token': CURRENT, 'check-url': url }, REPO, SAME_HOST]),
    [
      { 'current-token': CURRENT, 'check-url': 'http://enterprise.personr.co/api/1.1/wf/whoami' },
      REPO,
      'Input `check-url` must use https://'
    ],
    [
      { 'check-method': 'head' },
      REPO,
      'Input `check-method` must be `GET` or `POST` (got "HEAD").'
    ],
    // Only a POST can get the 400 that proves a token alive at the default endpoint.
    [
      { 'current-token': CURRENT, 'check-method': 'get' },
      REPO,
      '`check-method: GET` needs a `check-url` of your own: the default check, api-applicant-status, is a POST.'
    ],
    [{ 'dry-run': 'yes' }, REPO, 'Input `dry-run` must be `true` or `false` (got "yes").']
  ])(
    'refuses %j (GITHUB_REPOSITORY %j), having masked github-token first',
    (inputs, repository, message) => {
      const { events, read } = run({ ...BASE, ...inputs }, repository)
      const error = thrown(read)
      for (const part of [message].flat()) expect(error.message).toContain(part)
      expect(error.message).not.toContain(GITHUB_TOKEN)
      // Read and masked before anything else; an empty one has nothing to mask.
      const masked = inputs['github-token'] === '' ? [] : [`mask:${GITHUB_TOKEN}`]
      expect(events.slice(0, 1 + masked.length)).toEqual(['read:github-token', ...masked])
    }
  )
})

describe('readSecretInputs: what it reads', () => {
  const OTHER = '/repos/octo/other/actions'
  const ORG = (visibility: string, repositories: string[] = []) => ({
    base: '/orgs/acme/actions',
    label: `organization acme (visibility ${visibility})`,
    org: { name: 'acme', visibility, repositories }
  })
  it.each<[Record<string, string>, Record<string, unknown>]>([
    [
      {},
      {
        name: 'PERSONR_TOKEN',
        githubToken: GITHUB_TOKEN,
        renewBefore: 30 * 86_400_000,
        maxAgeMs: undefined,
        dryRun: false
      }
    ],
    [
      { 'secret-name': 'personr_Token' },
      { name: 'PERSONR_TOKEN', expiryVariable: 'PERSONR_TOKEN_EXPIRES_AT' }
    ],
    ...['_TOKEN', 'A', 'TOKEN_2', 'a1_b2'].map(
      (name): [Record<string, string>, Record<string, unknown>] => [
        { 'secret-name': name },
        { name: name.toUpperCase() }
      ]
    ),
    [{ 'renew-before': '45d' }, { renewBefore: 45 * 86_400_000 }],
    [{ 'renew-before': '12h' }, { renewBefore: 12 * 3_600_000 }],
    [{ 'renew-before': '1d12h' }, { renewBefore: 36 * 3_600_000 }],
    [{ 'renew-before': 'always' }, { renewBefore: 'always' }],
    [{ 'renew-before': ' Always ' }, { renewBefore: 'always' }],
    [{ 'max-age': '25d' }, { maxAgeMs: 25 * 86_400_000 }],
    ...[
      ['true', true],
      ['TRUE', true],
      ['false', false],
      ['', false]
    ].map(([value, dryRun]): [Record<string, string>, Record<string, unknown>] => [
      { 'dry-run': String(value) },
      { dryRun: Boolean(dryRun) }
    ]),
    [{ 'github-api-url': '' }, { apiUrl: new URL('https://api.github.com/') }],
    [
      { 'github-api-url': 'https://ghe.example.com/api/v3/' },
      { apiUrl: new URL('https://ghe.example.com/api/v3') }
    ],
    // Plain http only on the loopback host.
    ...['http://127.0.0.1:8080', 'http://localhost:3000/api', 'http://[::1]:9000'].map(
      (url): [Record<string, string>, Record<string, unknown>] => [
        { 'github-api-url': url },
        { apiUrl: new URL(url) }
      ]
    ),
    [{}, { targets: [{ base: `/repos/${REPO}/actions`, label: `repository ${REPO}` }] }],
    [
      { 'secret-repository': 'octo/other.repo' },
      { targets: [{ base: '/repos/octo/other.repo/actions', label: 'repository octo/other.repo' }] }
    ],
    [
      { 'secret-environment': 'production' },
      {
        targets: [
          {
            base: `/repos/${REPO}/environments/production`,
            label: `environment production of ${REPO}`
          }
        ]
      }
    ],
    // The environment name is one path segment.
    [
      { 'secret-environment': 'prod eu/1?x#y', 'secret-repository': 'octo/other' },
      {
        targets: [
          {
            base: '/repos/octo/other/environments/prod%20eu%2F1%3Fx%23y',
            label: 'environment prod eu/1?x#y of octo/other'
          }
        ]
      }
    ],
    [{ 'secret-org': 'acme' }, { targets: [ORG('private')] }],
    [{ 'secret-org': 'acme', 'secret-visibility': 'all' }, { targets: [ORG('all')] }],
    [{ 'secret-org': 'acme', 'secret-visibility': 'private' }, { targets: [ORG('private')] }],
    // Split on commas, spaces and lines.
    [
      {
        'secret-org': 'acme',
        'secret-visibility': 'selected',
        'secret-repositories': 'one, two\nacme/three  four'
      },
      { targets: [ORG('selected', ['one', 'two', 'acme/three', 'four'])] }
    ],
    [
      { 'secret-targets': 'app=dependabot\nenv=prod' },
      {
        targets: [
          { base: `/repos/${REPO}/dependabot` },
          { base: `/repos/${REPO}/environments/prod` }
        ],
        expiry: { base: `/repos/${REPO}/environments/prod` }
      }
    ],
    [
      { 'current-token': CURRENT },
      {
        currentToken: CURRENT,
        check: { url: new URL(CHECK), method: 'POST', label: 'api-applicant-status' }
      }
    ],
    [
      { 'current-token': CURRENT, 'check-method': 'post' },
      { check: { url: new URL(CHECK), method: 'POST', label: 'api-applicant-status' } }
    ],
    [
      { 'current-token': CURRENT, 'check-url': `${API_URL.href}/me?probe=1#x` },
      { check: { url: new URL(`${API_URL.href}/me?probe=1`), method: 'GET', label: 'check-url' } }
    ],
    [
      { 'current-token': CURRENT, 'check-url': `${API_URL.href}/me`, 'check-method': 'post' },
      { check: { url: new URL(`${API_URL.href}/me`), method: 'POST', label: 'check-url' } }
    ],
    [{ 'current-token': CURRENT, 'check-url': ' None ' }, { check: undefined }],
    // Without current-token too: the first run has nothing stored yet.
    [
      { 'check-url': `${API_URL.href}/me` },
      { currentToken: undefined, check: { label: 'check-url' } }
    ]
  ])('reads %j', (overrides, expected) => {
    expect(plain(parsed(overrides))).toMatchObject(plain(expected) as object)
  })

  it('takes secret-repository when GITHUB_REPOSITORY is not set', () => {
    const { read } = run({ ...BASE, 'secret-repository': 'octo/other' }, undefined)
    expect(read()?.targets[0]?.base).toBe(OTHER)
  })

  it('masks current-token, trimmed, right after github-token, before reading anything else', () => {
    const { read, events } = run({ ...BASE, 'current-token': ` ${CURRENT}\n` }, REPO)
    read()
    expect(events.slice(0, 4)).toEqual([
      'read:github-token',
      `mask:${GITHUB_TOKEN}`,
      'read:current-token',
      `mask:${CURRENT}`
    ])
  })

  it.each([
    [{ 'secret-environment': 'production' }, ['"Environments"', '`environments: write`', REPO], []],
    [
      { 'secret-org': 'acme' },
      ['organization permission "Secrets"', '`organization_secrets: write`'],
      ['organization permission "Variables"', '`organization_actions_variables: write`']
    ]
  ])(
    'names the permissions of the target and the expiry variable of %j',
    (inputs, own, variable) => {
      const { targets, expiry } = parsed(inputs)
      for (const part of own) expect(targets[0]?.permission).toContain(part)
      for (const part of variable) expect(expiry.permission).toContain(part)
      expect(expiry.org).toEqual(targets[0]?.org)
    }
  )

  it('names the Secrets permission of the repository exactly; the target is no organization', () => {
    const { targets, expiry } = parsed()
    expect(targets[0]?.org).toBeUndefined()
    expect(parsed({ 'secret-environment': 'production' }).targets[0]?.org).toBeUndefined()
    expect(targets[0]?.permission).toBe(
      `the repository permission "Secrets" (read and write) on ${REPO} as a fine-grained token, or \`secrets: write\` as a GitHub App`
    )
    expect(expiry).toEqual({
      base: `/repos/${REPO}/actions`,
      label: `repository ${REPO}`,
      permission: `the repository permission "Variables" (read and write) on ${REPO} as a fine-grained token, or \`actions_variables: write\` as a GitHub App`
    })
  })
})
