import { request as httpRequest } from 'node:http'
import sodium from 'libsodium-wrappers'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_TOKEN,
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from './github.ts'

interface Answer {
  status: number
  headers: Headers
  body: unknown
}

interface CallOptions {
  token?: string | null
  scheme?: string
  body?: unknown
  headers?: Record<string, string>
}

async function call(
  gh: FakeGitHub,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<Answer> {
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'user-agent': 'fake-github-test',
    ...options.headers
  }
  const token = options.token === undefined ? DEFAULT_TOKEN : options.token
  if (token !== null) headers.authorization = `${options.scheme ?? 'Bearer'} ${token}`
  const init: RequestInit = { method, headers }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  const response = await fetch(`${gh.url}${path}`, init)
  const text = await response.text()
  let body: unknown = undefined
  if (text !== '') {
    try {
      body = JSON.parse(text) as unknown
    } catch {
      body = text
    }
  }
  return { status: response.status, headers: response.headers, body }
}

function seal(value: string, key: string): string {
  const sealed = sodium.crypto_box_seal(
    value,
    sodium.from_base64(key, sodium.base64_variants.ORIGINAL)
  )
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL)
}

async function fetchKey(gh: FakeGitHub, base: string): Promise<{ key_id: string; key: string }> {
  const answer = await call(gh, 'GET', `${base}/secrets/public-key`)
  expect(answer.status).toBe(200)
  return answer.body as { key_id: string; key: string }
}

const SCOPES = [
  { label: 'repository', scope: 'repo:acme/widgets', base: '/repos/acme/widgets/actions' },
  {
    label: 'environment',
    scope: 'env:acme/widgets:production',
    base: '/repos/acme/widgets/environments/production'
  },
  { label: 'organization', scope: 'org:acme', base: '/orgs/acme/actions' }
] as const

/** The extra fields an organization-level write needs. */
function extra(label: string): Record<string, unknown> {
  return label === 'organization' ? { visibility: 'all' } : {}
}

let gh: FakeGitHub
let others: FakeGitHub[] = []

async function start(options?: FakeGitHubOptions): Promise<FakeGitHub> {
  const started = await startFakeGitHub(options)
  others.push(started)
  return started
}

beforeAll(async () => {
  await sodium.ready
})

beforeEach(async () => {
  gh = await start()
})

afterEach(async () => {
  await Promise.all(others.map((server) => server.close()))
  others = []
})

describe('secrets', () => {
  it.each(SCOPES)(
    '$label: stores the decrypted value, 201 on create then 204 on update',
    async ({ label, scope, base }) => {
      const { key_id, key } = await fetchKey(gh, base)
      expect(gh.publicKey(scope)).toEqual({ keyId: key_id, key })
      expect(sodium.from_base64(key, sodium.base64_variants.ORIGINAL)).toHaveLength(32)

      const first = await call(gh, 'PUT', `${base}/secrets/PERSONR_TOKEN`, {
        body: { encrypted_value: seal('bus|1|first', key), key_id, ...extra(label) }
      })
      expect(first.status).toBe(201)
      expect(gh.secret(scope, 'PERSONR_TOKEN')).toMatchObject({
        value: 'bus|1|first',
        keyId: key_id
      })

      const second = await call(gh, 'PUT', `${base}/secrets/PERSONR_TOKEN`, {
        body: { encrypted_value: seal('bus|2|second', key), key_id, ...extra(label) }
      })
      expect(second.status).toBe(204)
      expect(second.body).toBeUndefined()
      expect(gh.secret(scope, 'PERSONR_TOKEN')?.value).toBe('bus|2|second')
      expect(gh.secret(scope, 'PERSONR_TOKEN')?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT[\d:]{8}Z$/)
    }
  )

  it('gives each scope its own key pair', () => {
    const keys = SCOPES.map(({ scope }) => gh.publicKey(scope))
    expect(new Set(keys.map((key) => key.key)).size).toBe(3)
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(3)
    expect(gh.publicKey('repo:acme/widgets')).toEqual(keys[0])
  })

  it('keeps secrets apart per scope', async () => {
    const { key_id, key } = await fetchKey(gh, '/repos/acme/widgets/actions')
    await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/ONLY_REPO', {
      body: { encrypted_value: seal('x', key), key_id }
    })
    expect(gh.secret('repo:acme/widgets', 'ONLY_REPO')?.value).toBe('x')
    expect(gh.secret('env:acme/widgets:production', 'ONLY_REPO')).toBeUndefined()
    expect(gh.secret('repo:acme/other', 'ONLY_REPO')).toBeUndefined()
  })

  it('treats secret names case-insensitively and stores them uppercased', async () => {
    const { key_id, key } = await fetchKey(gh, '/repos/acme/widgets/actions')
    const created = await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/personr_token', {
      body: { encrypted_value: seal('one', key), key_id }
    })
    expect(created.status).toBe(201)
    const updated = await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/Personr_Token', {
      body: { encrypted_value: seal('two', key), key_id }
    })
    expect(updated.status).toBe(204)
    expect(gh.secret('repo:acme/widgets', 'PERSONR_TOKEN')?.value).toBe('two')
    expect(gh.secret('REPO:Acme/Widgets', 'personr_token')?.value).toBe('two')
    const meta = await call(gh, 'GET', '/repos/acme/widgets/actions/secrets/personr_token')
    expect(meta.status).toBe(200)
    expect(meta.body).toMatchObject({ name: 'PERSONR_TOKEN' })
    expect(meta.body).not.toHaveProperty('value')
  })

  it('answers 422 for a key_id that is not the scope key and stores nothing', async () => {
    const { key } = await fetchKey(gh, '/repos/acme/widgets/actions')
    const answer = await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/PERSONR_TOKEN', {
      body: { encrypted_value: seal('bus|1', key), key_id: '1234' }
    })
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ message: expect.stringMatching(/key_id/) as unknown })
    expect(gh.secret('repo:acme/widgets', 'PERSONR_TOKEN')).toBeUndefined()
  })

  it('answers 422 for a value that does not decrypt with the scope key', async () => {
    const repoKey = await fetchKey(gh, '/repos/acme/widgets/actions')
    const orgKey = gh.publicKey('org:acme')
    const wrongKey = await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/PERSONR_TOKEN', {
      body: { encrypted_value: seal('bus|1', orgKey.key), key_id: repoKey.key_id }
    })
    expect(wrongKey.status).toBe(422)
    const notBase64 = await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/PERSONR_TOKEN', {
      body: { encrypted_value: 'not base64 at all!', key_id: repoKey.key_id }
    })
    expect(notBase64.status).toBe(422)
    expect(gh.secret('repo:acme/widgets', 'PERSONR_TOKEN')).toBeUndefined()
  })

  it('answers 422 when fields are missing, 400 for a body that is not JSON', async () => {
    const { key_id, key } = await fetchKey(gh, '/repos/acme/widgets/actions')
    const path = '/repos/acme/widgets/actions/secrets/PERSONR_TOKEN'
    expect((await call(gh, 'PUT', path, { body: { key_id } })).status).toBe(422)
    expect(
      (await call(gh, 'PUT', path, { body: { encrypted_value: seal('x', key) } })).status
    ).toBe(422)
    expect((await call(gh, 'PUT', path)).status).toBe(422)
    const garbage = await fetch(`${gh.url}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'user-agent': 'test' },
      body: 'email=a&password=b'
    })
    expect(garbage.status).toBe(400)
    expect(gh.secret('repo:acme/widgets', 'PERSONR_TOKEN')).toBeUndefined()
  })

  it('answers 422 for names GitHub refuses', async () => {
    const { key_id, key } = await fetchKey(gh, '/repos/acme/widgets/actions')
    for (const name of ['personr-token', 'GITHUB_TOKEN', '1TOKEN']) {
      const answer = await call(gh, 'PUT', `/repos/acme/widgets/actions/secrets/${name}`, {
        body: { encrypted_value: seal('x', key), key_id }
      })
      expect(answer.status, name).toBe(422)
    }
  })
})

describe('organization visibility', () => {
  async function putOrg(body: Record<string, unknown>): Promise<Answer> {
    const { key_id, key } = await fetchKey(gh, '/orgs/acme/actions')
    return call(gh, 'PUT', '/orgs/acme/actions/secrets/PERSONR_TOKEN', {
      body: { encrypted_value: seal('bus|org', key), key_id, ...body }
    })
  }

  it('answers 422 for a secret without visibility or with an unknown one', async () => {
    expect((await putOrg({})).status).toBe(422)
    expect((await putOrg({ visibility: 'public' })).status).toBe(422)
    expect(gh.secret('org:acme', 'PERSONR_TOKEN')).toBeUndefined()
  })

  it('answers 422 for visibility selected without selected_repository_ids', async () => {
    expect((await putOrg({ visibility: 'selected' })).status).toBe(422)
    expect((await putOrg({ visibility: 'selected', selected_repository_ids: ['x'] })).status).toBe(
      422
    )
    expect(gh.secret('org:acme', 'PERSONR_TOKEN')).toBeUndefined()
  })

  it('stores visibility and the selected repository ids', async () => {
    expect((await putOrg({ visibility: 'private' })).status).toBe(201)
    expect(gh.secret('org:acme', 'PERSONR_TOKEN')).toMatchObject({ visibility: 'private' })
    expect(gh.secret('org:acme', 'PERSONR_TOKEN')).not.toHaveProperty('selectedRepositoryIds')

    const selected = await putOrg({ visibility: 'selected', selected_repository_ids: [1001, 1002] })
    expect(selected.status).toBe(204)
    expect(gh.secret('org:acme', 'PERSONR_TOKEN')).toMatchObject({
      value: 'bus|org',
      visibility: 'selected',
      selectedRepositoryIds: [1001, 1002]
    })
  })

  it('requires visibility when creating an organization variable and reports it on GET', async () => {
    const missing = await call(gh, 'POST', '/orgs/acme/actions/variables', {
      body: { name: 'EXPIRES', value: '2026' }
    })
    expect(missing.status).toBe(422)
    const selectedNoIds = await call(gh, 'POST', '/orgs/acme/actions/variables', {
      body: { name: 'EXPIRES', value: '2026', visibility: 'selected' }
    })
    expect(selectedNoIds.status).toBe(422)
    expect(gh.variable('org:acme', 'EXPIRES')).toBeUndefined()

    const created = await call(gh, 'POST', '/orgs/acme/actions/variables', {
      body: { name: 'EXPIRES', value: '2026', visibility: 'selected', selected_repository_ids: [7] }
    })
    expect(created.status).toBe(201)
    const read = await call(gh, 'GET', '/orgs/acme/actions/variables/EXPIRES')
    expect(read.body).toMatchObject({ name: 'EXPIRES', value: '2026', visibility: 'selected' })
  })
})

describe('variables', () => {
  it.each(SCOPES)(
    '$label: create 201, again 409, patch 204, get 200, absent 404',
    async ({ label, scope, base }) => {
      const created = await call(gh, 'POST', `${base}/variables`, {
        body: { name: 'personr_token_expires', value: '2026-01-01T00:00:00Z', ...extra(label) }
      })
      expect(created.status).toBe(201)
      expect(gh.variable(scope, 'PERSONR_TOKEN_EXPIRES')).toBe('2026-01-01T00:00:00Z')

      const again = await call(gh, 'POST', `${base}/variables`, {
        body: { name: 'PERSONR_TOKEN_EXPIRES', value: 'other', ...extra(label) }
      })
      expect(again.status).toBe(409)
      expect(gh.variable(scope, 'PERSONR_TOKEN_EXPIRES')).toBe('2026-01-01T00:00:00Z')

      const patched = await call(gh, 'PATCH', `${base}/variables/PERSONR_TOKEN_EXPIRES`, {
        body: { name: 'PERSONR_TOKEN_EXPIRES', value: '2027-01-01T00:00:00Z' }
      })
      expect(patched.status).toBe(204)

      const read = await call(gh, 'GET', `${base}/variables/personr_token_expires`)
      expect(read.status).toBe(200)
      expect(read.body).toMatchObject({
        name: 'PERSONR_TOKEN_EXPIRES',
        value: '2027-01-01T00:00:00Z',
        created_at: expect.any(String) as unknown,
        updated_at: expect.any(String) as unknown
      })

      const absent = await call(gh, 'GET', `${base}/variables/NOT_THERE`)
      expect(absent.status).toBe(404)
      expect(absent.body).toEqual({ message: 'Not Found' })

      const patchAbsent = await call(gh, 'PATCH', `${base}/variables/NOT_THERE`, {
        body: { value: 'x' }
      })
      expect(patchAbsent.status).toBe(404)
      expect(gh.variable(scope, 'NOT_THERE')).toBeUndefined()
    }
  )

  it('serves variables set by the test through setVariable', async () => {
    gh.setVariable('env:acme/widgets:production', 'expires_at', '2030-05-05T00:00:00Z')
    const read = await call(
      gh,
      'GET',
      '/repos/acme/widgets/environments/production/variables/EXPIRES_AT'
    )
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ name: 'EXPIRES_AT', value: '2030-05-05T00:00:00Z' })
    gh.setVariable('env:acme/widgets:production', 'EXPIRES_AT', 'later')
    expect(gh.variable('env:acme/widgets:production', 'expires_at')).toBe('later')
    expect(gh.variable('repo:acme/widgets', 'EXPIRES_AT')).toBeUndefined()
  })

  it('renames a variable through PATCH name, and lists them', async () => {
    await call(gh, 'POST', '/repos/acme/widgets/actions/variables', {
      body: { name: 'OLD', value: 'v' }
    })
    const renamed = await call(gh, 'PATCH', '/repos/acme/widgets/actions/variables/OLD', {
      body: { name: 'NEW' }
    })
    expect(renamed.status).toBe(204)
    expect(gh.variable('repo:acme/widgets', 'OLD')).toBeUndefined()
    expect(gh.variable('repo:acme/widgets', 'NEW')).toBe('v')
    const list = await call(gh, 'GET', '/repos/acme/widgets/actions/variables')
    expect(list.body).toMatchObject({ total_count: 1, variables: [{ name: 'NEW', value: 'v' }] })
  })
})

describe('authentication and authorization', () => {
  it('answers 401 Bad credentials without a token or with an unknown one', async () => {
    const missing = await call(gh, 'GET', '/repos/acme/widgets/actions/secrets/public-key', {
      token: null
    })
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ message: 'Bad credentials', status: '401' })
    expect(missing.body).toHaveProperty('documentation_url')

    const unknown = await call(gh, 'GET', '/repos/acme/widgets/actions/secrets/public-key', {
      token: 'ghp_nobody'
    })
    expect(unknown.status).toBe(401)
    expect(unknown.body).toMatchObject({ message: 'Bad credentials' })

    const wrongScheme = await call(gh, 'GET', '/repos/acme/widgets/actions/secrets/public-key', {
      scheme: 'Basic'
    })
    expect(wrongScheme.status).toBe(401)
  })

  it('accepts both "Bearer <token>" and "token <token>"', async () => {
    const bearer = await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')
    const token = await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key', {
      scheme: 'token'
    })
    expect(bearer.status).toBe(200)
    expect(token.status).toBe(200)
  })

  it('answers 403 when the User-Agent header is missing, and records the request', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${gh.url}/repos/acme/widgets/actions/secrets/public-key`,
        { headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (body += chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        }
      )
      req.on('error', reject)
      req.end()
    })
    expect(status.status).toBe(403)
    expect(JSON.parse(status.body)).toEqual({
      message:
        'Request forbidden by administrative rules. Please make sure your request has a User-Agent header'
    })
    expect(gh.requests.at(-1)?.headers['user-agent']).toBeUndefined()
  })

  it('limits a scoped token to its scopes: 403 elsewhere, 404 for other repositories', async () => {
    const scoped = await start({
      tokens: { ghp_widgets: ['repo:acme/widgets'], ghp_org: ['org:acme'] }
    })
    const widgets = { token: 'ghp_widgets' }
    expect(
      (await call(scoped, 'GET', '/repos/acme/widgets/actions/secrets/public-key', widgets)).status
    ).toBe(200)
    expect(
      (
        await call(
          scoped,
          'GET',
          '/repos/acme/widgets/environments/prod/secrets/public-key',
          widgets
        )
      ).status
    ).toBe(200)

    const otherRepo = await call(
      scoped,
      'GET',
      '/repos/acme/gadgets/actions/secrets/public-key',
      widgets
    )
    expect(otherRepo.status).toBe(403)
    expect(otherRepo.body).toEqual({
      message: 'Resource not accessible by personal access token',
      status: '403'
    })
    expect(
      (await call(scoped, 'GET', '/orgs/acme/actions/secrets/public-key', widgets)).status
    ).toBe(403)
    expect(
      (
        await call(scoped, 'POST', '/repos/acme/gadgets/actions/variables', {
          ...widgets,
          body: { name: 'X', value: 'y' }
        })
      ).status
    ).toBe(403)
    expect(scoped.variable('repo:acme/gadgets', 'X')).toBeUndefined()

    expect((await call(scoped, 'GET', '/repos/acme/widgets', widgets)).status).toBe(200)
    scoped.repoIds['acme/gadgets'] = 77
    expect((await call(scoped, 'GET', '/repos/acme/gadgets', widgets)).status).toBe(404)

    const org = { token: 'ghp_org' }
    expect((await call(scoped, 'GET', '/orgs/acme/actions/secrets/public-key', org)).status).toBe(
      200
    )
    expect((await call(scoped, 'GET', '/repos/acme/gadgets', org)).status).toBe(200)
    expect((await call(scoped, 'GET', '/repos/acme/widgets/actions/variables/X', org)).status).toBe(
      403
    )
    expect((await call(scoped, 'GET', '/orgs/acme/actions/secrets/public-key')).status).toBe(401)
  })
})

describe('fail()', () => {
  it('answers the next matching request once with the rule, then normally', async () => {
    gh.fail({ status: 503, headers: { 'Retry-After': '2' }, body: { message: 'busy' } })
    const failed = await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('2')
    expect(failed.body).toEqual({ message: 'busy' })
    expect((await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')).status).toBe(200)
  })

  it('answers `times` matching requests, and always with Infinity', async () => {
    gh.fail({ status: 502, body: '<html>Bad Gateway</html>', times: 2 })
    const first = await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')
    expect(first.status).toBe(502)
    expect(first.body).toBe('<html>Bad Gateway</html>')
    expect((await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')).status).toBe(502)
    expect((await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')).status).toBe(200)

    gh.fail({ status: 500, times: Infinity })
    for (let i = 0; i < 5; i++) {
      const answer = await call(gh, 'GET', '/orgs/acme/actions/secrets/public-key')
      expect(answer.status).toBe(500)
      expect(answer.body).toEqual({ message: 'Internal Server Error' })
    }
  })

  it('matches only the method and path it names, before auth and routing', async () => {
    gh.fail({ method: 'put', path: /\/secrets\/PERSONR_TOKEN$/, status: 429 })
    expect((await call(gh, 'GET', '/repos/acme/widgets/actions/secrets/public-key')).status).toBe(
      200
    )
    expect((await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/OTHER')).status).toBe(422)
    const limited = await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/PERSONR_TOKEN', {
      token: null
    })
    expect(limited.status).toBe(429)
    expect(
      (await call(gh, 'PUT', '/repos/acme/widgets/actions/secrets/PERSONR_TOKEN')).status
    ).toBe(422)
  })
})

describe('repositories', () => {
  it('serves ids for repositories it has seen, 404 for others', async () => {
    expect((await call(gh, 'GET', '/repos/acme/widgets')).status).toBe(404)
    await call(gh, 'GET', '/repos/acme/widgets/actions/secrets/public-key')
    await call(gh, 'GET', '/repos/acme/gadgets/environments/prod/variables/X')
    expect(gh.repoIds).toEqual({ 'acme/widgets': 1001, 'acme/gadgets': 1002 })

    const answer = await call(gh, 'GET', '/repos/Acme/Widgets')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      id: 1001,
      name: 'widgets',
      full_name: 'acme/widgets',
      owner: { login: 'acme' }
    })
    const missing = await call(gh, 'GET', '/repos/acme/nothing')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ message: 'Not Found' })
  })

  it('knows repositories from options.repos, token scopes and repoIds', async () => {
    const fake = await start({
      repos: ['acme/first'],
      tokens: { ghp_a: ['env:acme/second:prod', 'org:acme'] }
    })
    fake.repoIds['acme/third'] = 42
    expect(fake.repoIds).toEqual({ 'acme/first': 1001, 'acme/second': 1002, 'acme/third': 42 })
    const third = await call(fake, 'GET', '/repos/acme/third', { token: 'ghp_a' })
    expect(third.body).toMatchObject({ id: 42, full_name: 'acme/third' })
  })
})

describe('the server', () => {
  it('answers 404 Not Found for unknown routes and methods', async () => {
    for (const [method, path] of [
      ['GET', '/user'],
      ['GET', '/repos/acme/widgets/actions/runners'],
      ['DELETE', '/repos/acme/widgets/actions/variables/X'],
      ['POST', '/repos/acme/widgets/actions/secrets/public-key']
    ] as const) {
      const answer = await call(gh, method, path)
      expect(answer.status, `${method} ${path}`).toBe(404)
      expect(answer.body).toEqual({ message: 'Not Found' })
    }
  })

  it('records every request with its headers and parsed body', async () => {
    await call(gh, 'POST', '/repos/acme/widgets/actions/variables', {
      body: { name: 'A', value: 'b' },
      headers: { 'x-github-api-version': '2022-11-28' }
    })
    expect(gh.requests).toHaveLength(1)
    const [recorded] = gh.requests
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/repos/acme/widgets/actions/variables',
      body: { name: 'A', value: 'b' }
    })
    expect(recorded?.headers).toMatchObject({
      accept: 'application/vnd.github+json',
      'user-agent': 'fake-github-test',
      authorization: `Bearer ${DEFAULT_TOKEN}`,
      'x-github-api-version': '2022-11-28'
    })
  })

  it('close() resolves even with a keep-alive connection open, and stops answering', async () => {
    const fake = await startFakeGitHub()
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await call(fake, 'GET', '/orgs/acme/actions/secrets/public-key')).status).toBe(200)
    await expect(fake.close()).resolves.toBeUndefined()
    await expect(fake.close()).resolves.toBeUndefined()
    await expect(fetch(`${fake.url}/repos/acme/widgets`)).rejects.toThrow()
  })
})
