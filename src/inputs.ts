import { ActionError } from './errors.ts'
import { joinPath, readServiceUrl } from './url.ts'

/** Reads one input as the runner passed it (empty string when absent). */
export type ReadInput = (name: string) => string

/**
 * action.yml's defaults. The runner fills them in only for an input a workflow leaves out; an
 * input given as an empty string (`${{ vars.TIMEOUT }}` with the variable unset) means the
 * default too. `github-api-url` defaults to the run's API in action.yml, to GitHub's here.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'api-url': 'https://enterprise.personr.co/api/1.1/wf',
  timeout: '30',
  retries: '3',
  'github-api-url': 'https://api.github.com',
  auth: 'form',
  'dry-run': 'false'
}

/** `read` with an empty optional input taken as its default. */
export function withDefaults(read: ReadInput): ReadInput {
  return (name) => {
    const value = read(name)
    return value.trim() === '' ? (INPUT_DEFAULTS[name] ?? value) : value
  }
}

/** Personr's two documented ways to mint: a multipart form, or HTTP Basic authentication. */
export type Auth = 'form' | 'basic'

export interface TokenInputs {
  email: string
  password: string
  auth: Auth
  /** `api-url`, already checked. */
  apiUrl: URL
  /** `<api-url>/api-token-generate`, or `<api-url>/api-basic-auth` with `auth: basic`. */
  endpoint: URL
  timeoutMs: number
  retries: number
}

const ENDPOINTS: Record<Auth, string> = { form: 'api-token-generate', basic: 'api-basic-auth' }

const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 10

/**
 * Reads and checks the inputs of a token request. `mask` is called with the password before
 * anything else happens, so no later line can print it. Throws an ActionError naming the input.
 */
export function readTokenInputs(read: ReadInput, mask: (secret: string) => void): TokenInputs {
  const password = read('password')
  mask(password)
  if (password.trim() === '') throw missing('password', 'PERSONR_PASSWORD')

  const email = read('email').trim()
  if (email === '') throw missing('email', 'PERSONR_EMAIL')
  // The email comes from a secret: the error must not repeat it.
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new ActionError(
      'Input `email` does not look like an email address. Pass the Personr account email, for example `email: ${{ secrets.PERSONR_EMAIL }}`.'
    )
  }

  const auth = read('auth').trim().toLowerCase() || 'form'
  if (auth !== 'form' && auth !== 'basic') {
    throw new ActionError(`Input \`auth\` must be \`form\` or \`basic\` (got "${auth}").`)
  }
  // Basic authentication joins email and password with a colon: one in the email would shift it.
  if (auth === 'basic' && email.includes(':')) {
    throw new ActionError(
      'Input `email` contains a colon, which `auth: basic` cannot send (it separates the email from the password). Use `auth: form`.'
    )
  }
  const apiUrl = readServiceUrl('api-url', read('api-url').trim())
  return {
    email,
    password,
    auth,
    apiUrl,
    endpoint: joinPath(apiUrl, ENDPOINTS[auth]),
    timeoutMs: readTimeout(read('timeout').trim()) * 1000,
    retries: readRetries(read('retries').trim())
  }
}

/** The Authorization header of `auth: basic`: a credential, masked before any request is built. */
export function basicAuthorization(inputs: Pick<TokenInputs, 'email' | 'password'>): string {
  return `Basic ${Buffer.from(`${inputs.email}:${inputs.password}`, 'utf8').toString('base64')}`
}

function missing(name: string, secret: string): ActionError {
  return new ActionError(
    `Input \`${name}\` is required but empty. Set it from a repository secret, for example \`${name}: \${{ secrets.${secret} }}\`; an empty value usually means the secret is not defined or not available to this workflow (workflows from forks get no secrets).`
  )
}

/** `api-url` checked, as the endpoint that mints tokens: `<api-url>/api-token-generate`. */
export function readApiUrl(value: string): URL {
  return joinPath(readServiceUrl('api-url', value), 'api-token-generate')
}

function readTimeout(value: string): number {
  const seconds = Number(value)
  // Decimal only: Number() would also take 0x10, 0b11 and 1e2.
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new ActionError(
      `Input \`timeout\` must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (got "${value}").`
    )
  }
  return seconds
}

function readRetries(value: string): number {
  const retries = Number(value)
  if (!/^\d+$/.test(value) || retries > MAX_RETRIES) {
    throw new ActionError(
      `Input \`retries\` must be a whole number from 0 to ${MAX_RETRIES} (got "${value}").`
    )
  }
  return retries
}

/**
 * Where a secret has whitespace at its ends ("ends with a line feed"), for an error that must
 * never show the secret itself; undefined when it has none.
 */
export function describeWhitespace(secret: string): string | undefined {
  const lead = /^\s*/.exec(secret)?.[0] ?? ''
  const trail = secret.trim() === '' ? '' : (/\s*$/.exec(secret)?.[0] ?? '')
  const parts = [
    lead && `starts with ${nameWhitespace(lead)}`,
    trail && `ends with ${nameWhitespace(trail)}`
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' and ') : undefined
}

const WHITESPACE_NAMES: Record<string, string> = {
  ' ': 'space',
  '\n': 'line feed',
  '\r': 'carriage return',
  '\t': 'tab'
}

/** "a line feed", "2 spaces", "a carriage return and a line feed". */
function nameWhitespace(run: string): string {
  const groups: string[] = []
  for (const [chars] of run.matchAll(/(\s)\1*/g)) {
    const name = WHITESPACE_NAMES[chars[0] ?? ''] ?? 'whitespace character'
    groups.push(chars.length === 1 ? `a ${name}` : `${chars.length} ${name}s`)
  }
  return groups.length > 1
    ? `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}`
    : (groups[0] ?? '')
}
