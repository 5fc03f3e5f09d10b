import { ActionError } from './errors.ts'
import { formatDetails, quote, readErrorBody, statusText } from './error-body.ts'
import { isRecord, parseJson } from './json.ts'
import { header, type HttpResponse, type Send } from './http.ts'
import type { Limit } from './limit.ts'
import { joinPath } from './url.ts'
import { parseRetryAfter, withRetries, type Outcome, type RetryDeps } from './retry.ts'

export interface GitHubDeps extends Omit<RetryDeps, 'what'> {
  apiUrl: URL
  token: string
  send: Send
  /** Reads text GitHub sent as a person would and removes every secret of the step. */
  redact: (text: string) => string
  /** Caps the calls in flight, whoever makes them. */
  limit: Limit
  /** Told GitHub's `github-authentication-token-expiration` header: when `token` expires. */
  onTokenExpiry?: (value: string) => void
}

export interface GitHubCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  body?: unknown
  /** What the call is for, in the words of an error: "read the public key of …". */
  what: string
  /** The permission to grant when GitHub refuses (401, 403, 404). */
  permission: string
  /** What else a 404 can mean here, such as an environment that does not exist. */
  notFound?: string | undefined
  /** Error statuses that are expected here, such as 404 for an absent variable. */
  expected?: number[]
}

/** A GitHub REST call: retried on 5xx, 429 and secondary rate limits, explained when refused. */
export type GitHub = (call: GitHubCall) => Promise<{ status: number; json: unknown }>

export function createGitHub(deps: GitHubDeps): GitHub {
  const { apiUrl, token, send, clock, redact, limit } = deps
  return (call) =>
    limit.run(() =>
      withRetries(
        async (signal) => {
          const body = call.body === undefined ? undefined : JSON.stringify(call.body)
          const response = await send(
            {
              method: call.method,
              url: joinPath(apiUrl, call.path.replace(/^\//, '')).href,
              input: 'github-api-url',
              headers: {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${token}`,
                'x-github-api-version': '2022-11-28',
                ...(body === undefined ? {} : { 'content-type': 'application/json' })
              },
              ...(body === undefined ? {} : { body })
            },
            signal
          )
          const expiry = header(response, 'github-authentication-token-expiration')
          if (expiry !== undefined) deps.onTokenExpiry?.(expiry)
          return interpretGitHubResponse(response, call, clock.now(), redact)
        },
        { ...deps, what: call.what }
      )
    )
}

/** Decides what a GitHub response means: done, worth a retry, or a refusal to explain. */
export function interpretGitHubResponse(
  response: HttpResponse,
  call: GitHubCall,
  now: number,
  redact: (text: string) => string
): Outcome<{ status: number; json: unknown }> {
  const { status } = response
  if ((status >= 200 && status < 300) || call.expected?.includes(status)) {
    return { done: { status, json: parseJson(response.body) } }
  }
  const said = `GitHub answered ${statusText(status)}${formatDetails(readErrorBody(response.body, redact))}`
  const retryAfter = retryAfterMs(response, now)
  const secondary = status === 403 && /secondary rate limit/i.test(response.body)
  const rateLimited = status === 429 || (status === 403 && retryAfter !== undefined) || secondary
  if (rateLimited || status >= 500) {
    // GitHub: after a secondary rate limit with no Retry-After, wait at least a minute.
    return { retry: said, retryAfterMs: retryAfter ?? (secondary ? 60_000 : undefined) }
  }
  if (status === 401 || status === 403 || status === 404) {
    const notFound = status === 404 && call.notFound ? ` ${call.notFound}` : ''
    throw new ActionError(
      `Could not ${call.what}: ${said}.${notFound} Give \`github-token\` ${call.permission}; a 404 often means the token cannot see that repository or organization at all.`
    )
  }
  if (status >= 300 && status < 400) throw movedError(response, call, redact)
  throw new ActionError(`Could not ${call.what}: ${said}.`)
}

/**
 * GitHub answers 301 for every path under a repository's old name, after a rename or a
 * transfer. The redirect is not followed: the token goes only where the inputs say.
 */
function movedError(
  response: HttpResponse,
  call: GitHubCall,
  redact: (text: string) => string
): ActionError {
  const json = parseJson(response.body)
  const target = header(response, 'location') ?? (isRecord(json) ? json.url : undefined)
  const where = quote(target, redact)
  const pointing = where === undefined ? '' : `, pointing to ${where}`
  const repo = /^\/repos\/([^/]+\/[^/]+)/.exec(call.path)?.[1]
  const advice =
    repo === undefined
      ? 'Check `github-api-url` and the names in the inputs.'
      : `The repository ${repo}, as written in \`secret-targets\`, \`secret-repository\` or \`secret-repositories\`, was probably renamed or transferred: write its new owner/name there.`
  return new ActionError(
    `Could not ${call.what}: GitHub answered ${statusText(response.status)}${pointing}. ${advice} The action does not follow redirects, so nothing was sent there.`
  )
}

/** Retry-After, or for a spent rate limit the time until x-ratelimit-reset. */
function retryAfterMs(response: HttpResponse, now: number): number | undefined {
  const retryAfter = parseRetryAfter(header(response, 'retry-after'), now)
  if (retryAfter !== undefined) return retryAfter
  const reset = header(response, 'x-ratelimit-reset') ?? ''
  if (header(response, 'x-ratelimit-remaining') === '0' && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - now)
  }
  return undefined
}

/**
 * GitHub's `github-authentication-token-expiration` header ("2027-01-15 10:00:00 UTC") as a
 * date; undefined for anything else, since the header is text from outside.
 */
export function parseTokenExpiration(value: string): Date | undefined {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC$/.exec(value.trim())
  if (!match) return undefined
  const date = new Date(`${match[1]}T${match[2]}Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}
