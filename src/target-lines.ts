import { ActionError } from './errors.ts'
import {
  isName,
  isOrgName,
  isRepository,
  makeTarget,
  MAX_TARGETS,
  sameTarget,
  type App,
  type Target,
  type Visibility
} from './targets.ts'

const KEYS = ['app', 'repo', 'env', 'org', 'visibility', 'repos']
const APPS: App[] = ['actions', 'dependabot', 'codespaces']
const VISIBILITIES: Visibility[] = ['all', 'private', 'selected']

/**
 * Reads `secret-targets`: one target per line, `key=value` pairs named after the flags of
 * `gh secret set` (`app`, `repo`, `env`, `org`, `visibility`, `repos`), a bare `repo` for the
 * workflow's repository, blank lines and `#` comments ignored. Every line is checked before
 * anything is sent; an error names the line.
 */
export function parseTargetLines(text: string, workflowRepo: string | undefined): Target[] {
  const targets: Target[] = []
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1
    const content = raw.replace(/(^|\s)#.*$/, '').trim()
    if (content === '') return
    const target = { ...parseLine(content, line, workflowRepo), line }
    const earlier = targets.find((other) => sameTarget(other, target))
    if (earlier) {
      throw lineError(
        line,
        `repeats line ${earlier.line} (the ${target.store} secret of ${target.label}); each store may appear once`
      )
    }
    targets.push(target)
  })
  if (targets.length === 0) {
    throw new ActionError(
      'Input `secret-targets` names no target: give one per line, such as `repo` or `env=production`.'
    )
  }
  if (targets.length > MAX_TARGETS) {
    throw new ActionError(
      `Input \`secret-targets\` names ${targets.length} targets, more than the ${MAX_TARGETS} one step writes. Split them across workflows with separate Personr accounts, or use an organization secret.`
    )
  }
  return targets
}

function parseLine(content: string, line: number, workflowRepo: string | undefined): Target {
  const pairs = new Map<string, string>()
  for (const word of content.split(/\s+/)) {
    const [key = '', value] = word === 'repo' ? ['repo', ''] : splitPair(word, line)
    if (!KEYS.includes(key)) {
      throw lineError(
        line,
        `unknown key \`${key}\`; the keys are ${KEYS.map((k) => `\`${k}\``).join(', ')}`
      )
    }
    if (pairs.has(key)) throw lineError(line, `\`${key}\` is given twice`)
    pairs.set(key, value)
  }

  const app = (pairs.get('app') ?? 'actions') as App
  if (!APPS.includes(app)) {
    throw lineError(
      line,
      `\`app\` must be \`actions\`, \`dependabot\` or \`codespaces\` (got "${app}")`
    )
  }
  const org = pairs.get('org')
  const env = pairs.get('env')
  const visibility = pairs.get('visibility')
  const repos = pairs.get('repos')

  if (env !== undefined && app !== 'actions') {
    throw lineError(
      line,
      `\`env\` is for Actions secrets only: ${app === 'dependabot' ? 'Dependabot' : 'Codespaces'} has no environment secrets`
    )
  }
  if (org !== undefined) {
    if (pairs.has('repo') || env !== undefined) {
      throw lineError(
        line,
        '`org` cannot be combined with `repo` or `env`: an organization secret belongs to no repository'
      )
    }
    if (!isOrgName(org)) throw lineError(line, `\`org\` is not an organization name (got "${org}")`)
    const vis = (visibility ?? 'private') as Visibility
    if (!VISIBILITIES.includes(vis)) {
      throw lineError(
        line,
        `\`visibility\` must be \`all\`, \`private\` or \`selected\` (got "${visibility}")`
      )
    }
    const repositories = (repos ?? '').split(',').filter((r) => r !== '')
    if (vis === 'selected' && repositories.length === 0) {
      throw lineError(
        line,
        '`visibility=selected` needs `repos`: the repositories that may read the secret, such as `repos=api,web`'
      )
    }
    if (vis !== 'selected' && repos !== undefined) {
      throw lineError(line, '`repos` is only used with `visibility=selected`')
    }
    const bad = repositories.find((r) => !isRepository(r) && !isName(r))
    if (bad !== undefined) {
      throw lineError(line, `\`repos\` takes repository names or \`owner/name\` (got "${bad}")`)
    }
    return makeTarget({ app, org: { name: org, visibility: vis, repositories } })
  }
  if (visibility !== undefined || repos !== undefined) {
    throw lineError(
      line,
      '`visibility` and `repos` apply to organization secrets only; add `org` or remove them'
    )
  }
  const repo = pairs.get('repo') || workflowRepo
  if (repo === undefined || !isRepository(repo)) {
    throw lineError(
      line,
      pairs.get('repo')
        ? `\`repo\` must be \`owner/name\` (got "${pairs.get('repo')}")`
        : 'no repository: GITHUB_REPOSITORY is not set, so give `repo=owner/name`'
    )
  }
  return makeTarget({ app, repo, ...(env === undefined ? {} : { env }) })
}

function splitPair(word: string, line: number): [string, string] {
  const equals = word.indexOf('=')
  if (equals <= 0 || equals === word.length - 1) {
    throw lineError(line, `"${word}" is not a \`key=value\` pair (or a bare \`repo\`)`)
  }
  return [word.slice(0, equals), word.slice(equals + 1)]
}

function lineError(line: number, problem: string): ActionError {
  return new ActionError(`Input \`secret-targets\`, line ${line}: ${problem}.`)
}
