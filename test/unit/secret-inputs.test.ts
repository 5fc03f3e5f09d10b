import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import { withDefaults } from '../../src/inputs.ts'
import { readSecretInputs, type SecretInputs } from '../../src/secret-inputs.ts'
import type { Target } from '../../src/targets.ts'
import { fakeInputs } from '../fakes/inputs.ts'

const GITHUB_TOKEN = 'github_pat_11AAAAAAA0fakefakefakefake'
const REPO = 'octo/app'
const API_URL = new URL('https://enterprise.personr.co/api/1.1/wf')

/** The minimum for storing a secret; tests add or blank inputs over it. */
const BASE: Record<string, string> = {
  'secret-name': 'PERSONR_TOKEN',
  'github-token': GITHUB_TOKEN,
  'github-api-url': 'https://api.github.com'
}

function parse(overrides: Record<string, string> = {}, repository: string | undefined = REPO) {
  const { read, mask } = fakeInputs({ ...BASE, ...overrides })
  return readSecretInputs(withDefaults(read), mask, repository, API_URL)
}

function parsed(overrides: Record<string, string> = {}, repository?: string): SecretInputs {
  const result = parse(overrides, repository ?? REPO)
  if (result === undefined) throw new Error('readSecretInputs returned undefined')
  return result
}

/** The one target of the single-target inputs. */
function target(overrides: Record<string, string> = {}): Target {
  const { targets } = parsed(overrides)
  expect(targets).toHaveLength(1)
  return targets[0] as Target
}

/** The ActionError readSecretInputs throws; `repository` is GITHUB_REPOSITORY (REPO if omitted). */
function failure(
  inputs: Record<string, string>,
  ...repository: [string | undefined] | []
): ActionError {
  const { read, mask } = fakeInputs(inputs)
  try {
    readSecretInputs(
      withDefaults(read),
      mask,
      repository.length === 0 ? REPO : repository[0],
      API_URL
    )
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError)
    return error as ActionError
  }
  throw new Error('readSecretInputs did not throw')
}

const SCOPE_INPUTS: [string, string][] = [
  ['github-token', GITHUB_TOKEN],
  ['secret-repository', 'octo/other'],
  ['secret-environment', 'production'],
  ['secret-org', 'acme'],
  ['secret-visibility', 'all'],
  ['secret-repositories', 'one,two'],
  ['renew-before', '30d']
]

describe('readSecretInputs: without secret-name', () => {
  it('returns undefined when secret-name is empty and nothing else is set', () => {
    const { read, mask } = fakeInputs({ 'github-api-url': 'https://api.github.com' })
    expect(readSecretInputs(withDefaults(read), mask, REPO, API_URL)).toBeUndefined()
  })

  it.each(SCOPE_INPUTS)('fails when %s is set without secret-name, naming it', (input, value) => {
    const error = failure({ [input]: value })
    expect(error.message).toContain(`\`${input}\` is only used with \`secret-name\``)
    expect(error.message).toContain('remove it')
  })

  it('names every stray input together', () => {
    const error = failure({
      'secret-environment': 'production',
      'renew-before': '30d',
      'secret-org': 'acme'
    })
    expect(error.message).toContain(
      '`secret-environment`, `secret-org`, `renew-before` are only used with `secret-name`'
    )
    expect(error.message).toContain('remove them')
  })

  it('does not count github-api-url, which the runner always fills in, as stray', () => {
    const { read, mask } = fakeInputs({ 'github-api-url': 'https://ghe.example.com/api/v3' })
    expect(readSecretInputs(withDefaults(read), mask, REPO, API_URL)).toBeUndefined()
  })
})

describe('readSecretInputs: masking github-token', () => {
  it('masks github-token before reading any other input', () => {
    const { read, mask, events } = fakeInputs(BASE)
    readSecretInputs(withDefaults(read), mask, REPO, API_URL)
    expect(events.slice(0, 2)).toEqual(['read:github-token', `mask:${GITHUB_TOKEN}`])
  })

  it.each([
    ['secret-name missing', { 'secret-name': '' }],
    ['secret-name invalid', { 'secret-name': 'GITHUB_TOKEN' }],
    ['renew-before invalid', { 'renew-before': 'soon' }],
    ['secret-repository invalid', { 'secret-repository': 'nope' }],
    ['github-api-url over http', { 'github-api-url': 'http://api.example.com' }],
    ['org combined with repository', { 'secret-org': 'acme', 'secret-repository': 'o/r' }]
  ])('has masked github-token when it fails with %s', (_what, overrides) => {
    const { read, mask, events } = fakeInputs({ ...BASE, ...overrides })
    expect(() => readSecretInputs(withDefaults(read), mask, REPO, API_URL)).toThrow(ActionError)
    expect(events.indexOf(`mask:${GITHUB_TOKEN}`)).toBe(1)
  })

  it('never repeats github-token in an error', () => {
    const error = failure({ ...BASE, 'secret-name': '1BAD' })
    expect(error.message).not.toContain(GITHUB_TOKEN)
  })
})

describe('readSecretInputs: secret-name', () => {
  it('upper-cases the name and derives the expiry variable from it', () => {
    const inputs = parsed({ 'secret-name': 'personr_Token' })
    expect(inputs.name).toBe('PERSONR_TOKEN')
    expect(inputs.expiryVariable).toBe('PERSONR_TOKEN_EXPIRES_AT')
  })

  it.each(['_TOKEN', 'A', 'TOKEN_2', 'a1_b2'])('accepts %j', (name) => {
    expect(parsed({ 'secret-name': name }).name).toBe(name.toUpperCase())
  })

  it.each([
    ['a GITHUB_ prefix', 'GITHUB_TOKEN'],
    ['a lower-case github_ prefix', 'github_personr'],
    ['a digit first', '1TOKEN'],
    ['a dash', 'PERSONR-TOKEN'],
    ['a space', 'PERSONR TOKEN'],
    ['a dot', 'PERSONR.TOKEN']
  ])('rejects a name with %s, quoting it', (_what, name) => {
    const error = failure({ ...BASE, 'secret-name': name })
    expect(error.message).toContain('Input `secret-name` must be a valid secret name')
    expect(error.message).toContain(`(got "${name}")`)
  })
})

describe('readSecretInputs: github-token', () => {
  it('is required with secret-name', () => {
    const error = failure({ ...BASE, 'github-token': '' })
    expect(error.message).toContain('Input `github-token` is required with `secret-name`')
    expect(error.message).toContain('GITHUB_TOKEN cannot write secrets')
  })

  it('is passed on', () => {
    expect(parsed().githubToken).toBe(GITHUB_TOKEN)
  })
})

describe('readSecretInputs: renew-before', () => {
  it('is undefined (always rotate) when not set', () => {
    expect(parsed().renewBeforeMs).toBeUndefined()
  })

  it.each([
    ['30d', 30 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['1d12h', 36 * 3_600_000]
  ])('reads %j as %i ms', (value, ms) => {
    expect(parsed({ 'renew-before': value }).renewBeforeMs).toBe(ms)
  })

  it.each(['30', '1y', '0d', 'a month', '-1d'])('rejects %j, quoting it', (value) => {
    const error = failure({ ...BASE, 'renew-before': value })
    expect(error.message).toContain('Input `renew-before` must be a duration')
    expect(error.message).toContain(`got "${value}"`)
  })
})

describe('readSecretInputs: repository scope', () => {
  it('defaults to the workflow repository', () => {
    const scope = target()
    expect(scope.base).toBe(`/repos/${REPO}/actions`)
    expect(scope.label).toBe(`repository ${REPO}`)
    expect(scope.org).toBeUndefined()
  })

  it('takes secret-repository over the workflow repository', () => {
    const scope = target({ 'secret-repository': 'octo/other.repo' })
    expect(scope.base).toBe('/repos/octo/other.repo/actions')
    expect(scope.label).toBe('repository octo/other.repo')
  })

  it('uses secret-repository when GITHUB_REPOSITORY is not set', () => {
    const result = parse({ 'secret-repository': 'octo/other' }, undefined)
    expect(result?.targets[0]?.base).toBe('/repos/octo/other/actions')
  })

  it.each(['octo', 'octo/app/extra', 'octo/', '/app', 'oc to/app', 'octo/app?x'])(
    'rejects secret-repository %j, quoting it',
    (repository) => {
      const error = failure({ ...BASE, 'secret-repository': repository })
      expect(error.message).toContain('Input `secret-repository` must be `owner/name`')
      expect(error.message).toContain(`(got "${repository}")`)
    }
  )

  // Found while writing these tests: `[\w.-]+` takes `.` and `..` as an owner or a name. The
  // path then goes through URL normalisation in joinPath, so `../x` sends the GitHub token's
  // calls to https://api.github.com/x/actions/... and `octo/..` to /repos/actions/..., not to a
  // repository. GitHub has no owner or repository named `.` or `..`: these should fail here.
  it.each(['../x', 'octo/..', './app', 'octo/.'])(
    'rejects secret-repository %j, a dot segment that URL normalisation would resolve away',
    (repository) => {
      const error = failure({ ...BASE, 'secret-repository': repository })
      expect(error.message).toContain('Input `secret-repository` must be `owner/name`')
    }
  )

  it.each([
    ['not set', undefined],
    ['empty', '']
  ])('fails when there is no repository at all (GITHUB_REPOSITORY %s)', (_what, repository) => {
    const error = failure(BASE, repository)
    expect(error.message).toContain('No repository to store the secret in')
    expect(error.message).toContain('Set `secret-repository: owner/name`')
  })

  it('names the Secrets permission of the repository, and Variables for the expiry variable', () => {
    const { targets, expiry } = parsed()
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

describe('readSecretInputs: environment scope', () => {
  it('stores under the environment of the workflow repository', () => {
    const scope = target({ 'secret-environment': 'production' })
    expect(scope.base).toBe(`/repos/${REPO}/environments/production`)
    expect(scope.label).toBe(`environment production of ${REPO}`)
    expect(scope.org).toBeUndefined()
  })

  it('encodes the environment name as one path segment', () => {
    const scope = target({
      'secret-environment': 'prod eu/1?x#y',
      'secret-repository': 'octo/other'
    })
    expect(scope.base).toBe('/repos/octo/other/environments/prod%20eu%2F1%3Fx%23y')
    expect(scope.label).toBe('environment prod eu/1?x#y of octo/other')
  })

  it('names the Environments permission', () => {
    const { permission } = target({ 'secret-environment': 'production' })
    expect(permission).toContain('"Environments"')
    expect(permission).toContain('`environments: write`')
    expect(permission).toContain(REPO)
  })
})

describe('readSecretInputs: organization scope', () => {
  it('stores under the organization, private by default', () => {
    const scope = target({ 'secret-org': 'acme' })
    expect(scope.base).toBe('/orgs/acme/actions')
    expect(scope.label).toBe('organization acme (visibility private)')
    expect(scope.org).toEqual({ name: 'acme', visibility: 'private', repositories: [] })
  })

  it.each(['all', 'private'] as const)('takes visibility %s', (visibility) => {
    const scope = target({ 'secret-org': 'acme', 'secret-visibility': visibility })
    expect(scope.org).toEqual({ name: 'acme', visibility, repositories: [] })
    expect(scope.label).toBe(`organization acme (visibility ${visibility})`)
  })

  it('takes visibility selected with the repositories, split on commas, spaces and lines', () => {
    const scope = target({
      'secret-org': 'acme',
      'secret-visibility': 'selected',
      'secret-repositories': 'one, two\nacme/three  four'
    })
    expect(scope.org).toEqual({
      name: 'acme',
      visibility: 'selected',
      repositories: ['one', 'two', 'acme/three', 'four']
    })
  })

  it('rejects visibility selected without repositories', () => {
    const error = failure({ ...BASE, 'secret-org': 'acme', 'secret-visibility': 'selected' })
    expect(error.message).toContain('`secret-visibility: selected` needs `secret-repositories`')
  })

  it.each(['', 'all', 'private'])(
    'rejects secret-repositories with visibility %j',
    (visibility) => {
      const error = failure({
        ...BASE,
        'secret-org': 'acme',
        'secret-visibility': visibility,
        'secret-repositories': 'one'
      })
      expect(error.message).toContain(
        '`secret-repositories` is only used with `secret-visibility: selected`'
      )
    }
  )

  // Found while writing these tests: entries are not checked at all. `../../user` becomes the
  // lookup GET /repos/acme/../../user, which joinPath's URL normalises to GET /user: its
  // answer has a numeric `id` (the token's user), and that id goes into
  // selected_repository_ids. An entry should be `name` or `owner/name`, like secret-repository.
  it.each(['../../user', 'acme/..', 'a/b/c'])(
    'rejects the secret-repositories entry %j, which is neither name nor owner/name',
    (entry) => {
      const error = failure({
        ...BASE,
        'secret-org': 'acme',
        'secret-visibility': 'selected',
        'secret-repositories': `one ${entry}`
      })
      expect(error.message).toContain('secret-repositories')
      expect(error.message).toContain(entry)
    }
  )

  it('rejects an unknown visibility, quoting it', () => {
    const error = failure({ ...BASE, 'secret-org': 'acme', 'secret-visibility': 'public' })
    expect(error.message).toContain('Input `secret-visibility` must be `all`, `private` or')
    expect(error.message).toContain('(got "public")')
  })

  it.each([
    ['secret-visibility', { 'secret-visibility': 'all' }],
    ['secret-repositories', { 'secret-repositories': 'one' }],
    ['both', { 'secret-visibility': 'selected', 'secret-repositories': 'one' }]
  ])('rejects %s without secret-org', (_what, overrides) => {
    const error = failure({ ...BASE, ...overrides })
    expect(error.message).toContain(
      '`secret-visibility` and `secret-repositories` apply to organization secrets only'
    )
  })

  it.each([
    ['secret-repository', { 'secret-repository': 'acme/app' }],
    ['secret-environment', { 'secret-environment': 'production' }]
  ])('rejects secret-org combined with %s', (_what, overrides) => {
    const error = failure({ ...BASE, 'secret-org': 'acme', ...overrides })
    expect(error.message).toContain(
      '`secret-org` cannot be combined with `secret-repository` or `secret-environment`'
    )
  })

  it.each(['acme/app', 'ac me', 'acme_corp', '../x'])(
    'rejects the organization name %j, quoting it',
    (org) => {
      const error = failure({ ...BASE, 'secret-org': org })
      expect(error.message).toContain('Input `secret-org` is not an organization name')
      expect(error.message).toContain(`(got "${org}")`)
    }
  )

  it('names the organization Secrets permission, and Variables for the expiry variable', () => {
    const { targets, expiry } = parsed({ 'secret-org': 'acme' })
    expect(targets[0]?.permission).toContain('organization permission "Secrets"')
    expect(targets[0]?.permission).toContain('`organization_secrets: write`')
    expect(expiry.permission).toContain('organization permission "Variables"')
    expect(expiry.permission).toContain('`organization_actions_variables: write`')
    expect(expiry.org).toEqual(targets[0]?.org)
  })
})

describe('readSecretInputs: github-api-url', () => {
  it('defaults to https://api.github.com when empty', () => {
    expect(parsed({ 'github-api-url': '' }).apiUrl.href).toBe('https://api.github.com/')
  })

  it('takes a GitHub Enterprise Server URL, trailing slash removed', () => {
    const { apiUrl } = parsed({ 'github-api-url': 'https://ghe.example.com/api/v3/' })
    expect(apiUrl.href).toBe('https://ghe.example.com/api/v3')
  })

  it.each(['http://127.0.0.1:8080', 'http://localhost:3000/api', 'http://[::1]:9000'])(
    'accepts plain http on the loopback host %s',
    (url) => {
      expect(parsed({ 'github-api-url': url }).apiUrl.protocol).toBe('http:')
    }
  )

  it.each(['http://api.github.com', 'http://ghe.example.com/api/v3', 'http://10.0.0.1'])(
    'refuses plain http to %s, naming the input',
    (url) => {
      const error = failure({ ...BASE, 'github-api-url': url })
      expect(error.message).toContain('Input `github-api-url` must use https://')
    }
  )

  it('refuses something that is not a URL, naming the input', () => {
    const error = failure({ ...BASE, 'github-api-url': 'api.github.com' })
    expect(error.message).toContain('Input `github-api-url` is not a URL')
  })
})

describe('readSecretInputs: secret-targets', () => {
  it('takes the targets from the lines', () => {
    const { targets, expiry } = parsed({ 'secret-targets': 'app=dependabot\nenv=prod' })
    expect(targets.map((t) => t.base)).toEqual([
      `/repos/${REPO}/dependabot`,
      `/repos/${REPO}/environments/prod`
    ])
    expect(expiry.base).toBe(`/repos/${REPO}/environments/prod`)
  })

  it.each(['secret-repository', 'secret-environment', 'secret-org'])(
    'cannot be combined with %s',
    (input) => {
      const error = failure({ ...BASE, 'secret-targets': 'repo', [input]: 'acme' })
      expect(error.message).toBe(
        `\`secret-targets\` cannot be combined with \`${input}\`: list every target in \`secret-targets\` instead.`
      )
    }
  )

  it('counts as stray without secret-name', () => {
    expect(failure({ 'secret-targets': 'repo' }).message).toContain(
      '`secret-targets` is only used with `secret-name`'
    )
  })
})

describe('readSecretInputs: current-token and check-url', () => {
  const CURRENT = 'bus|1111111111111x111111111111111111|0000000000000x000000000000000000'

  it('masks current-token right after github-token, trimmed, before reading anything else', () => {
    const { read, mask, events } = fakeInputs({ ...BASE, 'current-token': ` ${CURRENT}\n` })
    readSecretInputs(withDefaults(read), mask, REPO, API_URL)
    expect(events.slice(0, 4)).toEqual([
      'read:github-token',
      `mask:${GITHUB_TOKEN}`,
      'read:current-token',
      `mask:${CURRENT}`
    ])
  })

  it.each([
    ['empty: the default check, POST', {}, `${API_URL.href}/api-applicant-status`, 'POST'],
    ['empty with POST', { 'check-method': 'post' }, `${API_URL.href}/api-applicant-status`, 'POST'],
    [
      'a URL: as given, query kept, GET',
      { 'check-url': `${API_URL.href}/me?probe=1#x` },
      `${API_URL.href}/me?probe=1`,
      'GET'
    ],
    [
      'a URL with POST in any case',
      { 'check-url': `${API_URL.href}/me`, 'check-method': 'post' },
      `${API_URL.href}/me`,
      'POST'
    ]
  ])('reads check-url %s', (_, inputs, url, method) => {
    const { check } = parsed({ 'current-token': CURRENT, ...inputs })
    expect(check).toEqual({
      url: new URL(url),
      method,
      label: 'check-url' in inputs ? 'check-url' : 'api-applicant-status'
    })
  })

  it('refuses check-method GET for the default check, which only a POST can prove', () => {
    expect(failure({ ...BASE, 'check-method': 'get' }).message).toBe(
      '`check-method: GET` needs a `check-url` of your own: the default check, api-applicant-status, is a POST.'
    )
  })

  it('turns the check off with check-url none, in any case', () => {
    expect(parsed({ 'current-token': CURRENT, 'check-url': ' None ' }).check).toBeUndefined()
  })

  it('takes check-url without current-token: the first run has nothing stored yet', () => {
    const { check, currentToken } = parsed({ 'check-url': `${API_URL.href}/me` })
    expect(currentToken).toBeUndefined()
    expect(check?.label).toBe('check-url')
  })

  it.each([
    ['another host', 'https://evil.example/wf/whoami'],
    ['another port', 'https://enterprise.personr.co:8443/api/1.1/wf/whoami'],
    ['a host that only starts the same', 'https://enterprise.personr.co.evil.example/whoami']
  ])('refuses check-url on %s, before anything is sent', (_what, url) => {
    const error = failure({ ...BASE, 'current-token': CURRENT, 'check-url': url })
    expect(error.message).toMatch(
      /^Input `check-url` must be on the same host as `api-url` \(enterprise\.personr\.co\), so the stored token is never sent anywhere else/
    )
  })

  it('refuses check-url over plain http to a host that is not loopback', () => {
    const error = failure({
      ...BASE,
      'current-token': CURRENT,
      'check-url': 'http://enterprise.personr.co/api/1.1/wf/whoami'
    })
    expect(error.message).toContain('Input `check-url` must use https://')
  })

  it('refuses another check-method, quoting it', () => {
    expect(failure({ ...BASE, 'check-method': 'head' }).message).toBe(
      'Input `check-method` must be `GET` or `POST` (got "HEAD").'
    )
  })

  it('counts current-token as stray without secret-name, without repeating it', () => {
    const error = failure({ 'current-token': CURRENT })
    expect(error.message).toContain('`current-token` is only used with `secret-name`')
    expect(error.message).not.toContain(CURRENT)
  })
})

describe('readSecretInputs: max-age and dry-run', () => {
  it('reads max-age as a duration', () => {
    expect(parsed({ 'max-age': '25d' }).maxAgeMs).toBe(25 * 86_400_000)
    expect(parsed().maxAgeMs).toBeUndefined()
    expect(failure({ ...BASE, 'max-age': 'a month' }).message).toContain(
      'Input `max-age` must be a duration'
    )
  })

  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['', false]
  ])('reads dry-run %j as %s', (value, expected) => {
    expect(parsed({ 'dry-run': value }).dryRun).toBe(expected)
  })

  it('refuses another dry-run value', () => {
    expect(failure({ ...BASE, 'dry-run': 'yes' }).message).toBe(
      'Input `dry-run` must be `true` or `false` (got "yes").'
    )
  })

  it('counts dry-run true, but not its default false, as stray without secret-name', () => {
    expect(failure({ 'dry-run': 'true' }).message).toContain(
      '`dry-run` is only used with `secret-name`'
    )
    const { read, mask } = fakeInputs({ 'dry-run': 'false' })
    expect(readSecretInputs(withDefaults(read), mask, REPO, API_URL)).toBeUndefined()
  })
})
