import { readFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import sodium from 'libsodium-wrappers'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_TOKEN,
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from './github.ts'

/** GitHub's documented bodies: the expectations come from them, not from the fake. */
function fixture(name: string): Record<string, unknown> {
  const path = new URL(`../fixtures/github/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
}
const keysOf = (name: string): string[] => Object.keys(fixture(name))

interface Answer {
  status: number
  headers: Headers
  body: unknown
}

async function call(
  gh: FakeGitHub,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown } = {}
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' }
  const token = options.token === undefined ? DEFAULT_TOKEN : options.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  const init: RequestInit = { method, headers }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  const response = await fetch(`${gh.url}${path}`, init)
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown)
  }
}

function seal(value: string, key: string): string {
  const box = sodium.crypto_box_seal(
    value,
    sodium.from_base64(key, sodium.base64_variants.ORIGINAL)
  )
  return sodium.to_base64(box, sodium.base64_variants.ORIGINAL)
}

/** Writes a secret the way the action does: read the store's key, seal, PUT. */
async function write(
  gh: FakeGitHub,
  base: string,
  name: string,
  value: string,
  extra: Record<string, unknown> = {},
  token?: string
): Promise<Answer> {
  const as = token === undefined ? {} : { token }
  const key = await call(gh, 'GET', `${base}/secrets/public-key`, as)
  const { key_id, key: publicKey } = key.body as { key_id: string; key: string }
  return call(gh, 'PUT', `${base}/secrets/${name}`, {
    body: { encrypted_value: seal(value, publicKey), key_id, ...extra },
    ...as
  })
}

const STORES = [
  { scope: 'actions:repo:acme/app', base: '/repos/acme/app/actions' },
  { scope: 'actions:env:acme/app:production', base: '/repos/acme/app/environments/production' },
  { scope: 'actions:org:acme', base: '/orgs/acme/actions' },
  { scope: 'dependabot:repo:acme/app', base: '/repos/acme/app/dependabot' },
  { scope: 'dependabot:org:acme', base: '/orgs/acme/dependabot' },
  { scope: 'codespaces:repo:acme/app', base: '/repos/acme/app/codespaces' },
  { scope: 'codespaces:org:acme', base: '/orgs/acme/codespaces' }
]
const ACTIONS = STORES.filter(({ scope }) => scope.startsWith('actions:'))

let gh: FakeGitHub
let started: FakeGitHub[] = []
async function start(options?: FakeGitHubOptions): Promise<FakeGitHub> {
  const fake = await startFakeGitHub(options)
  started.push(fake)
  return fake
}
beforeAll(() => sodium.ready)
beforeEach(async () => {
  gh = await start({ repos: ['acme/app', 'acme/web'] })
})
afterEach(async () => {
  await Promise.all(started.map((fake) => fake.close()))
  started = []
})

describe('secrets', () => {
  it.each(STORES)(
    '$scope: decrypts what is sealed with its key; answers GitHub’s shapes',
    async ({ scope, base }) => {
      const key = await call(gh, 'GET', `${base}/secrets/public-key`)
      expect(key.status).toBe(200)
      expect(Object.keys(key.body as object)).toEqual(keysOf('public-key'))
      expect(key.body).toEqual({ key_id: gh.publicKey(scope).keyId, key: gh.publicKey(scope).key })
      expect(await call(gh, 'GET', `${base}/secrets/PERSONR_TOKEN`)).toMatchObject({
        status: 404,
        body: fixture('not-found')
      })

      const org = scope.includes(':org:') ? { visibility: 'private' } : {}
      expect(await write(gh, base, 'PERSONR_TOKEN', 'bus|1|first', org)).toMatchObject({
        status: 201
      })
      expect(await write(gh, base, 'personr_token', 'bus|2|second', org)).toMatchObject({
        status: 204
      })
      expect(gh.secret(scope, 'PERSONR_TOKEN')).toMatchObject({
        value: 'bus|2|second',
        keyId: gh.publicKey(scope).keyId,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as unknown
      })

      const meta = await call(gh, 'GET', `${base}/secrets/PERSONR_TOKEN`)
      expect(meta.status).toBe(200)
      // An organization secret that is not `selected` has no selected_repositories_url.
      const documented = keysOf(org.visibility ? 'org-secret' : 'secret').filter(
        (key) => key !== 'selected_repositories_url'
      )
      expect(Object.keys(meta.body as object)).toEqual(documented)
      expect(meta.body).toMatchObject({ name: 'PERSONR_TOKEN', ...org })
    }
  )

  it('gives every store its own key pair and refuses a value it cannot open', async () => {
    const keys = STORES.map(({ scope }) => gh.publicKey(scope))
    expect(new Set(keys.map((key) => key.key)).size).toBe(STORES.length)
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(STORES.length)
    const [repo, , , dependabot] = keys
    const path = '/repos/acme/app/actions/secrets/PERSONR_TOKEN'
    for (const body of [
      { encrypted_value: seal('x', dependabot?.key ?? ''), key_id: repo?.keyId },
      { encrypted_value: seal('x', repo?.key ?? ''), key_id: dependabot?.keyId },
      { key_id: repo?.keyId }
    ]) {
      expect(await call(gh, 'PUT', path, { body })).toMatchObject({
        status: 422,
        body: fixture('improperly-encrypted')
      })
    }
    expect(gh.secret('actions:repo:acme/app', 'PERSONR_TOKEN')).toBeUndefined()
  })

  it('takes the scope keys of before as the Actions stores', () => {
    expect(gh.publicKey('repo:acme/app')).toEqual(gh.publicKey('actions:repo:acme/app'))
    expect(gh.publicKey('env:Acme/App:production')).toEqual(
      gh.publicKey('actions:env:acme/app:production')
    )
    expect(gh.publicKey('org:acme')).toEqual(gh.publicKey('actions:org:acme'))
    expect(() => gh.publicKey('dependabot:env:acme/app:production')).toThrow(/not a scope key/)
  })

  it('stores an organization secret’s visibility and repository ids as sent', async () => {
    const selected = { visibility: 'selected', selected_repository_ids: [1001, 1002] }
    await write(gh, '/orgs/acme/dependabot', 'PERSONR_TOKEN', 'bus|org', selected)
    expect(gh.secret('dependabot:org:acme', 'PERSONR_TOKEN')).toMatchObject({
      value: 'bus|org',
      visibility: 'selected',
      selectedRepositoryIds: [1001, 1002]
    })
    const meta = await call(gh, 'GET', '/orgs/acme/dependabot/secrets/PERSONR_TOKEN')
    expect(Object.keys(meta.body as object)).toEqual(keysOf('org-secret'))
    expect(meta.body).toMatchObject({
      visibility: 'selected',
      selected_repositories_url: `${gh.url}/orgs/acme/dependabot/secrets/PERSONR_TOKEN/repositories`
    })
  })

  it('reports updated_at of a secret set as written days ago, and stamps writes with `now`', async () => {
    gh.setSecret('codespaces:repo:acme/app', 'OLD', 'v', {
      updatedAt: new Date('2025-01-02T03:04:05.678Z')
    })
    const old = await call(gh, 'GET', '/repos/acme/app/codespaces/secrets/OLD')
    expect(old.body).toMatchObject({ name: 'OLD', updated_at: '2025-01-02T03:04:05Z' })

    const fake = await start({ now: () => Date.UTC(2030, 5, 1) })
    await write(fake, '/repos/acme/app/actions', 'NEW', 'v')
    expect(fake.secret('repo:acme/app', 'NEW')?.updatedAt).toBe('2030-06-01T00:00:00Z')
  })
})

describe('variables', () => {
  it.each(ACTIONS)('$scope: POST 201, GET 200, PATCH 204, absent 404', async ({ scope, base }) => {
    const org = scope.includes(':org:') ? { visibility: 'all' } : {}
    const body = { name: 'PERSONR_TOKEN_EXPIRES_AT', value: '2026-01-01T00:00:00Z', ...org }
    expect(await call(gh, 'POST', `${base}/variables`, { body })).toMatchObject({ status: 201 })
    expect(gh.variable(scope, 'personr_token_expires_at')).toBe('2026-01-01T00:00:00Z')
    expect((await call(gh, 'POST', `${base}/variables`, { body })).status).toBe(409)

    const patched = await call(gh, 'PATCH', `${base}/variables/PERSONR_TOKEN_EXPIRES_AT`, {
      body: { ...body, value: '2027-01-01T00:00:00Z' }
    })
    expect(patched).toMatchObject({ status: 204, body: undefined })
    const read = await call(gh, 'GET', `${base}/variables/PERSONR_TOKEN_EXPIRES_AT`)
    expect(read.status).toBe(200)
    const documented = keysOf(org.visibility ? 'org-variable' : 'variable').filter(
      (key) => key !== 'selected_repositories_url'
    )
    expect(Object.keys(read.body as object)).toEqual(documented)
    expect(read.body).toMatchObject({
      name: 'PERSONR_TOKEN_EXPIRES_AT',
      value: '2027-01-01T00:00:00Z',
      ...org
    })

    expect(await call(gh, 'GET', `${base}/variables/ABSENT`)).toMatchObject({
      status: 404,
      body: fixture('not-found')
    })
    const patchAbsent = await call(gh, 'PATCH', `${base}/variables/ABSENT`, {
      body: { value: 'x' }
    })
    expect(patchAbsent).toMatchObject({ status: 404, body: fixture('not-found') })
    expect(gh.variable(scope, 'ABSENT')).toBeUndefined()
  })

  it('serves what setVariable stored; Dependabot and Codespaces have no variables', async () => {
    gh.setVariable('env:acme/app:production', 'EXPIRES_AT', '2030-05-05T00:00:00Z')
    const read = await call(
      gh,
      'GET',
      '/repos/acme/app/environments/production/variables/EXPIRES_AT'
    )
    expect(read.body).toMatchObject({ name: 'EXPIRES_AT', value: '2030-05-05T00:00:00Z' })
    expect(gh.variable('repo:acme/app', 'EXPIRES_AT')).toBeUndefined()
    for (const path of [
      '/repos/acme/app/dependabot/variables',
      '/orgs/acme/codespaces/variables'
    ]) {
      expect((await call(gh, 'POST', path, { body: { name: 'A', value: 'b' } })).status).toBe(404)
    }
  })
})

describe('routes', () => {
  it('answers the repository lookup with the documented body and its own id', async () => {
    const answer = await call(gh, 'GET', '/repos/Acme/App')
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body as object)).toEqual(keysOf('repository'))
    expect(answer.body).toMatchObject({
      id: gh.repoIds['acme/app'],
      name: 'app',
      full_name: 'acme/app',
      owner: { login: 'acme' }
    })
    gh.repoIds['acme/other'] = 77
    expect((await call(gh, 'GET', '/repos/acme/other')).body).toMatchObject({ id: 77 })
    expect(await call(gh, 'GET', '/repos/acme/nothing')).toMatchObject({
      status: 404,
      body: fixture('not-found')
    })
  })

  it('answers 404 for every route and method the action does not use', async () => {
    for (const [method, path] of [
      ['GET', '/user'],
      ['GET', '/repos/acme/app/actions/secrets'],
      ['GET', '/repos/acme/app/actions/variables'],
      ['DELETE', '/repos/acme/app/actions/secrets/X'],
      ['POST', '/repos/acme/app/actions/secrets/public-key'],
      ['GET', '/repos/acme/app/actions/secrets/public-key/'],
      ['GET', '/repos/acme/app/environments/production/secrets/X/extra']
    ] as const) {
      expect(await call(gh, method, path), `${method} ${path}`).toMatchObject({
        status: 404,
        body: fixture('not-found')
      })
    }
  })
})

describe('requests', () => {
  it('records method, path, headers, parsed body and times', async () => {
    const before = performance.now()
    await call(gh, 'POST', '/repos/acme/app/actions/variables?x=1', {
      body: { name: 'A', value: 'b' }
    })
    const [recorded] = gh.requests
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/repos/acme/app/actions/variables?x=1',
      body: { name: 'A', value: 'b' },
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' }
    })
    expect(recorded?.start).toBeGreaterThanOrEqual(before)
    expect(recorded?.end).toBeGreaterThanOrEqual(recorded?.start ?? Infinity)
  })

  it('holds each answer for delayMs, so concurrent reads overlap in the record', async () => {
    const fake = await start({ delayMs: 300 })
    await Promise.all(STORES.map(({ base }) => call(fake, 'GET', `${base}/secrets/public-key`)))
    const { requests } = fake
    expect(requests).toHaveLength(STORES.length)
    for (const r of requests) expect(r.end - r.start).toBeGreaterThanOrEqual(299)
    const lastStart = Math.max(...requests.map((r) => r.start))
    const firstEnd = Math.min(...requests.map((r) => r.end))
    expect(lastStart).toBeLessThan(firstEnd)
  })

  it('holds only the first answer on a connection for connectionDelayMs', async () => {
    const fake = await start({ connectionDelayMs: 500 })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const get = () =>
      new Promise<boolean>((resolve, reject) => {
        const req = httpRequest(
          `${fake.url}/orgs/acme/actions/secrets/public-key`,
          { agent, headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } },
          (res) => {
            res.resume()
            res.on('end', () => resolve(req.reusedSocket))
          }
        )
        req.on('error', reject)
        req.end()
      })
    expect([await get(), await get()]).toEqual([false, true])
    agent.destroy()
    const [first, second] = fake.requests.map((r) => r.end - r.start)
    expect(first).toBeGreaterThanOrEqual(499)
    expect(second).toBeLessThan(500)
  })
})

describe('fail()', () => {
  it('answers matching requests `times` times, before authentication, then normally', async () => {
    gh.fail({
      method: 'get',
      path: /public-key$/,
      status: 503,
      headers: { 'Retry-After': '2' },
      times: 2
    })
    for (let i = 0; i < 2; i++) {
      const failed = await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key', { token: null })
      expect(failed).toMatchObject({ status: 503, body: { message: 'Service Unavailable' } })
      expect(failed.headers.get('retry-after')).toBe('2')
    }
    expect((await call(gh, 'GET', '/orgs/acme/actions/variables/X')).status).toBe(404)
    expect((await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')).status).toBe(200)
  })

  it('can forge a 200 answer, send an HTML page, and last forever', async () => {
    gh.fail({ path: /public-key$/, status: 200, body: { key_id: '1', key: 'AAAA' } })
    expect((await call(gh, 'GET', '/repos/acme/app/actions/secrets/public-key')).body).toEqual({
      key_id: '1',
      key: 'AAAA'
    })
    gh.fail({ status: 502, body: '<html>Bad Gateway</html>', times: Infinity })
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${gh.url}/repos/acme/app`)
      expect(response.status).toBe(502)
      expect(await response.text()).toBe('<html>Bad Gateway</html>')
    }
  })
})

describe('tokens', () => {
  const TOKENS = {
    ghp_reader: ['read:actions:repo:acme/app', 'read:dependabot:repo:acme/app'],
    ghp_app: ['actions:repo:acme/app'],
    ghp_org: ['write:dependabot:org:acme'],
    ghp_dated: { grants: '*' as const, expiresAt: '2027-01-15 10:00:00 UTC' }
  }

  it('answers 401 Bad credentials without a token or for an unknown one', async () => {
    const fake = await start({ tokens: TOKENS })
    for (const token of [null, 'ghp_revoked', DEFAULT_TOKEN]) {
      expect(await call(fake, 'GET', '/repos/acme/app', { token })).toMatchObject({
        status: 401,
        body: fixture('bad-credentials')
      })
    }
  })

  it('lets a read-only grant read, and refuses its writes with 403', async () => {
    const fake = await start({ tokens: TOKENS })
    const reader = { token: 'ghp_reader' }
    for (const base of ['/repos/acme/app/actions', '/repos/acme/app/dependabot']) {
      expect((await call(fake, 'GET', `${base}/secrets/public-key`, reader)).status).toBe(200)
      expect(await write(fake, base, 'PERSONR_TOKEN', 'x', {}, 'ghp_reader')).toMatchObject({
        status: 403,
        body: fixture('not-accessible')
      })
    }
    for (const [method, path] of [
      ['POST', '/repos/acme/app/actions/variables'],
      ['PATCH', '/repos/acme/app/actions/variables/A']
    ] as const) {
      expect(
        (await call(fake, method, path, { ...reader, body: { name: 'A', value: 'b' } })).status
      ).toBe(403)
    }
    expect(fake.secret('repo:acme/app', 'PERSONR_TOKEN')).toBeUndefined()
    expect(fake.variable('repo:acme/app', 'A')).toBeUndefined()
  })

  it('hides repositories without a grant (404), refuses other stores and organizations (403)', async () => {
    const fake = await start({ tokens: TOKENS, repos: ['acme/app', 'acme/web'] })
    const app = { token: 'ghp_app' }
    expect((await call(fake, 'GET', '/repos/acme/app', app)).status).toBe(200)
    expect(
      (await write(fake, '/repos/acme/app/environments/production', 'T', 'x', {}, 'ghp_app')).status
    ).toBe(201)
    for (const path of ['/repos/acme/web', '/repos/acme/web/actions/secrets/public-key']) {
      expect(await call(fake, 'GET', path, app)).toMatchObject({
        status: 404,
        body: fixture('not-found')
      })
    }
    for (const path of [
      '/repos/acme/app/codespaces/secrets/public-key',
      '/orgs/acme/actions/secrets/public-key'
    ]) {
      expect(await call(fake, 'GET', path, app)).toMatchObject({
        status: 403,
        body: fixture('not-accessible')
      })
    }
    const org = { token: 'ghp_org' }
    expect(
      (await write(fake, '/orgs/acme/dependabot', 'T', 'x', { visibility: 'all' }, 'ghp_org'))
        .status
    ).toBe(201)
    expect((await call(fake, 'GET', '/repos/acme/web', org)).status).toBe(200)
    expect(
      (await call(fake, 'GET', '/repos/acme/web/dependabot/secrets/public-key', org)).status
    ).toBe(403)
  })

  it('sends the token’s expiration on every answer to it, and only to it', async () => {
    const fake = await start({ tokens: { ...TOKENS, [DEFAULT_TOKEN]: '*' } })
    for (const path of ['/repos/acme/app', '/repos/acme/app/actions/secrets/X', '/user']) {
      const answer = await call(fake, 'GET', path, { token: 'ghp_dated' })
      expect(answer.headers.get('github-authentication-token-expiration'), path).toBe(
        '2027-01-15 10:00:00 UTC'
      )
    }
    const other = await call(fake, 'GET', '/repos/acme/app')
    expect(other.headers.get('github-authentication-token-expiration')).toBeNull()
  })
})

describe('send', () => {
  it('goes through the same handler and record without a socket', async () => {
    const signal = new AbortController().signal
    const { keyId: key_id, key } = gh.publicKey('dependabot:repo:acme/app')
    const put = await gh.send(
      {
        method: 'PUT',
        url: `${gh.url}/repos/acme/app/dependabot/secrets/PERSONR_TOKEN`,
        input: 'github-api-url',
        headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ encrypted_value: seal('bus|in|process', key), key_id })
      },
      signal
    )
    expect(put).toMatchObject({ status: 201, bodyTooLarge: false })
    expect(gh.secret('dependabot:repo:acme/app', 'PERSONR_TOKEN')?.value).toBe('bus|in|process')
    const get = await gh.send(
      { method: 'GET', url: `${gh.url}/repos/acme/app`, input: 'github-api-url', headers: {} },
      signal
    )
    expect(get.status).toBe(401)
    expect(JSON.parse(get.body)).toEqual(fixture('bad-credentials'))
    expect(get.headers['content-type']).toMatch(/^application\/json/)
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /repos/acme/app/dependabot/secrets/PERSONR_TOKEN',
      'GET /repos/acme/app'
    ])
    expect(gh.requests[0]?.headers['content-type']).toBe('application/json')
  })

  it('rejects when the signal aborts while the answer is held', async () => {
    const fake = await start({ delayMs: 60_000 })
    const controller = new AbortController()
    const sent = fake.send(
      { method: 'GET', url: `${fake.url}/repos/acme/app`, input: 'github-api-url', headers: {} },
      controller.signal
    )
    controller.abort(new Error('deadline'))
    await expect(sent).rejects.toThrow('deadline')
    expect(fake.requests[0]?.end).toBeLessThan(Infinity)
  })
})

describe('close()', () => {
  it('resolves with a keep-alive connection open, twice, and stops answering', async () => {
    const fake = await startFakeGitHub()
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await call(fake, 'GET', '/orgs/acme/actions/secrets/public-key')).status).toBe(200)
    await expect(fake.close()).resolves.toBeUndefined()
    await expect(fake.close()).resolves.toBeUndefined()
    await expect(fetch(`${fake.url}/repos/acme/app`)).rejects.toThrow()
  })
})
