import { describe, expect, it } from 'vitest'
import { expiryPlace, makeTarget, sameTarget } from '../../src/targets.ts'
import { thrown } from '../support/caught.ts'

const org = (visibility: 'all' | 'private' | 'selected' = 'private') => ({
  name: 'acme',
  visibility,
  repositories: visibility === 'selected' ? ['api'] : []
})

describe('makeTarget', () => {
  const R = { repo: 'o/r' }
  const O = { org: org() }
  it.each([
    ['actions', R, '/repos/o/r/actions', '"Secrets"', 'secrets'],
    [
      'actions',
      { ...R, env: 'prod eu' },
      '/repos/o/r/environments/prod%20eu',
      '"Environments"',
      'environments'
    ],
    ['actions', O, '/orgs/acme/actions', '"Secrets"', 'organization_secrets'],
    ['dependabot', R, '/repos/o/r/dependabot', '"Dependabot secrets"', 'dependabot_secrets'],
    [
      'dependabot',
      O,
      '/orgs/acme/dependabot',
      '"Organization dependabot secrets"',
      'organization_dependabot_secrets'
    ],
    ['codespaces', R, '/repos/o/r/codespaces', '"Codespaces secrets"', 'codespaces_secrets'],
    [
      'codespaces',
      O,
      '/orgs/acme/codespaces',
      '"Organization codespaces secrets"',
      'organization_codespaces_secrets'
    ]
  ] as const)('builds the %s target %o', (app, spec, base, fineGrained, githubApp) => {
    const target = makeTarget({ app, ...spec })
    expect(target.base).toBe(base)
    expect(target.store).toBe(app[0]?.toUpperCase() + app.slice(1))
    const [kind, where] = 'org' in spec ? ['organization', 'acme'] : ['repository', 'o/r']
    expect(target.permission).toBe(
      `the ${kind} permission ${fineGrained} (read and write) on ${where} as a fine-grained token, or \`${githubApp}: write\` as a GitHub App`
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
