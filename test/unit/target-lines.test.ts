import { describe, expect, it } from 'vitest'
import { parseTargetLines } from '../../src/target-lines.ts'
import type { Target } from '../../src/targets.ts'
import { thrown } from '../support/caught.ts'

const REPO = 'acme/app'
const parse = (text: string): Target[] => parseTargetLines(text, REPO)
const summary = (targets: Target[]): string[] =>
  targets.map((t) => `${t.app} ${t.base} ${t.label} @${t.line}`)
const problem = (text: string): string => thrown(() => parse(text)).message

describe('parseTargetLines', () => {
  it('reads the README example, comments and blank lines included', () => {
    const text = [
      'repo                                   # this repository',
      'repo=acme/web                          # another repository',
      '',
      'env=production',
      'env=staging repo=acme/web',
      '# a whole-line comment',
      'org=acme visibility=selected repos=api,web',
      'app=dependabot',
      'app=dependabot org=acme visibility=private',
      'app=codespaces repo=acme/api'
    ].join('\n')
    expect(summary(parse(text))).toEqual([
      'actions /repos/acme/app/actions repository acme/app @1',
      'actions /repos/acme/web/actions repository acme/web @2',
      'actions /repos/acme/app/environments/production environment production of acme/app @4',
      'actions /repos/acme/web/environments/staging environment staging of acme/web @5',
      'actions /orgs/acme/actions organization acme (visibility selected) @7',
      'dependabot /repos/acme/app/dependabot repository acme/app @8',
      'dependabot /orgs/acme/dependabot organization acme (visibility private) @9',
      'codespaces /repos/acme/api/codespaces repository acme/api @10'
    ])
    expect(parse(text)[4]?.org).toEqual({
      name: 'acme',
      visibility: 'selected',
      repositories: ['api', 'web']
    })
  })

  it('takes Windows line endings and pairs in any order', () => {
    expect(summary(parse('repo=acme/web app=dependabot\r\nenv=x\r\n'))).toEqual([
      'dependabot /repos/acme/web/dependabot repository acme/web @1',
      'actions /repos/acme/app/environments/x environment x of acme/app @2'
    ])
  })

  it('defaults an organization target to private visibility', () => {
    expect(parse('org=acme')[0]?.org).toEqual({
      name: 'acme',
      visibility: 'private',
      repositories: []
    })
  })

  it('keeps a # inside a value', () => {
    expect(parse('env=prod#1')[0]?.label).toBe('environment prod#1 of acme/app')
  })

  const lines = (n: number): string =>
    Array.from({ length: n }, (_, i) => `repo=acme/r${i}`).join('\n')
  it.each([
    [
      'repo\nregion=eu',
      ', line 2: unknown key `region`; the keys are `app`, `repo`, `env`, `org`, `visibility`, `repos`.'
    ],
    ['production', ', line 1: "production" is not a `key=value` pair (or a bare `repo`).'],
    ['env=', ', line 1: "env=" is not a `key=value` pair (or a bare `repo`).'],
    ['env=a env=b', ', line 1: `env` is given twice.'],
    ['app=pages', ', line 1: `app` must be `actions`, `dependabot` or `codespaces` (got "pages").'],
    [
      'org=acme env=prod',
      ', line 1: `org` cannot be combined with `repo` or `env`: an organization secret belongs to no repository.'
    ],
    [
      'org=acme repo=acme/app',
      ', line 1: `org` cannot be combined with `repo` or `env`: an organization secret belongs to no repository.'
    ],
    [
      'app=dependabot env=prod',
      ', line 1: `env` is for Actions secrets only: Dependabot has no environment secrets.'
    ],
    [
      'app=codespaces env=prod',
      ', line 1: `env` is for Actions secrets only: Codespaces has no environment secrets.'
    ],
    ['org=acme repos=api', ', line 1: `repos` is only used with `visibility=selected`.'],
    [
      'org=acme visibility=selected',
      ', line 1: `visibility=selected` needs `repos`: the repositories that may read the secret, such as `repos=api,web`.'
    ],
    [
      'org=acme visibility=public',
      ', line 1: `visibility` must be `all`, `private` or `selected` (got "public").'
    ],
    [
      'visibility=all',
      ', line 1: `visibility` and `repos` apply to organization secrets only; add `org` or remove them.'
    ],
    ['org=ac_me', ', line 1: `org` is not an organization name (got "ac_me").'],
    ['repo=acme', ', line 1: `repo` must be `owner/name` (got "acme").'],
    ['repo=acme/..', ', line 1: `repo` must be `owner/name` (got "acme/..").'],
    [
      'org=acme visibility=selected repos=api,../x',
      ', line 1: `repos` takes repository names or `owner/name` (got "../x").'
    ],
    // The same target twice, however it is spelt.
    [
      'repo\n# x\nrepo=ACME/App',
      ', line 3: repeats line 1 (the Actions secret of repository ACME/App); each store may appear once.'
    ],
    [
      lines(21),
      ' names 21 targets, more than the 20 one step writes. Split them across workflows with separate Personr accounts, or use an organization secret.'
    ],
    ['# nothing\n\n', ' names no target: give one per line, such as `repo` or `env=production`.']
  ])('refuses %j, naming the line', (text, message) => {
    expect(problem(text)).toBe(`Input \`secret-targets\`${message}`)
  })

  it('needs the workflow repository for a target without repo or org', () => {
    expect(thrown(() => parseTargetLines('env=prod', undefined)).message).toBe(
      'Input `secret-targets`, line 1: no repository: GITHUB_REPOSITORY is not set, so give `repo=owner/name`.'
    )
    expect(parseTargetLines('org=acme', undefined)).toHaveLength(1)
  })

  it('takes 20 targets, and the same scope in two stores', () => {
    expect(parse(lines(20))).toHaveLength(20)
    expect(parse('repo\napp=dependabot\napp=codespaces')).toHaveLength(3)
  })
})
