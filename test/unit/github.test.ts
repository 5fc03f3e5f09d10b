import { describe, expect, it, vi } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import {
  createGitHub,
  interpretGitHubResponse,
  parseTokenExpiration,
  type GitHubCall
} from '../../src/github.ts'
import type { HttpResponse, Send } from '../../src/http.ts'
import { Limit } from '../../src/limit.ts'
import { rejection, thrown } from '../support/caught.ts'
import { FakeClock } from '../fakes/clock.ts'
import { keep } from '../support/redaction.ts'
import { response, scriptedSend } from '../fakes/send.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const RESET = Math.floor(NOW / 1000)
const GITHUB_TOKEN = 'github_pat_11ABCDEFG0secretsecretsecret'
const PERMISSION = 'the repository permissions "Secrets" and "Variables" (read and write) on o/r'
const GIVE = `Give \`github-token\` ${PERMISSION}`

const CALL: GitHubCall = {
  method: 'GET',
  path: '/repos/o/r/actions/secrets/public-key',
  what: 'read the Actions secrets public key of repository o/r',
  permission: PERMISSION
}
const ENV_CALL = { ...CALL, notFound: 'The environment "prod" may not exist in o/r.' }
const interpret = (answer: HttpResponse, call: GitHubCall = CALL, now = NOW) =>
  interpretGitHubResponse(answer, call, now, keep)
const refused = (answer: HttpResponse, call: GitHubCall = CALL): string =>
  thrown(() => interpret(answer, call)).message
const ghBody = (message: string, status = 403) =>
  JSON.stringify({
    message,
    documentation_url: 'https://docs.github.com/rest',
    status: `${status}`
  })
/** x-ratelimit headers: `remaining` requests left until `seconds` from NOW. */
const limit = (remaining: string, seconds: number, extra: Record<string, string> = {}) => ({
  'x-ratelimit-remaining': remaining,
  'x-ratelimit-reset': String(RESET + seconds),
  ...extra
})

describe('interpretGitHubResponse', () => {
  const KEY = '{"key_id":"k1","key":"abc"}'
  const EXPECTING = { ...CALL, expected: [404, 409] }
  it.each([
    [200, KEY, CALL, { key_id: 'k1', key: 'abc' }],
    [201, KEY, CALL, { key_id: 'k1', key: 'abc' }],
    [204, KEY, CALL, { key_id: 'k1', key: 'abc' }],
    [204, '', CALL, undefined],
    [204, '   ', CALL, undefined],
    [204, '\n', CALL, undefined],
    [200, '<html>', CALL, undefined],
    // An answer the call lists among its answers.
    [404, '{"message":"Not Found"}', EXPECTING, { message: 'Not Found' }],
    [409, '{"message":"Not Found"}', EXPECTING, { message: 'Not Found' }]
  ])('is done on %i %j with the parsed JSON', (status, body, call, json) => {
    expect(interpret(response(status, body), call)).toEqual({ done: { status, json } })
  })

  const NO_ACCESS = 'Resource not accessible by personal access token'
  it.each<[number, string, Record<string, string>, GitHubCall, string]>([
    [401, ghBody('Bad credentials', 401), {}, CALL, `401 Unauthorized: Bad credentials. ${GIVE}`],
    [403, ghBody(NO_ACCESS), {}, CALL, `403 Forbidden: ${NO_ACCESS}. ${GIVE}`],
    [404, ghBody('Not Found', 404), {}, CALL, `404 Not Found: Not Found. ${GIVE}`],
    [401, '', {}, CALL, `401 Unauthorized. ${GIVE}`],
    [403, '', {}, { ...CALL, expected: [404] }, `403 Forbidden. ${GIVE}`],
    [403, '', limit('4999', 60), CALL, `403 Forbidden. ${GIVE}`],
    [403, '', { ...limit('0', 0), 'x-ratelimit-reset': '1e9' }, CALL, `403 Forbidden. ${GIVE}`],
    [404, '{"message":"secondary rate limit"}', {}, CALL, '404 Not Found: secondary rate limit.'],
    [300, '', {}, CALL, '300'],
    [
      404,
      '{"message":"Not Found"}',
      {},
      ENV_CALL,
      `404 Not Found: Not Found. ${ENV_CALL.notFound} ${GIVE}`
    ]
  ])(
    'refuses %i %j %j, naming what failed, the status, the message and the permission',
    (status, body, headers, call, said) => {
      expect(refused(response(status, body, headers), call)).toContain(
        `Could not ${CALL.what}: GitHub answered ${said}`
      )
    }
  )

  it('refuses a 422 without the permission hint, and a 401 or 403 without what a 404 can mean', () => {
    expect(refused(response(422, '{"message":"Validation Failed","errors":[{"code":"x"}]}'))).toBe(
      `Could not ${CALL.what}: GitHub answered 422 Unprocessable Entity: Validation Failed.`
    )
    for (const status of [401, 403]) {
      expect(refused(response(status), ENV_CALL)).not.toContain('may not exist')
    }
  })

  const SECONDARY = 'You have exceeded a secondary rate limit.'
  const OOPS = '<html><title>Oops</title>'
  it.each<[number, string, Record<string, string>, number, string, number | undefined]>([
    [403, ghBody(SECONDARY), { 'retry-after': '30' }, NOW, `403 Forbidden: ${SECONDARY}`, 30_000],
    // Without Retry-After, after a minute, as GitHub asks.
    [403, ghBody(SECONDARY), {}, NOW, `403 Forbidden: ${SECONDARY}`, 60_000],
    [403, '', limit('0', 42), NOW, '403 Forbidden', 42_000],
    [403, '', limit('0', 42), NOW + 40_000, '403 Forbidden', 2000],
    [403, '', limit('0', -10), NOW, '403 Forbidden', 0],
    [403, '', limit('0', 42, { 'retry-after': '5' }), NOW, '403 Forbidden', 5000],
    [429, '', { 'retry-after': '7' }, NOW, '429 Too Many Requests', 7000],
    [429, '', {}, NOW, '429 Too Many Requests', undefined],
    [500, OOPS, {}, NOW, '500 Internal Server Error: an HTML page titled "Oops"', undefined],
    [502, OOPS, {}, NOW, '502 Bad Gateway: an HTML page titled "Oops"', undefined],
    [503, '', {}, NOW, '503 Service Unavailable', undefined],
    [504, '', {}, NOW, '504 Gateway Timeout', undefined]
  ])('retries %i %j %j at %i, waiting %i ms', (status, body, headers, now, said, wait) => {
    expect(interpret(response(status, body, headers), CALL, now)).toEqual({
      retry: `GitHub answered ${said}`,
      retryAfterMs: wait
    })
  })

  const MOVED = 'https://api.github.com/repositories/42/actions/secrets/public-key'
  const ADVICE =
    'The repository o/r, as written in `secret-targets`, `secret-repository` or `secret-repositories`, was probably renamed or transferred: write its new owner/name there. The action does not follow redirects, so nothing was sent there.'
  it.each([
    ['the Location header', response(301, '', { location: MOVED }), `, pointing to ${MOVED}`],
    [
      "the body's url",
      response(301, JSON.stringify({ message: 'x', url: MOVED })),
      `, pointing to ${MOVED}`
    ],
    ['nothing', response(301), '']
  ])('names a moved repository and where GitHub points, from %s', (_, answer, pointing) => {
    expect(refused(answer)).toBe(
      `Could not ${CALL.what}: GitHub answered 301 Moved Permanently${pointing}. ${ADVICE}`
    )
  })

  it('says less for a redirect outside a repository, and redacts where it points', () => {
    const call = { ...CALL, path: '/orgs/acme/actions/secrets/public-key' }
    const answer = response(307, '', { location: `https://x.example/?t=${GITHUB_TOKEN}` })
    const redact = (t: string) => t.replace(GITHUB_TOKEN, '***')
    expect(thrown(() => interpretGitHubResponse(answer, call, NOW, redact)).message).toBe(
      `Could not ${CALL.what}: GitHub answered 307 Temporary Redirect, pointing to https://x.example/?t=***. Check \`github-api-url\` and the names in the inputs. The action does not follow redirects, so nothing was sent there.`
    )
  })
})

function github(send: Send, apiUrl = 'https://api.github.com', retries = 3) {
  const clock = new FakeClock(NOW)
  const log = vi.fn<(line: string) => void>()
  const seen: string[] = []
  const gh = createGitHub({
    apiUrl: new URL(apiUrl),
    token: GITHUB_TOKEN,
    send,
    clock,
    random: () => 0,
    log,
    retries,
    timeoutMs: 10_000,
    redact: keep,
    limit: new Limit(8),
    onTokenExpiry: (value) => void seen.push(value)
  })
  return { gh, clock, log, seen }
}

describe('createGitHub', () => {
  it('sends a GET with the GitHub headers and no body, and a JSON body with its method', async () => {
    const { send, requests } = scriptedSend(
      response(200, '{"key_id":"k","key":"K"}'),
      ...[201, 201, 201].map((status) => response(status))
    )
    const { gh } = github(send)
    await expect(gh(CALL)).resolves.toEqual({ status: 200, json: { key_id: 'k', key: 'K' } })
    expect(requests[0]).toEqual({
      method: 'GET',
      url: 'https://api.github.com/repos/o/r/actions/secrets/public-key',
      input: 'github-api-url',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${GITHUB_TOKEN}`,
        'x-github-api-version': '2022-11-28'
      }
    })
    expect(requests[0] && 'body' in requests[0]).toBe(false)
    for (const method of ['PUT', 'POST', 'PATCH'] as const) {
      await gh({ ...CALL, method, path: '/repos/o/r/actions/variables', body: { name: 'N' } })
    }
    expect(requests.slice(1).map((r) => [r.method, r.body, r.headers])).toEqual(
      ['PUT', 'POST', 'PATCH'].map((method) => [
        method,
        '{"name":"N"}',
        expect.objectContaining({
          'content-type': 'application/json',
          authorization: `Bearer ${GITHUB_TOKEN}`
        })
      ])
    )
  })

  it.each([
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api/v3/orgs/acme/x'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3/orgs/acme/x'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/orgs/acme/x']
  ])('joins the path under the API URL %s', async (apiUrl, url) => {
    const { send, requests } = scriptedSend(response(200, '{}'))
    await github(send, apiUrl).gh({ ...CALL, path: '/orgs/acme/x' })
    expect(requests[0]?.url).toBe(url)
  })

  it('retries a 502 and a secondary rate limit, then returns the success', async () => {
    const { send, requests } = scriptedSend(
      response(502, 'Bad Gateway'),
      response(403, '', { 'retry-after': '12' }),
      response(200, '{"ok":true}')
    )
    const { gh, clock, log } = github(send)
    await expect(gh(CALL)).resolves.toEqual({ status: 200, json: { ok: true } })
    expect(requests).toHaveLength(3)
    expect(requests[1]).toEqual(requests[0])
    expect(clock.sleeps).toEqual([500, 12_000])
    expect(log).toHaveBeenCalledTimes(2)
    expect(log.mock.calls[0]?.[0]).toContain('Attempt 1 of 4 failed with GitHub answered 502')
  })

  it('gives up after retries + 1 attempts, naming what it could not do, never the token', async () => {
    const { send, requests } = scriptedSend(response(503), response(500))
    const { gh, log } = github(send, 'https://api.github.com', 1)
    const error = await rejection(gh(CALL))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(
      `Could not ${CALL.what} after 2 attempts; the last one failed with GitHub answered 500`
    )
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`)
    expect(error.message).not.toContain(GITHUB_TOKEN)
    expect(JSON.stringify(log.mock.calls)).not.toContain(GITHUB_TOKEN)
  })

  it.each([401, 403, 404, 422])(
    'does not retry a %i, and never puts the token in its error',
    async (status) => {
      const { send } = scriptedSend(response(status, '{"message":"nope"}'))
      const { gh, clock } = github(send)
      const error = await rejection(gh(CALL))
      expect(error).toBeInstanceOf(ActionError)
      expect(error.message).toContain(': nope')
      expect(send).toHaveBeenCalledTimes(1)
      expect(clock.sleeps).toEqual([])
      expect(`${error.message}${error.stack}`).not.toContain(GITHUB_TOKEN)
    }
  )

  it('tells onTokenExpiry the header when GitHub sends it, and only then', async () => {
    const expiry = { 'github-authentication-token-expiration': '2027-01-15 10:00:00 UTC' }
    const { send } = scriptedSend(response(200, '{}', expiry), response(200, '{}'))
    const { gh, seen } = github(send)
    await gh(CALL)
    await gh(CALL)
    expect(seen).toEqual(['2027-01-15 10:00:00 UTC'])
  })
})

describe('parseTokenExpiration', () => {
  it.each([
    [' 2027-01-15 10:00:00 UTC ', new Date('2027-01-15T10:00:00Z')],
    ['x2027-01-15 10:00:00 UTC', undefined],
    ['2027-01-15 10:00:00 UTCx', undefined],
    ['2027-01-15T10:00:00Z', undefined],
    ['soon', undefined],
    ['2027-13-45 10:00:00 UTC', undefined]
  ])('reads %j as %s', (value, date) => {
    expect(parseTokenExpiration(value)).toEqual(date)
  })
})
