import { ActionError } from './errors.ts'

/** Reads one input as the runner passed it (empty string when absent). */
export type ReadInput = (name: string) => string

export interface TokenInputs {
  email: string
  password: string
  /** `<api-url>/api-token-generate`, already checked. */
  endpoint: URL
  timeoutMs: number
  retries: number
}

const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 10

/**
 * Reads and checks the inputs of a token request. `mask` is called with the password before
 * anything else happens, so no later line can print it. Throws an ActionError naming the input.
 */
export function readTokenInputs(read: ReadInput, mask: (secret: string) => void): TokenInputs {
  const password = read('password')
  if (password) mask(password)
  if (password.trim() === '') throw missing('password', 'PERSONR_PASSWORD')

  const email = read('email').trim()
  if (email === '') throw missing('email', 'PERSONR_EMAIL')
  // The email comes from a secret: the error must not repeat it.
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new ActionError(
      'Input `email` does not look like an email address. Pass the Personr account email, for example `email: ${{ secrets.PERSONR_EMAIL }}`.'
    )
  }

  return {
    email,
    password,
    endpoint: readApiUrl(read('api-url').trim()),
    timeoutMs: readTimeout(read('timeout').trim()) * 1000,
    retries: readRetries(read('retries').trim())
  }
}

function missing(name: string, secret: string): ActionError {
  return new ActionError(
    `Input \`${name}\` is required but empty. Set it from a repository secret, for example \`${name}: \${{ secrets.${secret} }}\`; an empty value usually means the secret is not defined or not available to this workflow (workflows from forks get no secrets).`
  )
}

export function readApiUrl(value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ActionError(
      `Input \`api-url\` is not a URL (got "${value}"). Leave it out for Personr's API or give a base such as https://enterprise.personr.co/api/1.1/wf.`
    )
  }
  if (url.username || url.password) {
    throw new ActionError(
      'Input `api-url` must not contain a user name or password; the action sends the credentials in the request body.'
    )
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ActionError(
      `Input \`api-url\` must use https:// (got ${url.protocol}//${url.host}): the password travels in the request body. Plain http:// is accepted only for localhost and 127.0.0.0/8.`
    )
  }
  url.search = ''
  url.hash = ''
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api-token-generate`
  return url
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

function readTimeout(value: string): number {
  const seconds = Number(value)
  if (value === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
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
