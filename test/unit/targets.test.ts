import { describe, expect, it } from 'vitest'
import { expiryPlace, makeTarget, sameTarget } from '../../src/targets.ts'
import { thrown } from '../support/caught.ts'

const org = (visibility: 'all' | 'private' | 'selected' = 'private') => ({
  name: 'acme',
  visibility,
  repositories: visibility === 'selected' ? ['api'] : []
})

describe('makeTarget', () => {
  it.each([
    [
      'actions',
      { repo: 'o/r' },
      '/repos/o/r/actions',
      'repository permission "Secrets"',
      'secrets: write'
    ],
    [
      'actions',
      { repo: 'o/r', env: 'prod eu' },
      '/repos/o/r/environments/prod%20eu',
      'repository permission "Environments"',
      'environments: write'
    ],
    [
      'actions',
      { org: org() },
      '/orgs/acme/actions',
      'organization permission "Secrets"',
      'organization_secrets: write'
    ],
    [
      'dependabot',
      { repo: 'o/r' },
      '/repos/o/r/dependabot',
      'repository permission "Dependabot secrets"',
      'dependabot_secrets: write'
    ],
    [
      'dependabot',
      { org: org() },
      '/orgs/acme/dependabot',
      'organization permission "Organization dependabot secrets"',
      'organization_dependabot_secrets: write'
    ],
    [
      'codespaces',
      { repo: 'o/r' },
      '/repos/o/r/codespaces',
      'repository permission "Codespaces secrets"',
      'codespaces_secrets: write'
    ],
    [
      'codespaces',
      { org: org() },
      '/orgs/acme/codespaces',
      'organization permission "Organization codespaces secrets"',
      'organization_codespaces_secrets: write'
    ]
  ] as const)('builds the %s target %o', (app, spec, base, fineGrained, githubApp) => {
    const target = makeTarget({ app, ...spec })
    expect(target.base).toBe(base)
    expect(target.store).toBe(app[0]?.toUpperCase() + app.slice(1))
    const where = 'org' in spec ? 'acme' : 'o/r'
    expect(target.permission).toBe(
      `the ${fineGrained} (read and write) on ${where} as a fine-grained token, or \`${githubApp}\` as a GitHub App`
    )
  })

  it('labels each scope for people', () => {
    expect(makeTarget({ app: 'actions', repo: 'o/r' }).label).toBe('repository o/r')
    expect(makeTarget({ app: 'actions', repo: 'o/r', env: 'e' }).label).toBe('environment e of o/r')
    expect(makeTarget({ app: 'codespaces', org: org('all') }).label).toBe(
      'organization acme (visibility all)'
    )
  })

  it('says an environment may not exist, for a 404', () => {
    expect(makeTarget({ app: 'actions', repo: 'o/r', env: 'e' }).notFound).toBe(
      'The environment "e" may not exist in o/r: create it under Settings → Environments, or correct the environment name.'
    )
    expect(makeTarget({ app: 'actions', repo: 'o/r' }).notFound).toBeUndefined()
  })
})

describe('expiryPlace', () => {
  const repo = makeTarget({ app: 'actions', repo: 'o/r' })
  const env = makeTarget({ app: 'actions', repo: 'o/r', env: 'prod' })
  const actionsOrg = makeTarget({ app: 'actions', org: org('selected') })
  const dependabot = makeTarget({ app: 'dependabot', repo: 'o/other' })

  it('sits beside the first Actions target', () => {
    expect(expiryPlace([dependabot, env, repo], 'w/f').base).toBe('/repos/o/r/environments/prod')
    expect(expiryPlace([repo, env], 'w/f')).toEqual({
      base: '/repos/o/r/actions',
      label: 'repository o/r',
      permission:
        'the repository permission "Variables" (read and write) on o/r as a fine-grained token, or `actions_variables: write` as a GitHub App'
    })
  })

  it('takes an organization target’s visibility for the variable', () => {
    const place = expiryPlace([actionsOrg], 'w/f')
    expect(place.base).toBe('/orgs/acme/actions')
    expect(place.org).toEqual(org('selected'))
    expect(place.permission).toContain('`organization_actions_variables: write`')
  })

  it('goes to the workflow repository when no target is an Actions one', () => {
    expect(expiryPlace([dependabot], 'w/f').base).toBe('/repos/w/f/actions')
  })

  it('needs a workflow repository then', () => {
    expect(thrown(() => expiryPlace([dependabot], undefined)).message).toBe(
      'No repository for the expiry variable: no target is an Actions secret and GITHUB_REPOSITORY is not set. Add an Actions target to `secret-targets`.'
    )
  })
})

describe('sameTarget', () => {
  it('compares store and scope, case-insensitively', () => {
    const a = makeTarget({ app: 'actions', repo: 'Acme/App' })
    expect(sameTarget(a, makeTarget({ app: 'actions', repo: 'acme/app' }))).toBe(true)
    expect(sameTarget(a, makeTarget({ app: 'dependabot', repo: 'acme/app' }))).toBe(false)
    expect(sameTarget(a, makeTarget({ app: 'actions', repo: 'acme/app', env: 'e' }))).toBe(false)
  })
})
