// What the fake GitHub must get right that no test of the action pins: each store's own key, a
// write opened only with it, and GitHub's documented shapes. Its tokens, fail() rules, delays and
// repository ids are pinned by the tests that use them.
import sodium from 'libsodium-wrappers'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fixture as text } from '../support/fixtures.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from './github.ts'

const fixture = (name: string) => JSON.parse(text(`github/${name}.json`)) as Record<string, unknown>
/** The fields GitHub documents, in its order; `selected_repositories_url` only for `selected`. */
const keysOf = (name: string, selected = false): string[] =>
  Object.keys(fixture(name)).filter((key) => selected || key !== 'selected_repositories_url')

async function call(gh: FakeGitHub, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${DEFAULT_TOKEN}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const init = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }
  const response = await fetch(`${gh.url}${path}`, init)
  const answer = await response.text()
  return {
    status: response.status,
    body: answer === '' ? undefined : (JSON.parse(answer) as object)
  }
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
  gh = await startFakeGitHub({ repos: ['acme/app'] })
})
afterEach(() => gh.close())

describe('secrets', () => {
  it.each(STORES)(
    '$scope: decrypts what is sealed with its key, in GitHub’s shapes',
    async ({ scope, base }) => {
      const key = await call(gh, 'GET', `${base}/secrets/public-key`)
      expect(Object.keys(key.body ?? {})).toEqual(keysOf('public-key'))
      const { key_id, key: publicKey } = key.body as { key_id: string; key: string }
      expect(gh.publicKey(scope)).toEqual({ keyId: key_id, key: publicKey })
      expect(await call(gh, 'GET', `${base}/secrets/PERSONR_TOKEN`)).toEqual({
        status: 404,
        body: fixture('not-found')
      })
      const org = scope.includes(':org:') ? { visibility: 'private' } : {}
      const put = (name: string, value: string) =>
        call(gh, 'PUT', `${base}/secrets/${name}`, {
          encrypted_value: seal(value, publicKey),
          key_id,
          ...org
        })
      expect((await put('PERSONR_TOKEN', 'bus|1|first')).status).toBe(201)
      expect((await put('personr_token', 'bus|2|second')).status).toBe(204)
      expect(gh.secret(scope, 'PERSONR_TOKEN')).toMatchObject({
        value: 'bus|2|second',
        keyId: key_id
      })
      const meta = await call(gh, 'GET', `${base}/secrets/PERSONR_TOKEN`)
      expect(Object.keys(meta.body ?? {})).toEqual(keysOf(org.visibility ? 'org-secret' : 'secret'))
      expect(meta.body).toMatchObject({ name: 'PERSONR_TOKEN', ...org })
    }
  )

  it('gives every store its own key pair and refuses, with 422, a value it cannot open', async () => {
    const keys = STORES.map(({ scope }) => gh.publicKey(scope))
    expect(new Set(keys.flatMap(({ key, keyId }) => [key, keyId])).size).toBe(2 * STORES.length)
    const [repo, , , dependabot] = keys as [(typeof keys)[0], unknown, unknown, (typeof keys)[0]]
    for (const body of [
      { encrypted_value: seal('x', dependabot.key), key_id: repo.keyId },
      { encrypted_value: seal('x', repo.key), key_id: dependabot.keyId },
      { key_id: repo.keyId }
    ]) {
      expect(await call(gh, 'PUT', '/repos/acme/app/actions/secrets/PERSONR_TOKEN', body)).toEqual({
        status: 422,
        body: fixture('improperly-encrypted')
      })
    }
    expect(gh.secret('actions:repo:acme/app', 'PERSONR_TOKEN')).toBeUndefined()
  })
})

it.each(STORES.slice(0, 3))(
  '$scope: variables answer POST 201 then 409, PATCH 204, GET 200, absent 404',
  async ({ scope, base }) => {
    const org = scope.includes(':org:') ? { visibility: 'all' } : {}
    const body = { name: 'PERSONR_TOKEN_EXPIRES_AT', value: '2026-01-01T00:00:00Z', ...org }
    const variable = `${base}/variables/PERSONR_TOKEN_EXPIRES_AT`
    expect((await call(gh, 'POST', `${base}/variables`, body)).status).toBe(201)
    expect((await call(gh, 'POST', `${base}/variables`, body)).status).toBe(409)
    expect(await call(gh, 'PATCH', variable, { value: '2027-01-01T00:00:00Z' })).toEqual({
      status: 204,
      body: undefined
    })
    expect(gh.variable(scope, 'personr_token_expires_at')).toBe('2027-01-01T00:00:00Z')
    const read = await call(gh, 'GET', variable)
    expect(Object.keys(read.body ?? {})).toEqual(
      keysOf(org.visibility ? 'org-variable' : 'variable')
    )
    expect(read.body).toMatchObject({ value: '2027-01-01T00:00:00Z', ...org })
    for (const method of ['GET', 'PATCH']) {
      const patch = method === 'PATCH' ? { value: 'x' } : undefined
      expect(await call(gh, method, `${base}/variables/ABSENT`, patch)).toEqual({
        status: 404,
        body: fixture('not-found')
      })
    }
    // Dependabot and Codespaces have no variables.
    const other = base
      .replace('actions', 'dependabot')
      .replace('environments/production', 'dependabot')
    expect((await call(gh, 'POST', `${other}/variables`, body)).status).toBe(404)
  }
)

it('rejects send() when its signal aborts while the answer is held', async () => {
  const slow = await startFakeGitHub({ delayMs: 60_000 })
  const controller = new AbortController()
  const sent = slow.send(
    { method: 'GET', url: `${slow.url}/repos/acme/app`, input: 'github-api-url', headers: {} },
    controller.signal
  )
  controller.abort(new Error('deadline'))
  await expect(sent).rejects.toThrow('deadline')
  expect(slow.requests[0]?.end).toBeLessThan(Infinity)
  await slow.close()
})
