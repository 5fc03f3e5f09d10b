import sodium from 'libsodium-wrappers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import type { GitHub, GitHubCall } from '../../src/github.ts'
import type { MintedToken } from '../../src/personr.ts'
import { decide, refreshSecret, type RefreshDeps } from '../../src/refresh.ts'
import type { SecretInputs, SecretScope } from '../../src/secret-inputs.ts'
import { provePublicKey } from '../../src/secret-store.ts'
import { UnusableTokenError } from '../../src/token-response.ts'
import { rejection } from '../support/caught.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const DAY = 86_400_000
const KEY_ID = '568250167242549743'
const TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
const MINTED: MintedToken = {
  token: TOKEN,
  userId: '1111111111111x111111111111111111',
  expires: 31_536_000,
  expiresAt: new Date(NOW + 365 * DAY)
}

describe('decide', () => {
  const RENEW = 30 * DAY

  it('is due when there is no renew-before, whatever is stored', () => {
    const decision = decide(new Date(NOW + 300 * DAY).toISOString(), undefined, NOW)
    expect(decision.due).toBe(true)
    expect(decision.reason).toContain('No `renew-before`')
  })

  it('is due when no expiry is stored', () => {
    const decision = decide(undefined, RENEW, NOW)
    expect(decision.due).toBe(true)
    expect(decision.reason).toContain('No stored token with a recorded expiry')
  })

  it.each(['', 'soon', 'not-a-date', '2025-13-45T99:99:99Z'])(
    'is due when the stored expiry %j is not a date',
    (stored) => {
      const decision = decide(stored, RENEW, NOW)
      expect(decision.due).toBe(true)
      expect(decision.reason).toContain(`The recorded expiry "${stored}" is not a date`)
    }
  )

  it('is not due when the token expires later than renew-before, and says when it expires', () => {
    const expiry = new Date(NOW + 200 * DAY)
    const decision = decide(expiry.toISOString(), RENEW, NOW)
    expect(decision).toEqual({
      due: false,
      expiresAt: expiry,
      reason: `The stored token expires at ${expiry.toISOString()}, in 200.0 days, later than \`renew-before\`: nothing to do.`
    })
  })

  it('is not due one millisecond past the boundary', () => {
    expect(decide(new Date(NOW + RENEW + 1).toISOString(), RENEW, NOW).due).toBe(false)
  })

  it('is due when the token expires within renew-before', () => {
    const expiry = new Date(NOW + 10 * DAY)
    const decision = decide(expiry.toISOString(), RENEW, NOW)
    expect(decision.due).toBe(true)
    expect(decision.reason).toContain('in 10.0 days, within `renew-before`: rotating.')
  })

  it('is due when the token has already expired', () => {
    expect(decide(new Date(NOW - DAY).toISOString(), RENEW, NOW).due).toBe(true)
  })

  it.each(['9999-12-31T00:00:00Z', new Date(NOW + 366 * DAY + 1).toISOString()])(
    'does not trust a recorded expiry more than a token lifetime ahead (%s)',
    (stored) => {
      const decision = decide(stored, RENEW, NOW)
      expect(decision.due).toBe(true)
      expect(decision.reason).toMatch(
        /^The recorded expiry .+ is [\d.]+ days ahead, more than a token lives \(365 days\), so it is not trusted: rotating\.$/
      )
    }
  )

  it('trusts a recorded expiry a token lifetime and a day ahead, for clocks that differ', () => {
    expect(decide(new Date(NOW + 366 * DAY).toISOString(), RENEW, NOW).due).toBe(false)
  })

  it('quotes at most 40 characters of a recorded expiry that is not a date', () => {
    const decision = decide('x'.repeat(100), RENEW, NOW)
    expect(decision.reason).toBe(
      `The recorded expiry "${'x'.repeat(40)}…" is not a date: rotating.`
    )
  })

  it('is due exactly at the boundary (time left equals renew-before)', () => {
    expect(decide(new Date(NOW + RENEW).toISOString(), RENEW, NOW).due).toBe(true)
  })
})

let keyPair: { publicKey: Uint8Array; privateKey: Uint8Array }
let publicKey: string

beforeAll(async () => {
  await sodium.ready
  keyPair = sodium.crypto_box_keypair()
  publicKey = sodium.to_base64(keyPair.publicKey, sodium.base64_variants.ORIGINAL)
})

function open(sealed: string): string {
  const box = sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL)
  return sodium.to_string(sodium.crypto_box_seal_open(box, keyPair.publicKey, keyPair.privateKey))
}

const REPO_SCOPE: SecretScope = {
  base: '/repos/octo/app/actions',
  label: 'repository octo/app',
  permission: 'the repository permissions "Secrets" and "Variables"'
}

function secretInputs(overrides: Partial<SecretInputs> = {}): SecretInputs {
  return {
    name: 'PERSONR_TOKEN',
    expiryVariable: 'PERSONR_TOKEN_EXPIRES_AT',
    githubToken: 'github_pat_fake',
    apiUrl: new URL('https://api.github.com'),
    scope: REPO_SCOPE,
    renewBeforeMs: 30 * DAY,
    ...overrides
  }
}

type Reply = { status: number; json?: unknown } | Error

/**
 * A GitHub function over a table of `METHOD path` → reply. Like createGitHub, it throws an
 * ActionError for a status that is neither 2xx nor among the call's `answers`. Every call and
 * every mint/publish lands in `events`, in order.
 */
function fakeGitHub(scope: SecretScope, stored: { expiry?: string; secret?: boolean } = {}) {
  const events: string[] = []
  const calls: GitHubCall[] = []
  const routes = new Map<string, Reply>([
    [
      `GET ${scope.base}/secrets/public-key`,
      { status: 200, json: { key_id: KEY_ID, key: publicKey } }
    ],
    [
      `GET ${scope.base}/variables/PERSONR_TOKEN_EXPIRES_AT`,
      stored.expiry === undefined
        ? { status: 404, json: { message: 'Not Found' } }
        : { status: 200, json: { name: 'PERSONR_TOKEN_EXPIRES_AT', value: stored.expiry } }
    ],
    [
      `GET ${scope.base}/secrets/PERSONR_TOKEN`,
      stored.secret ? { status: 200, json: { name: 'PERSONR_TOKEN' } } : { status: 404 }
    ],
    [`PUT ${scope.base}/secrets/PERSONR_TOKEN`, { status: 201 }],
    [`POST ${scope.base}/variables`, { status: 201 }],
    [`PATCH ${scope.base}/variables/PERSONR_TOKEN_EXPIRES_AT`, { status: 204 }]
  ])
  const github: GitHub = async (call) => {
    const key = `${call.method} ${call.path}`
    events.push(`github:${key}`)
    calls.push(call)
    const reply = routes.get(key)
    if (reply === undefined) throw new Error(`the fake GitHub has no route for ${key}`)
    if (reply instanceof Error) throw reply
    const ok = (reply.status >= 200 && reply.status < 300) || call.expected?.includes(reply.status)
    if (!ok) throw new ActionError(`Could not ${call.what}: GitHub answered ${reply.status}.`)
    return { status: reply.status, json: reply.json }
  }
  const mint = vi.fn(async (): Promise<MintedToken> => {
    events.push('mint')
    return MINTED
  })
  const publish = vi.fn((minted: MintedToken): void => {
    events.push(`publish:${minted.token}`)
  })
  const log = vi.fn<(line: string) => void>()
  const deps: RefreshDeps = { github, now: () => NOW, mint, publish, log }
  const bodyOf = (method: string, path: string): Record<string, unknown> =>
    calls.find((c) => c.method === method && c.path === path)?.body as Record<string, unknown>
  const writes = (): string[] => events.filter((e) => /^github:(PUT|POST|PATCH) /.test(e))
  return { routes, events, calls, deps, mint, publish, log, bodyOf, writes }
}

const B = REPO_SCOPE.base

describe('refreshSecret: first rotation', () => {
  it('reads first, then mints, publishes, writes the secret, then creates the variable', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    const result = await refreshSecret(secretInputs(), gh.deps)
    expect(result).toEqual({ rotated: true, minted: MINTED })
    expect(gh.events).toEqual([
      `github:GET ${B}/secrets/public-key`,
      `github:GET ${B}/variables/PERSONR_TOKEN_EXPIRES_AT`,
      `github:GET ${B}/secrets/PERSONR_TOKEN`,
      'mint',
      `publish:${TOKEN}`,
      `github:PUT ${B}/secrets/PERSONR_TOKEN`,
      `github:POST ${B}/variables`
    ])
    expect(gh.mint).toHaveBeenCalledTimes(1)
    expect(gh.publish).toHaveBeenCalledWith(MINTED)
  })

  it('treats an absent variable and an absent secret (404) as answers, not refusals', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    await refreshSecret(secretInputs(), gh.deps)
    const reads = gh.calls.filter((c) => c.method === 'GET')
    expect(reads.map((c) => c.expected)).toEqual([undefined, [404], [404]])
  })

  it('puts a sealed box that opens to the token, with the key id, and nothing else', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    await refreshSecret(secretInputs(), gh.deps)
    const body = gh.bodyOf('PUT', `${B}/secrets/PERSONR_TOKEN`)
    expect(Object.keys(body).sort()).toEqual(['encrypted_value', 'key_id'])
    expect(body.key_id).toBe(KEY_ID)
    expect(body.encrypted_value).not.toContain(TOKEN)
    expect(open(String(body.encrypted_value))).toBe(TOKEN)
  })

  it('creates the expiry variable with the minted expiry in ISO 8601', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    await refreshSecret(secretInputs(), gh.deps)
    expect(gh.bodyOf('POST', `${B}/variables`)).toEqual({
      name: 'PERSONR_TOKEN_EXPIRES_AT',
      value: MINTED.expiresAt.toISOString()
    })
  })

  it('logs the reason for rotating', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    await refreshSecret(secretInputs(), gh.deps)
    expect(gh.log).toHaveBeenCalledWith('No stored token with a recorded expiry: rotating.')
  })

  it('writes under an environment scope', async () => {
    const scope: SecretScope = {
      base: '/repos/octo/app/environments/production',
      label: 'environment production of octo/app',
      permission: 'Environments'
    }
    const gh = fakeGitHub(scope)
    await refreshSecret(secretInputs({ scope }), gh.deps)
    expect(gh.writes()).toEqual([
      `github:PUT ${scope.base}/secrets/PERSONR_TOKEN`,
      `github:POST ${scope.base}/variables`
    ])
  })
})

describe('refreshSecret: due or not', () => {
  it('mints nothing and writes nothing when the stored token is not due', async () => {
    const expiry = new Date(NOW + 200 * DAY)
    const gh = fakeGitHub(REPO_SCOPE, { expiry: expiry.toISOString(), secret: true })
    const result = await refreshSecret(secretInputs(), gh.deps)
    expect(result).toEqual({ rotated: false, expiresAt: expiry })
    expect(gh.mint).not.toHaveBeenCalled()
    expect(gh.publish).not.toHaveBeenCalled()
    expect(gh.writes()).toEqual([])
    expect(gh.log.mock.calls[0]?.[0]).toContain('later than `renew-before`: nothing to do.')
  })

  it('rotates a due token and updates (PATCH) the existing variable', async () => {
    const gh = fakeGitHub(REPO_SCOPE, {
      expiry: new Date(NOW + 5 * DAY).toISOString(),
      secret: true
    })
    const result = await refreshSecret(secretInputs(), gh.deps)
    expect(result.rotated).toBe(true)
    expect(gh.mint).toHaveBeenCalledTimes(1)
    expect(gh.writes()).toEqual([
      `github:PUT ${B}/secrets/PERSONR_TOKEN`,
      `github:PATCH ${B}/variables/PERSONR_TOKEN_EXPIRES_AT`
    ])
    expect(gh.bodyOf('PATCH', `${B}/variables/PERSONR_TOKEN_EXPIRES_AT`)).toEqual({
      name: 'PERSONR_TOKEN_EXPIRES_AT',
      value: MINTED.expiresAt.toISOString()
    })
  })

  it('rotates without renew-before even when the stored token is far from expiry', async () => {
    const gh = fakeGitHub(REPO_SCOPE, {
      expiry: new Date(NOW + 300 * DAY).toISOString(),
      secret: true
    })
    const result = await refreshSecret(secretInputs({ renewBeforeMs: undefined }), gh.deps)
    expect(result.rotated).toBe(true)
    expect(gh.mint).toHaveBeenCalledTimes(1)
  })

  it('rotates when the expiry variable says not due but the secret is gone', async () => {
    const gh = fakeGitHub(REPO_SCOPE, {
      expiry: new Date(NOW + 200 * DAY).toISOString(),
      secret: false
    })
    const result = await refreshSecret(secretInputs(), gh.deps)
    expect(result.rotated).toBe(true)
    expect(gh.mint).toHaveBeenCalledTimes(1)
    expect(gh.writes()).toEqual([
      `github:PUT ${B}/secrets/PERSONR_TOKEN`,
      `github:PATCH ${B}/variables/PERSONR_TOKEN_EXPIRES_AT`
    ])
  })

  it('rotates when the stored expiry is garbage', async () => {
    const gh = fakeGitHub(REPO_SCOPE, { expiry: 'tomorrow', secret: true })
    expect((await refreshSecret(secretInputs(), gh.deps)).rotated).toBe(true)
    expect(gh.mint).toHaveBeenCalledTimes(1)
  })
})

describe('refreshSecret: organization scope', () => {
  const selected: SecretScope = {
    base: '/orgs/acme/actions',
    label: 'organization acme (visibility selected)',
    permission: 'organization Secrets',
    org: { name: 'acme', visibility: 'selected', repositories: ['one', 'other/two'] }
  }

  function withRepos() {
    const gh = fakeGitHub(selected)
    gh.routes.set('GET /repos/acme/one', { status: 200, json: { id: 101, full_name: 'acme/one' } })
    gh.routes.set('GET /repos/other/two', { status: 200, json: { id: 202 } })
    return gh
  }

  it('looks the selected repositories up before minting', async () => {
    const gh = withRepos()
    await refreshSecret(secretInputs({ scope: selected }), gh.deps)
    expect(gh.events).toEqual([
      'github:GET /orgs/acme/actions/secrets/public-key',
      'github:GET /orgs/acme/actions/variables/PERSONR_TOKEN_EXPIRES_AT',
      'github:GET /orgs/acme/actions/secrets/PERSONR_TOKEN',
      'github:GET /repos/acme/one',
      'github:GET /repos/other/two',
      'mint',
      `publish:${TOKEN}`,
      'github:PUT /orgs/acme/actions/secrets/PERSONR_TOKEN',
      'github:POST /orgs/acme/actions/variables'
    ])
  })

  it('puts visibility and selected_repository_ids with the secret and the variable', async () => {
    const gh = withRepos()
    await refreshSecret(secretInputs({ scope: selected }), gh.deps)
    const put = gh.bodyOf('PUT', '/orgs/acme/actions/secrets/PERSONR_TOKEN')
    expect(put).toMatchObject({
      key_id: KEY_ID,
      visibility: 'selected',
      selected_repository_ids: [101, 202]
    })
    expect(open(String(put.encrypted_value))).toBe(TOKEN)
    expect(gh.bodyOf('POST', '/orgs/acme/actions/variables')).toEqual({
      name: 'PERSONR_TOKEN_EXPIRES_AT',
      value: MINTED.expiresAt.toISOString(),
      visibility: 'selected',
      selected_repository_ids: [101, 202]
    })
  })

  it('puts visibility all without repository ids', async () => {
    const scope: SecretScope = {
      ...selected,
      label: 'organization acme (visibility all)',
      org: { name: 'acme', visibility: 'all', repositories: [] }
    }
    const gh = fakeGitHub(scope)
    await refreshSecret(secretInputs({ scope }), gh.deps)
    const put = gh.bodyOf('PUT', '/orgs/acme/actions/secrets/PERSONR_TOKEN')
    expect(put.visibility).toBe('all')
    expect('selected_repository_ids' in put).toBe(false)
    expect(gh.bodyOf('POST', '/orgs/acme/actions/variables')).toEqual({
      name: 'PERSONR_TOKEN_EXPIRES_AT',
      value: MINTED.expiresAt.toISOString(),
      visibility: 'all'
    })
  })

  it('sends the visibility again when it updates an existing variable', async () => {
    const gh = withRepos()
    gh.routes.set(`GET ${selected.base}/variables/PERSONR_TOKEN_EXPIRES_AT`, {
      status: 200,
      json: { name: 'PERSONR_TOKEN_EXPIRES_AT', value: 'not a date' }
    })
    await refreshSecret(secretInputs({ scope: selected }), gh.deps)
    expect(gh.bodyOf('PATCH', '/orgs/acme/actions/variables/PERSONR_TOKEN_EXPIRES_AT')).toEqual({
      name: 'PERSONR_TOKEN_EXPIRES_AT',
      value: MINTED.expiresAt.toISOString(),
      visibility: 'selected',
      selected_repository_ids: [101, 202]
    })
  })

  it('mints nothing when a selected repository cannot be looked up', async () => {
    const gh = withRepos()
    gh.routes.set('GET /repos/other/two', { status: 404 })
    const error = await rejection(refreshSecret(secretInputs({ scope: selected }), gh.deps))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain('look up the repository other/two')
    expect(gh.mint).not.toHaveBeenCalled()
    expect(gh.writes()).toEqual([])
  })

  it('mints nothing when a repository answer has no id', async () => {
    const gh = withRepos()
    gh.routes.set('GET /repos/acme/one', { status: 200, json: { id: '101' } })
    const error = await rejection(refreshSecret(secretInputs({ scope: selected }), gh.deps))
    expect(error.message).toContain("GitHub's response for the repository acme/one has no id.")
    expect(gh.mint).not.toHaveBeenCalled()
  })
})

describe('refreshSecret: refused before minting', () => {
  it.each([
    ['the public key', `GET ${B}/secrets/public-key`, 'read the Actions secrets public key'],
    ['the variable', `GET ${B}/variables/PERSONR_TOKEN_EXPIRES_AT`, 'read the variable'],
    ['the secret', `GET ${B}/secrets/PERSONR_TOKEN`, 'read whether the secret']
  ])('mints nothing and writes nothing when reading %s is refused', async (_what, route, text) => {
    const gh = fakeGitHub(REPO_SCOPE)
    gh.routes.set(route, { status: 403 })
    const error = await rejection(refreshSecret(secretInputs(), gh.deps))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(`Could not ${text}`)
    expect(gh.mint).not.toHaveBeenCalled()
    expect(gh.publish).not.toHaveBeenCalled()
    expect(gh.writes()).toEqual([])
  })

  it('passes on the ActionError that the GitHub function throws, unchanged', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    const refusal = new ActionError('Could not read the public key: GitHub answered 401.')
    gh.routes.set(`GET ${B}/secrets/public-key`, refusal)
    await expect(refreshSecret(secretInputs(), gh.deps)).rejects.toBe(refusal)
    expect(gh.mint).not.toHaveBeenCalled()
    expect(gh.events).toEqual([`github:GET ${B}/secrets/public-key`])
  })

  it.each<[string, Record<string, unknown>]>([
    ['no key', { key_id: KEY_ID }],
    ['no key_id', { key: 'abc' }],
    ['a numeric key_id', { key_id: 5, key: 'abc' }]
  ])('mints nothing when the public key answer has %s', async (_what, json) => {
    const gh = fakeGitHub(REPO_SCOPE)
    gh.routes.set(`GET ${B}/secrets/public-key`, { status: 200, json })
    const error = await rejection(refreshSecret(secretInputs(), gh.deps))
    expect(error.message).toContain('has no key and key_id')
    expect(gh.mint).not.toHaveBeenCalled()
  })
})

describe('refreshSecret: a public key the token could not be sealed with', () => {
  it.each([
    ['too short', Buffer.alloc(31).toString('base64')],
    ['too long', Buffer.alloc(33).toString('base64')],
    ['not base64', `${'!'.repeat(43)}=`],
    ['URL-safe base64', Buffer.alloc(32, 0xff).toString('base64url')],
    ['with bits past the 32 bytes', `${'A'.repeat(42)}B=`],
    ['empty', '']
  ])('mints nothing when the key is %s', async (_what, key) => {
    const gh = fakeGitHub(REPO_SCOPE)
    gh.routes.set(`GET ${B}/secrets/public-key`, { status: 200, json: { key_id: KEY_ID, key } })
    const error = await rejection(refreshSecret(secretInputs(), gh.deps))
    expect(error.message).toBe(
      "GitHub's public key for repository octo/app is not a base64-encoded 32-byte key, so the token could not be encrypted for it. Nothing was minted; check `github-api-url`."
    )
    expect(gh.mint).not.toHaveBeenCalled()
  })

  it('seals a throwaway value before minting, and fails naming the scope when it cannot', async () => {
    const error = await rejection(
      provePublicKey(secretInputs(), {
        publicKey: { keyId: KEY_ID, key: 'not a key' },
        storedExpiry: undefined,
        secretExists: false,
        selectedRepositoryIds: undefined
      })
    )
    expect(error.message).toMatch(
      /^Could not encrypt with GitHub's public key for repository octo\/app \(.+\)\. Nothing was minted; check `github-api-url`\.$/
    )
  })
})

describe('refreshSecret: an unusable success answer', () => {
  it('adds that the stored token no longer works', async () => {
    const gh = fakeGitHub(REPO_SCOPE, { secret: true })
    gh.mint.mockRejectedValueOnce(
      new UnusableTokenError('Personr answered 200 OK with success, but without a user_id, so …')
    )
    const error = await rejection(refreshSecret(secretInputs(), gh.deps))
    expect(error).toBeInstanceOf(UnusableTokenError)
    expect(error.message).toBe(
      'Personr answered 200 OK with success, but without a user_id, so … The token stored in the secret PERSONR_TOKEN of repository octo/app no longer works; re-run this workflow to mint and store a new one.'
    )
    expect(gh.writes()).toEqual([])
  })

  it('passes other mint failures on unchanged', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    const refusal = new ActionError('Personr refused the credentials.')
    gh.mint.mockRejectedValueOnce(refusal)
    await expect(refreshSecret(secretInputs(), gh.deps)).rejects.toBe(refusal)
  })
})

describe('refreshSecret: failures after minting', () => {
  it('says the previous token no longer works and the new one was not stored when the PUT fails', async () => {
    const gh = fakeGitHub(REPO_SCOPE, {
      expiry: new Date(NOW + DAY).toISOString(),
      secret: true
    })
    gh.routes.set(`PUT ${B}/secrets/PERSONR_TOKEN`, { status: 403 })
    const error = await rejection(refreshSecret(secretInputs(), gh.deps))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(
      'Minted a new Personr token but could not store it in the secret PERSONR_TOKEN of repository octo/app: Could not write the secret PERSONR_TOKEN'
    )
    expect(error.message).toContain(
      'The token stored there before no longer works, and the new one was not stored.'
    )
    expect(error.message).toContain('`token` output (masked)')
    expect(error.message).not.toContain(TOKEN)
    expect(gh.events.indexOf(`publish:${TOKEN}`)).toBeLessThan(
      gh.events.indexOf(`github:PUT ${B}/secrets/PERSONR_TOKEN`)
    )
    expect(gh.publish).toHaveBeenCalledWith(MINTED)
    expect(gh.writes()).toEqual([`github:PUT ${B}/secrets/PERSONR_TOKEN`])
  })

  it('updates the variable (PATCH) when creating it answers 409', async () => {
    const gh = fakeGitHub(REPO_SCOPE)
    gh.routes.set(`POST ${B}/variables`, { status: 409, json: { message: 'Already exists' } })
    const result = await refreshSecret(secretInputs(), gh.deps)
    expect(result.rotated).toBe(true)
    expect(gh.writes()).toEqual([
      `github:PUT ${B}/secrets/PERSONR_TOKEN`,
      `github:POST ${B}/variables`,
      `github:PATCH ${B}/variables/PERSONR_TOKEN_EXPIRES_AT`
    ])
    expect(gh.bodyOf('PATCH', `${B}/variables/PERSONR_TOKEN_EXPIRES_AT`)).toEqual({
      name: 'PERSONR_TOKEN_EXPIRES_AT',
      value: MINTED.expiresAt.toISOString()
    })
  })

  it.each([
    ['creating', {}, `POST ${B}/variables`],
    [
      'updating',
      { expiry: new Date(NOW + DAY).toISOString(), secret: true },
      `PATCH ${B}/variables/PERSONR_TOKEN_EXPIRES_AT`
    ]
  ])(
    'says the token is stored and works when %s the variable fails',
    async (_what, stored, route) => {
      const gh = fakeGitHub(REPO_SCOPE, stored)
      gh.routes.set(route, { status: 403 })
      const error = await rejection(refreshSecret(secretInputs(), gh.deps))
      expect(error).toBeInstanceOf(ActionError)
      expect(error.message).toContain(
        'The new token is stored in the secret PERSONR_TOKEN of repository octo/app and works'
      )
      expect(error.message).toContain(
        'could not be recorded in the variable PERSONR_TOKEN_EXPIRES_AT'
      )
      expect(error.message).toContain(
        `set PERSONR_TOKEN_EXPIRES_AT to ${MINTED.expiresAt.toISOString()}`
      )
      expect(error.message).not.toContain('no longer works')
      expect(gh.writes()).toContain(`github:PUT ${B}/secrets/PERSONR_TOKEN`)
    }
  )
})
