// A fake of the GitHub REST endpoints the action calls (API version 2022-11-28): the public keys,
// secrets and variables of every store (Actions, Dependabot, Codespaces; repository, environment,
// organization) and the repository lookup. It records every request, decrypts every sealed
// secret, and answers with GitHub's documented or recorded bodies (test/fixtures/github/). It
// checks nothing GitHub's rules would: the action's rules live in src/, and the tests assert.
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import sodium from 'libsodium-wrappers'
import type { HttpRequest, Send } from '../../src/http.ts'
import { fixture } from '../support/fixtures.ts'

export const DEFAULT_TOKEN = 'ghs_fake_writer_token'

/**
 * A store: 'actions:repo:OWNER/NAME', 'actions:env:OWNER/NAME:ENV', 'actions:org:ORG', and
 * 'dependabot:' or 'codespaces:' with 'repo:' or 'org:'. Without the app ('repo:…', 'env:…',
 * 'org:…') it is the Actions store. Compared case-insensitively.
 */
export type ScopeKey = string

/** A scope key, alone (read and write) or after 'read:' (GET only) or 'write:'. */
export type Grant = string

export interface TokenOptions {
  grants: Grant[] | '*'
  /** Sent as `github-authentication-token-expiration` on every answer to this token. */
  expiresAt?: string
}

export interface FakeGitHubOptions {
  /** Accepted tokens and what each may use; default { [DEFAULT_TOKEN]: '*' }. */
  tokens?: Record<string, Grant[] | '*' | TokenOptions>
  /** Repositories ('owner/name') known from the start, given ids in this order. */
  repos?: string[]
  /** Hold every answer this long (real timers, only when set). */
  delayMs?: number
  /** Hold the first answer on each new connection this much longer; each `send` counts as one. */
  connectionDelayMs?: number
  /** The time that `created_at` and `updated_at` are stamped with; default Date.now. */
  now?: () => number
}

export interface StoredSecret {
  /** The decrypted value. */
  value: string
  keyId: string
  updatedAt: string
  visibility?: string
  /** `selected_repository_ids` as the request sent it. */
  selectedRepositoryIds?: unknown[]
}

export interface Recorded {
  method: string
  /** The request target (path and query string, still percent-encoded). */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown
  /** performance.now() when the request arrived. */
  start: number
  /** performance.now() when the answer was handed over; Infinity while it is pending. */
  end: number
}

export interface FailRule {
  /** Matches any method when absent (compared case-insensitively). */
  method?: string
  /** Tested against `Recorded.path`; matches any path when absent. */
  path?: RegExp
  status: number
  headers?: Record<string, string>
  /** Sent as JSON; a string is sent as it is (an HTML page). Default `{message}`. */
  body?: unknown
  /** How many matching requests get this answer: default 1; Infinity = always. */
  times?: number
  /** Never answer (over HTTP; close() drops the connection). */
  hang?: boolean
}

export interface FakeGitHub {
  /** The API base, like https://api.github.com: http://127.0.0.1:PORT */
  url: string
  requests: Recorded[]
  /** The same handler and recording as over HTTP, without a socket. */
  send: Send
  publicKey(scope: ScopeKey): { keyId: string; key: string }
  secret(scope: ScopeKey, name: string): StoredSecret | undefined
  /** Stores a secret as if written earlier (at `updatedAt`, default now). */
  setSecret(scope: ScopeKey, name: string, value: string, options?: { updatedAt?: Date }): void
  variable(scope: ScopeKey, name: string): string | undefined
  setVariable(scope: ScopeKey, name: string, value: string): void
  /** 'owner/name' -> id. Known repositories; tests may add their own. */
  repoIds: Record<string, number>
  fail(rule: FailRule): void
  close(): Promise<void>
}

type Json = Record<string, unknown>

/** A body of GitHub's; test/fixtures/github/README.md says where each comes from. */
const documented = (name: string): Json => JSON.parse(fixture(`github/${name}.json`)) as Json

const APPS = ['actions', 'dependabot', 'codespaces'] as const
type App = (typeof APPS)[number]

interface Scope {
  /** Canonical: 'app:repo:owner/name', 'app:env:owner/name:env', 'app:org:org', lower case. */
  key: string
  app: App
  kind: 'repo' | 'env' | 'org'
  owner: string
  /** 'owner/name', for repository and environment stores. */
  repo?: string
}

type Route =
  | { what: 'repository'; repo: string }
  | { what: 'public-key'; scope: Scope }
  | { what: 'variables'; scope: Scope }
  | { what: 'secret'; scope: Scope; name: string }
  | { what: 'variable'; scope: Scope; name: string }

/** A secret (its value decrypted) or a variable. */
interface Entry {
  value: string
  createdAt: string
  updatedAt: string
  visibility?: string
  selectedRepositoryIds?: unknown[]
}

interface Store {
  keyId: string
  publicKey: Uint8Array
  privateKey: Uint8Array
  secrets: Map<string, Entry>
  variables: Map<string, Entry>
}

interface Token {
  /** '*' (everything) or the scopes granted, each read-only or read and write. */
  grants: '*' | { scope: Scope; write: boolean }[]
  expiresAt?: string
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  hang?: boolean
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  await sodium.ready
  const { delayMs = 0, connectionDelayMs = 0, now = Date.now } = options

  const requests: Recorded[] = []
  const repoIds: Record<string, number> = {}
  const stores = new Map<string, Store>()
  const failures: { rule: FailRule; remaining: number }[] = []
  const sockets = new Set<Socket>()
  const answered = new WeakSet<Socket>()
  const closed = new AbortController()
  let keyCounter = 0

  const tokens = new Map<string, Token>()
  for (const [token, given] of Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: '*' })) {
    const { grants, expiresAt } = Array.isArray(given) || given === '*' ? { grants: given } : given
    tokens.set(token, {
      grants: grants === '*' ? '*' : grants.map(parseGrant),
      ...(expiresAt === undefined ? {} : { expiresAt })
    })
  }
  for (const repo of options.repos ?? []) registerRepo(repo)
  for (const { grants } of tokens.values()) {
    if (grants !== '*') for (const { scope } of grants) if (scope.repo) registerRepo(scope.repo)
  }

  function findRepo(fullName: string): [string, number] | undefined {
    const wanted = fullName.toLowerCase()
    return Object.entries(repoIds).find(([name]) => name.toLowerCase() === wanted)
  }

  function registerRepo(fullName: string): void {
    if (findRepo(fullName)) return
    const used = new Set(Object.values(repoIds))
    let id = 1001
    while (used.has(id)) id++
    repoIds[fullName] = id
  }

  function store(scope: Scope): Store {
    let found = stores.get(scope.key)
    if (!found) {
      const pair = sodium.crypto_box_keypair()
      keyCounter++
      found = {
        keyId: String(3380204578043523366n + BigInt(keyCounter)),
        publicKey: pair.publicKey,
        privateKey: pair.privateKey,
        secrets: new Map(),
        variables: new Map()
      }
      stores.set(scope.key, found)
      if (scope.repo) registerRepo(scope.repo)
    }
    return found
  }

  function stamp(at: Date | number = now()): string {
    return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  function failure(method: string, path: string): Reply | undefined {
    const index = failures.findIndex(({ rule }) => {
      if (rule.method && rule.method.toUpperCase() !== method) return false
      if (!rule.path) return true
      rule.path.lastIndex = 0
      return rule.path.test(path)
    })
    const entry = failures[index]
    if (!entry) return undefined
    if (--entry.remaining <= 0) failures.splice(index, 1)
    const { rule } = entry
    const body =
      rule.body === undefined && rule.status !== 204 && rule.status !== 304
        ? { message: STATUS_CODES[rule.status] ?? 'Error' }
        : rule.body
    return {
      status: rule.status,
      body,
      ...(rule.headers ? { headers: rule.headers } : {}),
      ...(rule.hang ? { hang: true } : {})
    }
  }

  /** Whether the token can see a repository at all: GitHub hides the others behind 404. */
  function sees(token: Token, repo: string): boolean {
    if (token.grants === '*') return true
    const owner = repo.toLowerCase().split('/')[0]
    return token.grants.some(
      ({ scope }) =>
        scope.repo === repo.toLowerCase() || (scope.kind === 'org' && scope.owner === owner)
    )
  }

  /** 404 where the token cannot see the repository, 403 where it lacks the permission. */
  function refusal(token: Token, route: Route, method: string): Reply | undefined {
    if (route.what === 'repository') {
      return sees(token, route.repo) ? undefined : reply(404, documented('not-found'))
    }
    if (token.grants === '*') return undefined
    const { scope } = route
    const covering = scope.kind === 'env' ? [scope.key, `actions:repo:${scope.repo}`] : [scope.key]
    const grants = token.grants.filter((grant) => covering.includes(grant.scope.key))
    const write = method !== 'GET'
    if (grants.some((grant) => grant.write || !write)) return undefined
    if (grants.length === 0 && scope.repo && !sees(token, scope.repo)) {
      return reply(404, documented('not-found'))
    }
    return reply(403, documented('not-accessible'))
  }

  /** Records the request and decides the answer; state changes here, before any delay. */
  function handle(
    method: string,
    path: string,
    headers: Recorded['headers'],
    raw: string,
    start: number
  ): { record: Recorded; answer: Reply; token: Token | undefined } {
    let body: unknown
    try {
      body = raw.trim() === '' ? undefined : (JSON.parse(raw) as unknown)
    } catch {
      body = undefined
    }
    const record: Recorded = { method, path, headers, body, start, end: Infinity }
    requests.push(record)

    const credentials = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(String(headers.authorization ?? ''))
    const token = credentials?.[1] === undefined ? undefined : tokens.get(credentials[1])
    const failed = failure(method, path)
    if (failed) return { record, answer: failed, token: undefined }
    if (!token) return { record, answer: reply(401, documented('bad-credentials')), token }
    return { record, answer: respond(method, path, body, token), token }
  }

  function respond(method: string, path: string, body: unknown, token: Token): Reply {
    const route = parseRoute(path)
    const allowed: Record<Route['what'], string[]> = {
      repository: ['GET'],
      'public-key': ['GET'],
      secret: ['GET', 'PUT'],
      variables: ['POST'],
      variable: ['GET', 'PATCH']
    }
    if (!route || !allowed[route.what].includes(method)) return reply(404, documented('not-found'))
    const refused = refusal(token, route, method)
    if (refused) return refused
    const input = isObject(body) ? body : {}

    if (route.what === 'repository') {
      const known = findRepo(route.repo)
      if (!known) return reply(404, documented('not-found'))
      const [fullName, id] = known
      const [login = '', name = ''] = fullName.split('/')
      const owner = { ...(documented('repository').owner as Json), login }
      return reply(200, shaped(documented('repository'), { id, name, full_name: fullName, owner }))
    }

    const { scope } = route
    const target = store(scope)
    if (route.what === 'public-key') {
      return reply(
        200,
        shaped(documented('public-key'), { key_id: target.keyId, key: b64(target) })
      )
    }
    if (route.what === 'variables') return createVariable(scope, target, input)

    const key = route.name.toUpperCase()
    if (route.what === 'variable') {
      const existing = target.variables.get(key)
      if (!existing) return reply(404, documented('not-found'))
      if (method === 'GET') return reply(200, describe(scope, 'variables', key, existing))
      if (typeof input.value === 'string') existing.value = input.value
      Object.assign(existing, access(scope, input), { updatedAt: stamp() })
      return reply(204)
    }

    const existing = target.secrets.get(key)
    if (method === 'GET') {
      return existing
        ? reply(200, describe(scope, 'secrets', key, existing))
        : reply(404, documented('not-found'))
    }
    const value =
      input.key_id === target.keyId && typeof input.encrypted_value === 'string'
        ? open(target, input.encrypted_value)
        : undefined
    if (value === undefined) return reply(422, documented('improperly-encrypted'))
    const at = stamp()
    target.secrets.set(key, {
      value,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      ...access(scope, input)
    })
    return existing ? reply(204) : reply(201, {})
  }

  function createVariable(scope: Scope, target: Store, input: Json): Reply {
    if (typeof input.name !== 'string' || typeof input.value !== 'string') {
      // Not a request the action makes; no GitHub answer for it is recorded here.
      return reply(500, { message: 'fake-github: a variable needs a string name and value' })
    }
    const key = input.name.toUpperCase()
    // GitHub documents no answer for this; the status is what src/ expects, the body a default.
    if (target.variables.has(key)) return reply(409, { message: STATUS_CODES[409] })
    const at = stamp()
    target.variables.set(key, {
      value: input.value,
      createdAt: at,
      updatedAt: at,
      ...access(scope, input)
    })
    return reply(201, {})
  }

  /** GitHub's documented answer for a secret or variable, with this one's values. */
  function describe(
    scope: Scope,
    kind: 'secrets' | 'variables',
    name: string,
    record: Entry
  ): Json {
    const org = scope.kind === 'org'
    const example = `${org ? 'org-' : ''}${kind === 'secrets' ? 'secret' : 'variable'}` as const
    return shaped(documented(example), {
      name,
      value: kind === 'variables' ? record.value : undefined,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      visibility: org ? record.visibility : undefined,
      selected_repositories_url:
        org && record.visibility === 'selected'
          ? `${url}/orgs/${scope.owner}/${scope.app}/${kind}/${name}/repositories`
          : undefined
    })
  }

  /** Renders an answer; fail() answers carry only the rule's headers. */
  function render(
    answer: Reply,
    token: Token | undefined
  ): { status: number; headers: Record<string, string>; body: string } {
    const headers: Record<string, string> = { 'x-github-api-version-selected': '2022-11-28' }
    if (token?.expiresAt !== undefined) {
      headers['github-authentication-token-expiration'] = token.expiresAt
    }
    let body = ''
    if (answer.body !== undefined && answer.status !== 204 && answer.status !== 304) {
      const html = typeof answer.body === 'string'
      body = html ? (answer.body as string) : JSON.stringify(answer.body)
      headers['content-type'] = html
        ? 'text/html; charset=utf-8'
        : 'application/json; charset=utf-8'
      headers['content-length'] = String(Buffer.byteLength(body))
    }
    for (const [name, value] of Object.entries(answer.headers ?? {})) {
      headers[name.toLowerCase()] = value
    }
    return { status: answer.status, headers, body }
  }

  async function hold(newConnection: boolean, signal: AbortSignal): Promise<void> {
    const ms = delayMs + (newConnection ? connectionDelayMs : 0)
    if (ms > 0) await sleep(ms, undefined, { signal })
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const start = performance.now()
    const newConnection = !answered.has(request.socket)
    answered.add(request.socket)
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const { record, answer, token } = handle(
        (request.method ?? 'GET').toUpperCase(),
        request.url ?? '/',
        { ...request.headers },
        Buffer.concat(chunks).toString('utf8'),
        start
      )
      if (answer.hang) return
      hold(newConnection, closed.signal).then(
        () => {
          const { status, headers, body } = render(answer, token)
          record.end = performance.now()
          response.writeHead(status, headers)
          response.end(body)
        },
        () => response.destroy()
      )
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const send: Send = async (request, signal) => {
    signal.throwIfAborted()
    const start = performance.now()
    const target = new URL(request.url)
    const { record, answer, token } = handle(
      request.method.toUpperCase(),
      target.pathname + target.search,
      lowerCased(request.headers),
      await text(request.body),
      start
    )
    try {
      await hold(true, AbortSignal.any([signal, closed.signal]))
    } catch (error) {
      record.end = performance.now()
      throw signal.aborted ? signal.reason : error
    }
    const { status, headers, body } = render(answer, token)
    record.end = performance.now()
    return { status, headers, body, bodyTooLarge: false }
  }

  let closing: Promise<void> | undefined

  return {
    url,
    requests,
    repoIds,
    send,
    publicKey(scope) {
      const found = store(parseScope(scope))
      return { keyId: found.keyId, key: b64(found) }
    },
    secret(scope, name) {
      const target = stores.get(parseScope(scope).key)
      const found = target?.secrets.get(name.toUpperCase())
      if (!target || !found) return undefined
      const { value, updatedAt, visibility, selectedRepositoryIds } = found
      return {
        value,
        // A write is stored only when it opens with the store's key.
        keyId: target.keyId,
        updatedAt,
        ...(visibility === undefined ? {} : { visibility }),
        ...(selectedRepositoryIds === undefined
          ? {}
          : { selectedRepositoryIds: [...selectedRepositoryIds] })
      }
    },
    setSecret(scope, name, value, { updatedAt } = {}) {
      const parsed = parseScope(scope)
      const at = stamp(updatedAt ?? now())
      store(parsed).secrets.set(name.toUpperCase(), {
        value,
        createdAt: at,
        updatedAt: at,
        ...(parsed.kind === 'org' ? { visibility: 'private' } : {})
      })
    },
    variable(scope, name) {
      return stores.get(parseScope(scope).key)?.variables.get(name.toUpperCase())?.value
    },
    setVariable(scope, name, value) {
      const parsed = parseScope(scope)
      const target = store(parsed)
      const key = name.toUpperCase()
      const at = stamp()
      const existing = target.variables.get(key)
      target.variables.set(key, {
        ...(existing ?? { createdAt: at, ...(parsed.kind === 'org' ? { visibility: 'all' } : {}) }),
        value,
        updatedAt: at
      })
    },
    fail(rule) {
      const times = rule.times ?? 1
      if (!(times > 0)) throw new Error('fake-github: fail() needs times > 0')
      failures.push({ rule, remaining: times })
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed.abort()
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
      })
      return closing
    }
  }
}

const SCOPE =
  /^(?:(actions|dependabot|codespaces):)?(?:repo:([^/:\s]+\/[^/:\s]+)|env:([^/:\s]+\/[^/:\s]+):(.+)|org:([^/:\s]+))$/

function parseScope(text: ScopeKey): Scope {
  const match = SCOPE.exec(text.trim().toLowerCase())
  const app = (match?.[1] ?? 'actions') as App
  const [, , repo, envRepo, env, org] = match ?? []
  if (repo) return { key: `${app}:repo:${repo}`, app, kind: 'repo', owner: owner(repo), repo }
  if (envRepo && env && app === 'actions') {
    return {
      key: `${app}:env:${envRepo}:${env}`,
      app,
      kind: 'env',
      owner: owner(envRepo),
      repo: envRepo
    }
  }
  if (org) return { key: `${app}:org:${org}`, app, kind: 'org', owner: org }
  throw new Error(`fake-github: not a scope key: ${text}`)
}

function parseGrant(text: Grant): { scope: Scope; write: boolean } {
  const match = /^(read|write):(.*)$/i.exec(text.trim())
  return {
    scope: parseScope(match?.[2] ?? text),
    write: match?.[1]?.toLowerCase() !== 'read'
  }
}

function owner(repo: string): string {
  return repo.split('/')[0] ?? ''
}

function parseRoute(path: string): Route | undefined {
  let parts: string[]
  try {
    parts = new URL(path, 'http://fake.invalid').pathname
      .split('/')
      .slice(1)
      .map(decodeURIComponent)
  } catch {
    return undefined
  }
  // GitHub's docs: a trailing slash is a 404 too.
  if (parts.some((part) => part === '')) return undefined
  const [top, a, b, ...rest] = parts
  if (top === 'repos' && a !== undefined && b !== undefined) {
    const repo = `${a}/${b}`
    const [first, second, ...more] = rest
    if (first === undefined) return { what: 'repository', repo }
    if (first === 'environments' && second !== undefined) {
      return storeRoute(`actions:env:${repo}:${second}`, more)
    }
    return isApp(first) ? storeRoute(`${first}:repo:${repo}`, rest.slice(1)) : undefined
  }
  if (top === 'orgs' && a !== undefined && isApp(b)) return storeRoute(`${b}:org:${a}`, rest)
  return undefined
}

function storeRoute(key: string, tail: string[]): Route | undefined {
  let scope: Scope
  try {
    scope = parseScope(key)
  } catch {
    return undefined
  }
  const [resource, name, ...extra] = tail
  if (extra.length > 0) return undefined
  if (resource === 'secrets' && name === 'public-key') return { what: 'public-key', scope }
  if (resource === 'secrets' && name !== undefined) return { what: 'secret', scope, name }
  // Dependabot and Codespaces have no variables.
  if (resource !== 'variables' || scope.app !== 'actions') return undefined
  return name === undefined ? { what: 'variables', scope } : { what: 'variable', scope, name }
}

function isApp(value: string | undefined): value is App {
  return APPS.includes(value as App)
}

/** Who may read an organization secret or variable, as the request said; nothing elsewhere. */
function access(
  scope: Scope,
  input: Json
): { visibility?: string; selectedRepositoryIds?: unknown[] } {
  if (scope.kind !== 'org') return {}
  return {
    ...(typeof input.visibility === 'string' ? { visibility: input.visibility } : {}),
    ...(Array.isArray(input.selected_repository_ids)
      ? { selectedRepositoryIds: [...(input.selected_repository_ids as unknown[])] }
      : {})
  }
}

/**
 * A documented example with the fake's values: each field of the example is kept, replaced
 * by the value given for it, or left out where the value given is undefined.
 */
function shaped(example: Json, values: Json): Json {
  const result: Json = {}
  for (const [name, documented] of Object.entries(example)) {
    if (!(name in values)) result[name] = documented
    else if (values[name] !== undefined) result[name] = values[name]
  }
  return result
}

function open(target: Store, encrypted: string): string | undefined {
  try {
    const sealed = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL)
    const plain = sodium.crypto_box_seal_open(sealed, target.publicKey, target.privateKey)
    return new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch {
    return undefined
  }
}

function b64(target: Store): string {
  return sodium.to_base64(target.publicKey, sodium.base64_variants.ORIGINAL)
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function reply(status: number, body?: unknown): Reply {
  return body === undefined ? { status } : { status, body }
}

function lowerCased(headers: OutgoingHttpHeaders): Recorded['headers'] {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.toLowerCase(),
      typeof value === 'number' ? String(value) : value
    ])
  )
}

async function text(body: HttpRequest['body']): Promise<string> {
  if (body === undefined || typeof body === 'string') return body ?? ''
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(Buffer.from(chunk as string | Uint8Array))
  return Buffer.concat(chunks).toString('utf8')
}
