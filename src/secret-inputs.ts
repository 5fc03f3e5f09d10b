import { parseDuration } from './duration.ts'
import { ActionError } from './errors.ts'
import type { ReadInput } from './inputs.ts'
import type { Mask } from './log.ts'
import { parseTargetLines } from './target-lines.ts'
import {
  expiryPlace,
  isName,
  isOrgName,
  isRepository,
  makeTarget,
  type ExpiryPlace,
  type Target,
  type Visibility
} from './targets.ts'
import { joinPath, readServiceUrl } from './url.ts'

/** How the stored token is proven alive: an authenticated Personr endpoint. */
export interface TokenCheck {
  url: URL
  method: 'GET' | 'POST'
  /** How messages name it: `check-url`, or the default endpoint. */
  label: string
}

/**
 * The check when `check-url` is empty: Personr's documented authenticated read, posted with an
 * empty body. Bubble authenticates the bearer token before it checks a workflow's parameters, so
 * a live token gets 400 (no `applicantId`) and a dead one 401; the live self-test proves it.
 */
export const DEFAULT_CHECK_PATH = 'api-applicant-status'

/** `renew-before` when empty: a month's margin for a token that lives a year. */
export const DEFAULT_RENEW_BEFORE_MS = 30 * 86_400_000

export interface SecretInputs {
  name: string
  /** `<name>_EXPIRES_AT`: variables can be read back, secrets cannot. */
  expiryVariable: string
  githubToken: string
  apiUrl: URL
  /** Every store the token is written to, from the single-target inputs or `secret-targets`. */
  targets: Target[]
  /** Where the expiry variable is recorded. */
  expiry: ExpiryPlace
  /** Rotate when the stored token expires within this (30 days unless given), or `always`. */
  renewBefore: number | 'always'
  /** Rotate when a stored secret was last written longer ago than this. */
  maxAgeMs: number | undefined
  /** The stored token, passed back in: proves it alive and proves write access. */
  currentToken: string | undefined
  /** Undefined with `check-url: none`. */
  check: TokenCheck | undefined
  /** Check, read and decide, then only report: nothing minted, nothing written. */
  dryRun: boolean
}

const SINGLE_TARGET_INPUTS = [
  'secret-repository',
  'secret-environment',
  'secret-org',
  'secret-visibility',
  'secret-repositories'
]
const REFRESH_INPUTS = [
  'github-token',
  ...SINGLE_TARGET_INPUTS,
  'secret-targets',
  'renew-before',
  'max-age',
  'current-token',
  'check-url',
  'check-method'
]

/**
 * Reads the inputs of storing the token as a secret; undefined when `secret-name` is not set.
 * `workflowRepo` is the workflow's own (GITHUB_REPOSITORY), the default place; `apiUrl` is
 * Personr's, the only host `check-url` may point at. Both credentials are masked first.
 */
export function readSecretInputs(
  read: ReadInput,
  mask: Mask,
  workflowRepo: string | undefined,
  apiUrl: URL
): SecretInputs | undefined {
  const githubToken = read('github-token')
  mask(githubToken)
  const currentToken = read('current-token').trim()
  mask(currentToken, { token: true })
  const name = read('secret-name')
  const dryRun = readBoolean(read, 'dry-run')
  if (name === '') {
    const stray = REFRESH_INPUTS.filter((input) => read(input) !== '')
    if (dryRun) stray.push('dry-run')
    if (stray.length > 0) {
      throw new ActionError(
        `${stray.map((s) => `\`${s}\``).join(', ')} ${stray.length === 1 ? 'is' : 'are'} only used with \`secret-name\`. Set \`secret-name\` to store the token as a secret, or remove ${stray.length === 1 ? 'it' : 'them'}.`
      )
    }
    return undefined
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
    throw new ActionError(
      `Input \`secret-name\` must be a valid secret name: letters, digits and underscores, not starting with a digit or GITHUB_ (got "${name}").`
    )
  }
  if (githubToken.trim() === '') {
    throw new ActionError(
      "Input `github-token` is required with `secret-name`: a fine-grained personal access token or GitHub App token allowed to write the secrets and the variable. The job's own GITHUB_TOKEN cannot write secrets."
    )
  }
  const targets = readTargets(read, workflowRepo)
  return {
    name: name.toUpperCase(),
    expiryVariable: `${name.toUpperCase()}_EXPIRES_AT`,
    githubToken: githubToken.trim(),
    apiUrl: readServiceUrl('github-api-url', read('github-api-url')),
    targets,
    expiry: expiryPlace(targets, workflowRepo),
    renewBefore: readRenewBefore(read),
    maxAgeMs: readDuration(read, 'max-age'),
    currentToken: currentToken === '' ? undefined : currentToken,
    check: readCheck(read, apiUrl),
    dryRun
  }
}

function readTargets(read: ReadInput, workflowRepo: string | undefined): Target[] {
  const lines = read('secret-targets')
  if (lines.trim() === '') return [readSingleTarget(read, workflowRepo)]
  const combined = SINGLE_TARGET_INPUTS.filter((input) => read(input) !== '')
  if (combined.length > 0) {
    throw new ActionError(
      `\`secret-targets\` cannot be combined with ${combined.map((s) => `\`${s}\``).join(', ')}: list every target in \`secret-targets\` instead.`
    )
  }
  return parseTargetLines(lines, workflowRepo)
}

/** The single-target inputs of version 1, as they have always worked. */
function readSingleTarget(read: ReadInput, workflowRepo: string | undefined): Target {
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
    if (!isOrgName(org)) {
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
    return makeTarget({
      app: 'actions',
      org: { name: org, visibility: vis satisfies Visibility, repositories }
    })
  }
  if (visibility !== '' || repositories.length > 0) {
    throw new ActionError(
      '`secret-visibility` and `secret-repositories` apply to organization secrets only; set `secret-org` or remove them.'
    )
  }
  const repo = repository || workflowRepo || ''
  if (!isRepository(repo)) {
    throw new ActionError(
      repository
        ? `Input \`secret-repository\` must be \`owner/name\` (got "${repository}").`
        : 'No repository to store the secret in: GITHUB_REPOSITORY is not set. Set `secret-repository: owner/name`.'
    )
  }
  const target = makeTarget({
    app: 'actions',
    repo,
    ...(environment === '' ? {} : { env: environment })
  })
  return target.notFound
    ? {
        ...target,
        notFound: target.notFound.replace('the environment name', '`secret-environment`')
      }
    : target
}

function readCheck(read: ReadInput, apiUrl: URL): TokenCheck | undefined {
  const value = read('check-url').trim()
  const given = read('check-method').toUpperCase()
  if (given !== '' && given !== 'GET' && given !== 'POST') {
    throw new ActionError(`Input \`check-method\` must be \`GET\` or \`POST\` (got "${given}").`)
  }
  if (value.toLowerCase() === 'none') return undefined
  if (value === '') {
    // A workflow endpoint of Bubble's takes POST: a GET would never get the 400 that proves it.
    if (given === 'GET') {
      throw new ActionError(
        `\`check-method: GET\` needs a \`check-url\` of your own: the default check, ${DEFAULT_CHECK_PATH}, is a POST.`
      )
    }
    return { url: joinPath(apiUrl, DEFAULT_CHECK_PATH), method: 'POST', label: DEFAULT_CHECK_PATH }
  }
  const url = readServiceUrl('check-url', value, { keepQuery: true })
  // The stored token goes to this URL: only to the host that issued it.
  if (url.host !== apiUrl.host) {
    throw new ActionError(
      `Input \`check-url\` must be on the same host as \`api-url\` (${apiUrl.host}), so the stored token is never sent anywhere else (got ${url.protocol}//${url.host}).`
    )
  }
  return { url, method: given === 'POST' ? 'POST' : 'GET', label: 'check-url' }
}

/**
 * `renew-before`: a duration, `always`, or 30 days when empty. Every mint kills the token of every
 * consumer, so rotating on every run takes a word that says so.
 */
function readRenewBefore(read: ReadInput): number | 'always' {
  if (read('renew-before').trim().toLowerCase() === 'always') return 'always'
  return readDuration(read, 'renew-before') ?? DEFAULT_RENEW_BEFORE_MS
}

function readDuration(read: ReadInput, name: string): number | undefined {
  const value = read(name)
  if (value === '') return undefined
  const ms = parseDuration(value)
  if (ms === undefined) {
    const always = name === 'renew-before' ? ', or `always`' : ''
    throw new ActionError(
      `Input \`${name}\` must be a duration such as \`30d\`, \`12h\` or \`1d12h\` (units w, d, h, m, s)${always} (got "${value}").`
    )
  }
  return ms
}

function readBoolean(read: ReadInput, name: string): boolean {
  const value = read(name).toLowerCase()
  if (value === '' || value === 'false') return false
  if (value === 'true') return true
  throw new ActionError(`Input \`${name}\` must be \`true\` or \`false\` (got "${value}").`)
}
