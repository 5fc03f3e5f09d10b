import { parseDuration } from './duration.ts'
import { ActionError } from './errors.ts'
import type { ReadInput } from './inputs.ts'
import { readServiceUrl } from './url.ts'

/** Where the token is stored: API paths, a label for people, and the permission it takes. */
export interface SecretScope {
  /** `/repos/o/r/actions`, `/repos/o/r/environments/e` or `/orgs/o/actions` */
  base: string
  label: string
  /** What `github-token` needs here, for errors. */
  permission: string
  /** What else a 404 can mean here, for errors. */
  notFound?: string
  org?: { name: string; visibility: 'all' | 'private' | 'selected'; repositories: string[] }
}

export interface SecretInputs {
  name: string
  /** `<name>_EXPIRES_AT`: variables can be read back, secrets cannot. */
  expiryVariable: string
  githubToken: string
  apiUrl: URL
  scope: SecretScope
  /** Rotate only when the stored token expires within this; undefined: always. */
  renewBeforeMs: number | undefined
}

const SCOPE_INPUTS = [
  'github-token',
  'secret-repository',
  'secret-environment',
  'secret-org',
  'secret-visibility',
  'secret-repositories',
  'renew-before'
]

/**
 * Reads the inputs of storing the token as an Actions secret; undefined when `secret-name` is
 * not set. `repository` is the workflow's own (GITHUB_REPOSITORY), the default place.
 */
export function readSecretInputs(
  read: ReadInput,
  mask: (secret: string) => void,
  repository: string | undefined
): SecretInputs | undefined {
  const githubToken = read('github-token')
  mask(githubToken)
  const name = read('secret-name')
  if (name === '') {
    const stray = SCOPE_INPUTS.filter((input) => read(input) !== '')
    if (stray.length > 0) {
      throw new ActionError(
        `${stray.map((s) => `\`${s}\``).join(', ')} ${stray.length === 1 ? 'is' : 'are'} only used with \`secret-name\`. Set \`secret-name\` to store the token as an Actions secret, or remove ${stray.length === 1 ? 'it' : 'them'}.`
      )
    }
    return undefined
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
    throw new ActionError(
      `Input \`secret-name\` must be a valid Actions secret name: letters, digits and underscores, not starting with a digit or GITHUB_ (got "${name}").`
    )
  }
  if (githubToken.trim() === '') {
    throw new ActionError(
      "Input `github-token` is required with `secret-name`: a fine-grained personal access token or GitHub App token allowed to write Actions secrets and variables. The job's own GITHUB_TOKEN cannot write secrets."
    )
  }
  const renewBefore = read('renew-before')
  const renewBeforeMs = renewBefore === '' ? undefined : parseDuration(renewBefore)
  if (renewBefore !== '' && renewBeforeMs === undefined) {
    throw new ActionError(
      `Input \`renew-before\` must be a duration such as \`30d\`, \`12h\` or \`1d12h\` (units w, d, h, m, s; got "${renewBefore}").`
    )
  }
  return {
    name: name.toUpperCase(),
    expiryVariable: `${name.toUpperCase()}_EXPIRES_AT`,
    githubToken: githubToken.trim(),
    apiUrl: readServiceUrl('github-api-url', read('github-api-url') || 'https://api.github.com'),
    scope: readScope(read, repository),
    renewBeforeMs
  }
}

function readScope(read: ReadInput, defaultRepository: string | undefined): SecretScope {
  const org = read('secret-org')
  const repository = read('secret-repository')
  const environment = read('secret-environment')
  const visibility = read('secret-visibility')
  const repositories = read('secret-repositories')
    .split(/[\s,]+/)
    .filter((r) => r !== '')

  if (org !== '') {
    if (repository !== '' || environment !== '') {
      throw new ActionError(
        '`secret-org` cannot be combined with `secret-repository` or `secret-environment`: an organization secret belongs to no repository. Pick one place.'
      )
    }
    if (!/^[A-Za-z0-9-]+$/.test(org)) {
      throw new ActionError(`Input \`secret-org\` is not an organization name (got "${org}").`)
    }
    const vis = visibility === '' ? 'private' : visibility
    if (vis !== 'all' && vis !== 'private' && vis !== 'selected') {
      throw new ActionError(
        `Input \`secret-visibility\` must be \`all\`, \`private\` or \`selected\` (got "${visibility}").`
      )
    }
    if ((vis === 'selected') !== repositories.length > 0) {
      throw new ActionError(
        vis === 'selected'
          ? '`secret-visibility: selected` needs `secret-repositories`: the repositories that may read the secret.'
          : '`secret-repositories` is only used with `secret-visibility: selected`.'
      )
    }
    const bad = repositories.find((r) => !isRepository(r) && !isName(r))
    if (bad !== undefined) {
      throw new ActionError(
        `\`secret-repositories\` takes repository names or \`owner/name\` (got "${bad}").`
      )
    }
    return {
      base: `/orgs/${org}/actions`,
      label: `organization ${org} (visibility ${vis})`,
      permission:
        'the organization permissions "Secrets" and "Variables" (read and write) as a fine-grained token, or `organization_secrets: write` and `organization_actions_variables: write` as a GitHub App',
      org: { name: org, visibility: vis, repositories }
    }
  }
  if (visibility !== '' || repositories.length > 0) {
    throw new ActionError(
      '`secret-visibility` and `secret-repositories` apply to organization secrets only; set `secret-org` or remove them.'
    )
  }
  const repo = repository || defaultRepository || ''
  if (!isRepository(repo)) {
    throw new ActionError(
      repository
        ? `Input \`secret-repository\` must be \`owner/name\` (got "${repository}").`
        : 'No repository to store the secret in: GITHUB_REPOSITORY is not set. Set `secret-repository: owner/name`.'
    )
  }
  if (environment !== '') {
    return {
      base: `/repos/${repo}/environments/${encodeURIComponent(environment)}`,
      label: `environment ${environment} of ${repo}`,
      notFound: `The environment "${environment}" may not exist in ${repo}: create it under Settings → Environments, or correct \`secret-environment\`.`,
      permission: `the repository permission "Environments" (read and write) on ${repo} as a fine-grained token, or \`environments: write\` as a GitHub App`
    }
  }
  return {
    base: `/repos/${repo}/actions`,
    label: `repository ${repo}`,
    permission: `the repository permissions "Secrets" and "Variables" (read and write) on ${repo} as a fine-grained token, or \`secrets: write\` and \`actions_variables: write\` as a GitHub App`
  }
}

/** A repository or owner name; `.` and `..` would be resolved away inside the API path. */
function isName(part: string): boolean {
  return /^[\w.-]+$/.test(part) && part !== '.' && part !== '..'
}

function isRepository(value: string): boolean {
  const parts = value.split('/')
  return parts.length === 2 && parts.every(isName)
}
