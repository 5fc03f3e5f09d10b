import { describe, expect, it, vi } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import {
  createGitHub,
  interpretGitHubResponse,
  parseTokenExpiration,
  type GitHubCall
} from '../../src/github.ts'
import type { Send } from '../../src/http.ts'
import { Limit } from '../../src/limit.ts'
import { rejection, thrown } from '../support/caught.ts'
import { FakeClock } from '../fakes/clock.ts'
import { keep } from '../support/redaction.ts'
import { response, scriptedSend } from '../fakes/send.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const GITHUB_TOKEN = 'github_pat_11ABCDEFG0secretsecretsecret'
const PERMISSION = 'the repository permissions "Secrets" and "Variables" (read and write) on o/r'

const CALL: GitHubCall = {
  method: 'GET',
  path: '/repos/o/r/actions/secrets/public-key',
  what: 'read the Actions secrets public key of repository o/r',
  permission: PERMISSION
}

describe('interpretGitHubResponse: done', () => {
  it.each([200, 201, 204])('is done on %i with the parsed JSON', (status) => {
    const outcome = interpretGitHubResponse(
      response(status, '{"key_id":"k1","key":"abc"}'),
      CALL,
      NOW,
      keep
    )
    expect(outcome).toEqual({ done: { status, json: { key_id: 'k1', key: 'abc' } } })
  })

  it.each(['', '   ', '\n'])('is done with json undefined for the empty body %j', (body) => {
    expect(interpretGitHubResponse(response(204, body), CALL, NOW, keep)).toEqual({
      done: { status: 204, json: undefined }
    })
  })

  it('is done with json undefined for a body that is not JSON', () => {
    expect(interpretGitHubResponse(response(200, '<html>'), CALL, NOW, keep)).toEqual({
      done: { status: 200, json: undefined }
    })
  })

  it.each([404, 409])('is done on %i when the call lists it among its answers', (status) => {
    const call = { ...CALL, expected: [404, 409] }
    const outcome = interpretGitHubResponse(
      response(status, '{"message":"Not Found"}'),
      call,
      NOW,
      keep
    )
    expect(outcome).toEqual({ done: { status, json: { message: 'Not Found' } } })
  })

  it('still refuses a 403 when only 404 is an answer', () => {
    const call = { ...CALL, expected: [404] }
    expect(() => interpretGitHubResponse(response(403), call, NOW, keep)).toThrow(ActionError)
  })
})

describe('interpretGitHubResponse: refusals', () => {
  it.each([
    [401, '401 Unauthorized', 'Bad credentials'],
    [403, '403 Forbidden', 'Resource not accessible by personal access token'],
    [404, '404 Not Found', 'Not Found']
  ])(
    'throws on %i naming what failed, the status, the message and the permission',
    (status, text, message) => {
      const body = JSON.stringify({
        message,
        documentation_url: 'https://docs.github.com/rest',
        status: String(status)
      })
      const error = thrown(() => interpretGitHubResponse(response(status, body), CALL, NOW, keep))
      expect(error.message).toContain(`Could not ${CALL.what}: GitHub answered ${text}`)
      expect(error.message).toContain(`: ${message}`)
      expect(error.message).toContain(`Give \`github-token\` ${PERMISSION}`)
    }
  )

  it('throws on 401 with an empty body, still naming status and permission', () => {
    const error = thrown(() => interpretGitHubResponse(response(401), CALL, NOW, keep))
    expect(error.message).toContain('GitHub answered 401 Unauthorized.')
    expect(error.message).toContain(`Give \`github-token\` ${PERMISSION}`)
  })

  it('throws on 422 with the status and message but without the permission hint', () => {
    const body = '{"message":"Validation Failed","errors":[{"code":"invalid"}]}'
    const error = thrown(() => interpretGitHubResponse(response(422, body), CALL, NOW, keep))
    expect(error.message).toBe(
      `Could not ${CALL.what}: GitHub answered 422 Unprocessable Entity: Validation Failed.`
    )
    expect(error.message).not.toContain('Give `github-token`')
  })

  it('throws on a 403 whose rate limit is not spent (x-ratelimit-remaining above 0)', () => {
    const headers = {
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(NOW / 1000 + 60)
    }
    expect(() => interpretGitHubResponse(response(403, '', headers), CALL, NOW, keep)).toThrow(
      /Give `github-token`/
    )
  })
})

describe('interpretGitHubResponse: what a 404 can mean', () => {
  const call = { ...CALL, notFound: 'The environment "prod" may not exist in o/r.' }

  it('adds what else a 404 can mean here', () => {
    const error = thrown(() =>
      interpretGitHubResponse(response(404, '{"message":"Not Found"}'), call, NOW, keep)
    )
    expect(error.message).toContain(
      'GitHub answered 404 Not Found: Not Found. The environment "prod" may not exist in o/r. Give `github-token`'
    )
  })

  it.each([401, 403])('leaves it out of a %i', (status) => {
    const error = thrown(() => interpretGitHubResponse(response(status), call, NOW, keep))
    expect(error.message).not.toContain('may not exist')
  })
})

describe('interpretGitHubResponse: retries', () => {
  it('retries a 403 with Retry-After, waiting what it asks', () => {
    const body = '{"message":"You have exceeded a secondary rate limit."}'
    const outcome = interpretGitHubResponse(
      response(403, body, { 'retry-after': '30' }),
      CALL,
      NOW,
      keep
    )
    expect(outcome).toEqual({
      retry: 'GitHub answered 403 Forbidden: You have exceeded a secondary rate limit.',
      retryAfterMs: 30_000
    })
  })

  it('retries a secondary rate limit without Retry-After after a minute, as GitHub asks', () => {
    const body =
      '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes."}'
    const outcome = interpretGitHubResponse(response(403, body), CALL, NOW, keep)
    expect(outcome).toMatchObject({ retryAfterMs: 60_000 })
  })

  it('retries a 403 with a spent rate limit until x-ratelimit-reset, relative to now', () => {
    const headers = {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(NOW / 1000) + 42)
    }
    const outcome = interpretGitHubResponse(response(403, '', headers), CALL, NOW, keep)
    expect(outcome).toEqual({ retry: 'GitHub answered 403 Forbidden', retryAfterMs: 42_000 })
    const later = interpretGitHubResponse(response(403, '', headers), CALL, NOW + 40_000, keep)
    expect(later).toMatchObject({ retryAfterMs: 2000 })
  })

  it('retries a spent rate limit whose reset has passed at once', () => {
    const headers = {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(NOW / 1000) - 10)
    }
    expect(interpretGitHubResponse(response(403, '', headers), CALL, NOW, keep)).toMatchObject({
      retryAfterMs: 0
    })
  })

  it('prefers Retry-After to x-ratelimit-reset', () => {
    const headers = {
      'retry-after': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(NOW / 1000) + 42)
    }
    expect(interpretGitHubResponse(response(403, '', headers), CALL, NOW, keep)).toMatchObject({
      retryAfterMs: 5000
    })
  })

  it('retries a 429, with Retry-After when given and without otherwise', () => {
    expect(
      interpretGitHubResponse(response(429, '', { 'retry-after': '7' }), CALL, NOW, keep)
    ).toEqual({
      retry: 'GitHub answered 429 Too Many Requests',
      retryAfterMs: 7000
    })
    const bare = interpretGitHubResponse(response(429), CALL, NOW, keep)
    expect(bare).toMatchObject({ retry: 'GitHub answered 429 Too Many Requests' })
    expect('retryAfterMs' in bare ? bare.retryAfterMs : 'none').toBeUndefined()
  })

  it.each([
    [500, '500 Internal Server Error'],
    [502, '502 Bad Gateway'],
    [503, '503 Service Unavailable'],
    [504, '504 Gateway Timeout']
  ])('retries a %i', (status, text) => {
    const outcome = interpretGitHubResponse(
      response(status, '<html><title>Oops</title>'),
      CALL,
      NOW,
      keep
    )
    expect(outcome).toMatchObject({ retry: `GitHub answered ${text}: an HTML page titled "Oops"` })
  })
})

function github(send: Send, apiUrl = 'https://api.github.com', retries = 3) {
  const clock = new FakeClock(NOW)
  const log = vi.fn<(line: string) => void>()
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
    limit: new Limit(8)
  })
  return { gh, clock, log }
}

describe('createGitHub', () => {
  it('sends a GET with the GitHub headers, no content-type and no body', async () => {
    const { send, requests } = scriptedSend(response(200, '{"key_id":"k","key":"K"}'))
    const { gh } = github(send)
    await expect(gh(CALL)).resolves.toEqual({ status: 200, json: { key_id: 'k', key: 'K' } })
    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(request?.method).toBe('GET')
    expect(request?.url).toBe('https://api.github.com/repos/o/r/actions/secrets/public-key')
    expect(request?.headers).toEqual({
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28'
    })
    expect(request && 'body' in request).toBe(false)
  })

  it('sends a JSON body with content-type application/json', async () => {
    const { send, requests } = scriptedSend(response(201))
    const { gh } = github(send)
    const body = { encrypted_value: 'c2VhbGVk', key_id: 'k1' }
    await gh({ ...CALL, method: 'PUT', path: '/repos/o/r/actions/secrets/NAME', body })
    const [request] = requests
    expect(request?.method).toBe('PUT')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`)
    expect(JSON.parse(String(request?.body))).toEqual(body)
  })

  it.each(['POST', 'PATCH'] as const)('sends %s with its method and body', async (method) => {
    const { send, requests } = scriptedSend(response(201))
    const { gh } = github(send)
    await gh({ ...CALL, method, path: '/repos/o/r/actions/variables', body: { name: 'N' } })
    expect(requests[0]?.method).toBe(method)
    expect(requests[0]?.body).toBe('{"name":"N"}')
  })

  it.each([
    [
      'https://ghe.example.com/api/v3',
      'https://ghe.example.com/api/v3/orgs/acme/actions/secrets/public-key'
    ],
    [
      'https://ghe.example.com/api/v3/',
      'https://ghe.example.com/api/v3/orgs/acme/actions/secrets/public-key'
    ],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/orgs/acme/actions/secrets/public-key']
  ])('joins the path under the API URL %s', async (apiUrl, url) => {
    const { send, requests } = scriptedSend(response(200, '{}'))
    const { gh } = github(send, apiUrl)
    await gh({ ...CALL, path: '/orgs/acme/actions/secrets/public-key' })
    expect(requests[0]?.url).toBe(url)
  })

  it('retries a 502 once, then returns the success, after one recorded sleep', async () => {
    const { send, requests } = scriptedSend(
      response(502, 'Bad Gateway'),
      response(200, '{"ok":true}')
    )
    const { gh, clock, log } = github(send)
    await expect(gh(CALL)).resolves.toEqual({ status: 200, json: { ok: true } })
    expect(requests).toHaveLength(2)
    expect(requests[1]).toEqual(requests[0])
    expect(clock.sleeps).toEqual([500])
    expect(log).toHaveBeenCalledTimes(1)
    expect(log.mock.calls[0]?.[0]).toContain('Attempt 1 of 4 failed with GitHub answered 502')
  })

  it('waits what Retry-After of a secondary rate limit asks', async () => {
    const { send } = scriptedSend(response(403, '', { 'retry-after': '12' }), response(204))
    const { gh, clock } = github(send)
    await expect(gh(CALL)).resolves.toEqual({ status: 204, json: undefined })
    expect(clock.sleeps).toEqual([12_000])
  })

  it('gives up after retries + 1 attempts, naming what it could not do', async () => {
    const { send } = scriptedSend(response(503), response(503))
    const { gh } = github(send, 'https://api.github.com', 1)
    const error = await rejection(gh(CALL))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(
      `Could not ${CALL.what} after 2 attempts; the last one failed with GitHub answered 503`
    )
  })

  it('does not retry a refusal, and its error never contains the github token', async () => {
    const { send } = scriptedSend(
      response(401, '{"message":"Bad credentials","documentation_url":"https://docs.github.com"}')
    )
    const { gh, clock } = github(send)
    const error = await rejection(gh(CALL))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain('GitHub answered 401 Unauthorized: Bad credentials')
    expect(send).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
    expect(error.message).not.toContain(GITHUB_TOKEN)
    expect(String(error.stack)).not.toContain(GITHUB_TOKEN)
  })

  it.each([403, 404, 422])('never puts the github token in the error of a %i', async (status) => {
    const { send } = scriptedSend(response(status, '{"message":"nope"}'))
    const { gh } = github(send)
    const error = await rejection(gh(CALL))
    expect(error.message).toContain('nope')
    expect(error.message).not.toContain(GITHUB_TOKEN)
  })

  it('never puts the github token in the error once retries are used up', async () => {
    const { send, requests } = scriptedSend(response(500), response(500))
    const { gh, log } = github(send, 'https://api.github.com', 1)
    const error = await rejection(gh(CALL))
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`)
    expect(error.message).not.toContain(GITHUB_TOKEN)
    expect(JSON.stringify(log.mock.calls)).not.toContain(GITHUB_TOKEN)
  })
})

describe('parseTokenExpiration', () => {
  it('reads GitHub’s format, around spaces', () => {
    expect(parseTokenExpiration(' 2027-01-15 10:00:00 UTC ')).toEqual(
      new Date('2027-01-15T10:00:00Z')
    )
  })

  it.each([
    'x2027-01-15 10:00:00 UTC',
    '2027-01-15 10:00:00 UTCx',
    '2027-01-15T10:00:00Z',
    'soon',
    '2027-13-45 10:00:00 UTC'
  ])('ignores %j', (value) => {
    expect(parseTokenExpiration(value)).toBeUndefined()
  })
})

describe('createGitHub: the token expiration header', () => {
  it('tells onTokenExpiry the header when GitHub sends it, and only then', async () => {
    const seen: string[] = []
    const { send } = scriptedSend(
      response(200, '{}', { 'github-authentication-token-expiration': '2027-01-15 10:00:00 UTC' }),
      response(200, '{}')
    )
    const gh = createGitHub({
      apiUrl: new URL('https://api.github.com'),
      token: GITHUB_TOKEN,
      send,
      clock: new FakeClock(NOW),
      random: () => 0,
      log: () => {},
      retries: 0,
      timeoutMs: 1000,
      redact: keep,
      limit: new Limit(8),
      onTokenExpiry: (value) => void seen.push(value)
    })
    await gh(CALL)
    await gh(CALL)
    expect(seen).toEqual(['2027-01-15 10:00:00 UTC'])
  })
})

describe('interpretGitHubResponse: edges', () => {
  it('does not take a 300 for a success', () => {
    expect(() => interpretGitHubResponse(response(300), CALL, NOW, keep)).toThrow(ActionError)
  })

  it('does not retry a plain 403 whose rate limit reset is not a number', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1e9' }
    expect(() => interpretGitHubResponse(response(403, '', headers), CALL, NOW, keep)).toThrow(
      ActionError
    )
  })

  it('does not take "secondary rate limit" in another status for a rate limit', () => {
    const body = '{"message":"about the secondary rate limit"}'
    expect(() => interpretGitHubResponse(response(404, body), CALL, NOW, keep)).toThrow(ActionError)
  })
})

describe('interpretGitHubResponse: a moved repository', () => {
  const MOVED = 'https://api.github.com/repositories/42/actions/secrets/public-key'
  const ADVICE =
    'The repository o/r, as written in `secret-targets`, `secret-repository` or `secret-repositories`, was probably renamed or transferred: write its new owner/name there. The action does not follow redirects, so nothing was sent there.'

  it.each([
    ['the Location header', response(301, '', { location: MOVED }), `, pointing to ${MOVED}`],
    [
      "the body's url",
      response(301, JSON.stringify({ message: 'Moved Permanently', url: MOVED })),
      `, pointing to ${MOVED}`
    ],
    ['nothing', response(301), '']
  ])('names the repository and where GitHub points, from %s', (_, answer, pointing) => {
    expect(thrown(() => interpretGitHubResponse(answer, CALL, NOW, keep)).message).toBe(
      `Could not ${CALL.what}: GitHub answered 301 Moved Permanently${pointing}. ${ADVICE}`
    )
  })

  it('says less for a path outside a repository, and redacts where it points', () => {
    const call = { ...CALL, path: '/orgs/acme/actions/secrets/public-key' }
    const answer = response(307, '', { location: `https://x.example/?t=${GITHUB_TOKEN}` })
    expect(
      thrown(() =>
        interpretGitHubResponse(answer, call, NOW, (t) => t.replace(GITHUB_TOKEN, '***'))
      ).message
    ).toBe(
      `Could not ${CALL.what}: GitHub answered 307 Temporary Redirect, pointing to https://x.example/?t=***. Check \`github-api-url\` and the names in the inputs. The action does not follow redirects, so nothing was sent there.`
    )
  })
})
