// What the fake GitHub must get right that no test of the action pins: each store's own key, a
// write opened only with it, GitHub's documented shapes, a variable created once. Its tokens,
// fail() rules, delays and repository ids are pinned by the tests that use them.
import sodium from 'libsodium-wrappers'
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { fixture as text } from '../support/fixtures.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from './github.ts'

const fixture = (name: string) => JSON.parse(text(`github/${name}.json`)) as Record<string, unknown>
/** The fields GitHub documents, in its order (the fake serves no `selected_repositories_url`). */
const keysOf = (name: string): string[] =>
  Object.keys(fixture(name)).filter((key) => key !== 'selected_repositories_url')
const NOT_FOUND = { status: 404, body: fixture('not-found') }

async function call(method: string, path: string, body?: unknown) {
  const headers = { authorization: `Bearer ${DEFAULT_TOKEN}` }
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
  gh = await startFakeGitHub()
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
  }
)

it('gives every store its own key pair and refuses, with 422, a value it cannot open', async () => {
  const keys = await Promise.all(STORES.map(({ base }) => publicKey(base)))
  expect(new Set(keys.flatMap(({ key, key_id }) => [key, key_id])).size).toBe(2 * STORES.length)
  const [repo, , , dependabot] = keys as [(typeof keys)[0], unknown, unknown, (typeof keys)[0]]
  for (const body of [
    { encrypted_value: seal('x', dependabot.key), key_id: repo.key_id },
    { encrypted_value: seal('x', repo.key), key_id: dependabot.key_id },
    { key_id: repo.key_id }
  ]) {
    expect(await call('PUT', '/repos/acme/app/actions/secrets/PERSONR_TOKEN', body)).toEqual({
      status: 422,
      body: fixture('improperly-encrypted')
    })
  }
  expect(gh.secret('actions:repo:acme/app', 'PERSONR_TOKEN')).toBeUndefined()
})

it.each(STORES.slice(0, 3))(
  '$scope: variables answer POST 201 then 409, PATCH 204, GET 200, absent 404',
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
  }
)

it('answers 401 to a request without a known token, 404 to a path or repository it lacks', async () => {
  const anonymous = await fetch(`${gh.url}/repos/acme/app/actions/secrets/public-key`)
  expect([anonymous.status, await anonymous.json()]).toEqual([401, fixture('bad-credentials')])
  expect(await call('GET', '/repos/acme/app/actions/secrets')).toEqual(NOT_FOUND)
  expect(await call('GET', '/repos/acme/app')).toEqual(NOT_FOUND)
})
