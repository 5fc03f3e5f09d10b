// What the fake GitHub must get right that no test of the action pins: each store's own key, a
// write opened only with it, GitHub's documented shapes, a variable created once, deletes, and
// every refusal of GitHub's it copies. Its tokens, fail() rules, delays and repository ids are
// pinned by the tests that use them.
import { get } from 'node:http'
import sodium from 'libsodium-wrappers'
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { fixture as text } from '../support/fixtures.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from './github.ts'

const fixture = (name: string) => JSON.parse(text(`github/${name}.json`)) as Record<string, unknown>
/** The fields GitHub documents, in its order (the fake serves no `selected_repositories_url`). */
const keysOf = (name: string): string[] =>
  Object.keys(fixture(name)).filter((key) => key !== 'selected_repositories_url')
const NOT_FOUND = { status: 404, body: fixture('not-found') }

const AUTHORIZATION = `Bearer ${DEFAULT_TOKEN}`

async function call(method: string, path: string, body?: unknown, token = AUTHORIZATION) {
  const headers = { authorization: token, 'user-agent': 'fake-github-test' }
  const init = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }
  const answer = await fetch(`${gh.url}${path}`, init)
  const json = await answer.text()
  return { status: answer.status, body: json === '' ? undefined : (JSON.parse(json) as object) }
}

async function publicKey(base: string) {
  const { body } = await call('GET', `${base}/secrets/public-key`)
  expect(Object.keys(body ?? {})).toEqual(keysOf('public-key'))
  return body as { key_id: string; key: string }
}

const seal = (value: string, key: string): string =>
  sodium.to_base64(
    sodium.crypto_box_seal(value, sodium.from_base64(key, sodium.base64_variants.ORIGINAL)),
    sodium.base64_variants.ORIGINAL
  )

const STORES = [
  { scope: 'actions:repo:acme/app', base: '/repos/acme/app/actions' },
  { scope: 'actions:env:acme/app:production', base: '/repos/acme/app/environments/production' },
  { scope: 'actions:org:acme', base: '/orgs/acme/actions' },
  { scope: 'dependabot:repo:acme/app', base: '/repos/acme/app/dependabot' },
  { scope: 'dependabot:org:acme', base: '/orgs/acme/dependabot' },
  { scope: 'codespaces:repo:acme/app', base: '/repos/acme/app/codespaces' },
  { scope: 'codespaces:org:acme', base: '/orgs/acme/codespaces' }
]

let gh: FakeGitHub
beforeAll(() => sodium.ready)
beforeEach(async () => {
  gh = await startFakeGitHub({ repos: ['acme/app'], environments: ['acme/app:production'] })
})
afterEach(() => gh.close())

it.each(STORES)(
  '$scope: decrypts what is sealed with its key, in GitHub’s shapes',
  async (store) => {
    const { key_id, key } = await publicKey(store.base)
    const org = store.scope.includes(':org:') ? { visibility: 'private' } : {}
    const put = (name: string, value: string) =>
      call('PUT', `${store.base}/secrets/${name}`, {
        encrypted_value: seal(value, key),
        key_id,
        ...org
      })
    expect(await call('GET', `${store.base}/secrets/PERSONR_TOKEN`)).toEqual(NOT_FOUND)
    expect((await put('PERSONR_TOKEN', 'bus|1|first')).status).toBe(201)
    expect((await put('personr_token', 'bus|2|second')).status).toBe(204)
    expect(gh.secret(store.scope, 'PERSONR_TOKEN')?.value).toBe('bus|2|second')
    const meta = await call('GET', `${store.base}/secrets/PERSONR_TOKEN`)
    expect(Object.keys(meta.body ?? {})).toEqual(keysOf(org.visibility ? 'org-secret' : 'secret'))
    expect(meta.body).toMatchObject({ name: 'PERSONR_TOKEN', ...org })

    expect(await call('DELETE', `${store.base}/secrets/personr_token`)).toEqual({ status: 204 })
    expect(gh.secret(store.scope, 'PERSONR_TOKEN')).toBeUndefined()
    expect(await call('DELETE', `${store.base}/secrets/PERSONR_TOKEN`)).toEqual(NOT_FOUND)
    expect(gh.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `${store.base}/secrets/personr_token`,
      `${store.base}/secrets/PERSONR_TOKEN`
    ])
  }
)

it('gives every store its own key pair and refuses, with 422, a value it cannot open', async () => {
  const keys = await Promise.all(STORES.map(({ base }) => publicKey(base)))
  expect(new Set(keys.flatMap(({ key, key_id }) => [key, key_id])).size).toBe(2 * STORES.length)
  const [repo, , , dependabot] = keys as [(typeof keys)[0], unknown, unknown, (typeof keys)[0]]
  for (const body of [
    { encrypted_value: seal('x', dependabot.key), key_id: repo.key_id },
    { encrypted_value: seal('x', repo.key), key_id: dependabot.key_id }
  ]) {
    expect(await call('PUT', '/repos/acme/app/actions/secrets/PERSONR_TOKEN', body)).toEqual({
      status: 422,
      body: fixture('improperly-encrypted')
    })
  }
  expect(gh.secret('actions:repo:acme/app', 'PERSONR_TOKEN')).toBeUndefined()
})

it.each(STORES.slice(0, 3))(
  '$scope: variables answer POST 201 then 409, PATCH 204, GET 200, DELETE 204, absent 404',
  async ({ scope, base }) => {
    const org = scope.includes(':org:') ? { visibility: 'all' } : {}
    const body = { name: 'PERSONR_TOKEN_EXPIRES_AT', value: '2026-01-01T00:00:00Z', ...org }
    const variable = `${base}/variables/PERSONR_TOKEN_EXPIRES_AT`
    expect((await call('POST', `${base}/variables`, body)).status).toBe(201)
    expect((await call('POST', `${base}/variables`, body)).status).toBe(409)
    expect(await call('PATCH', variable, { value: 'later' })).toEqual({ status: 204 })
    expect(gh.variable(scope, 'personr_token_expires_at')).toBe('later')
    const read = await call('GET', variable)
    const example = org.visibility ? 'org-variable' : 'variable'
    expect(Object.keys(read.body ?? {})).toEqual(keysOf(example))
    expect(read.body).toMatchObject({ value: 'later', ...org })
    expect(await call('GET', `${base}/variables/ABSENT`)).toEqual(NOT_FOUND)
    expect(await call('DELETE', variable)).toEqual({ status: 204 })
    expect(gh.variable(scope, 'PERSONR_TOKEN_EXPIRES_AT')).toBeUndefined()
    expect(await call('DELETE', variable)).toEqual(NOT_FOUND)
  }
)

it.each(STORES.slice(3))('$scope: has no variables, as GitHub has none there', async ({ base }) => {
  const body = { name: 'PERSONR_TOKEN_EXPIRES_AT', value: 'x', visibility: 'all' }
  expect(await call('POST', `${base}/variables`, body)).toEqual(NOT_FOUND)
  expect(await call('GET', `${base}/variables/PERSONR_TOKEN_EXPIRES_AT`)).toEqual(NOT_FOUND)
  expect(await call('DELETE', `${base}/variables/PERSONR_TOKEN_EXPIRES_AT`)).toEqual(NOT_FOUND)
})

it('keeps when a variable was created and last written', async () => {
  const scope = 'repo:acme/app'
  gh.setVariable(scope, 'V', 'old', { updatedAt: new Date('2025-01-02T03:04:05.678Z') })
  const written = { createdAt: '2025-01-02T03:04:05Z', updatedAt: '2025-01-02T03:04:05Z' }
  expect(gh.variableEntry(scope, 'v')).toEqual({ value: 'old', ...written })
  expect(gh.variable(scope, 'v')).toBe('old')
  await call('PATCH', '/repos/acme/app/actions/variables/V', { name: 'V', value: 'new' })
  expect(gh.variableEntry(scope, 'V')).toMatchObject({ value: 'new', createdAt: written.createdAt })
  expect(gh.variableEntry(scope, 'V')?.updatedAt).not.toBe(written.updatedAt)
})

it.each([
  ['a secret without encrypted_value', 'PUT', '/repos/acme/app/actions/secrets/X', { key_id: '1' }],
  ['a secret without key_id', 'PUT', '/repos/acme/app/actions/secrets/X', { encrypted_value: 'x' }],
  [
    'an organization secret without visibility',
    'PUT',
    '/orgs/acme/dependabot/secrets/X',
    { encrypted_value: 'x', key_id: '1' }
  ],
  ['a variable without name', 'POST', '/repos/acme/app/actions/variables', { value: 'v' }],
  ['a variable without value', 'POST', '/repos/acme/app/actions/variables', { name: 'X' }],
  [
    'an organization variable without visibility',
    'POST',
    '/orgs/acme/actions/variables',
    { name: 'X', value: 'v' }
  ],
  ['a variable update without value', 'PATCH', '/repos/acme/app/actions/variables/X', { name: 'X' }]
])('refuses, with 422, %s, and changes nothing', async (what, method, path, body) => {
  gh.setVariable('repo:acme/app', 'X', 'old')
  const field = /without (\w+)$/.exec(what)?.[1] ?? ''
  const message = `Invalid request.\n\n"${field}" wasn't supplied.`
  expect(await call(method, path, body)).toEqual({
    status: 422,
    body: { ...fixture('not-supplied'), message }
  })
  expect(gh.secret('actions:repo:acme/app', 'X')).toBeUndefined()
  expect(gh.secret('dependabot:org:acme', 'X')).toBeUndefined()
  expect(gh.variable('repo:acme/app', 'X')).toBe('old')
  expect(gh.variable('org:acme', 'X')).toBeUndefined()
})

it.each([
  ['a repository', '/repos/acme/ap/actions/secrets/public-key'],
  ['an environment', '/repos/acme/app/environments/staging/secrets/public-key'],
  ['an environment of another repository', '/repos/acme/web/environments/production/variables'],
  ['an organization', '/orgs/acmee/dependabot/secrets/public-key'],
  ['a repository, looked up', '/repos/acme/web'],
  ['a path', '/repos/acme/app/actions/secrets']
])('answers 404 for %s it was not given', async (_, path) => {
  expect(await call('GET', path)).toEqual(NOT_FOUND)
  expect(() => gh.setSecret('env:acme/app:staging', 'X', 'v')).toThrow(/no repos or environments/)
})

it('answers 401 to a request without a known token, before any fail() rule', async () => {
  gh.fail({ status: 500, times: Infinity })
  const path = '/repos/acme/app/actions/secrets/public-key'
  const unauthorized = { status: 401, body: fixture('bad-credentials') }
  expect(await call('GET', path, undefined, '')).toEqual(unauthorized)
  expect(await call('GET', path, undefined, 'Bearer ghp_unknown')).toEqual(unauthorized)
  expect((await call('GET', path)).status).toBe(500)
})

it('refuses, with 403, a request without a User-Agent, over HTTP and through send', async () => {
  const url = `${gh.url}/repos/acme/app/actions/secrets/public-key`
  const page = text('github/no-user-agent.txt')
  // fetch always sends a User-Agent; node:http sends none unless told.
  const overHttp = await new Promise<unknown[]>((resolve, reject) => {
    get(url, { headers: { authorization: AUTHORIZATION } }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      response.on('end', () =>
        resolve([response.statusCode, response.headers['content-type'], body])
      )
    }).on('error', reject)
  })
  expect(overHttp).toEqual([403, 'text/html', page])
  const send = (headers: Record<string, string>) =>
    gh.send(
      {
        method: 'GET',
        url,
        input: 'github-api-url',
        headers: { authorization: AUTHORIZATION, ...headers }
      },
      new AbortController().signal
    )
  for (const headers of [{}, { 'user-agent': '' }]) {
    expect(await send(headers)).toMatchObject({ status: 403, body: page })
  }
  expect((await send({ 'user-agent': 'personr-token-action/1.0.0' })).status).toBe(200)
  expect(gh.requests).toHaveLength(4)
})
