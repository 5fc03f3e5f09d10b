// A fake of the GitHub REST endpoints the action calls (API version 2022-11-28): the public keys,
// secrets and variables of every store (Actions, Dependabot, Codespaces; repository, environment,
// organization), read, written and deleted, and the repository lookup. It records every request,
// decrypts every sealed secret, and answers with GitHub's documented or recorded bodies
// (test/fixtures/github/). It refuses what GitHub refuses whatever the action's rules (no
// User-Agent, an unknown token, a repository, environment or organization that does not exist, a
// required field left out), and checks nothing more: the action's rules live in src/, and the
// tests assert.
import { createServer, STATUS_CODES, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import sodium from 'libsodium-wrappers'
import type { Send } from '../../src/http.ts'
import { fixture } from '../support/fixtures.ts'

export const DEFAULT_TOKEN = 'ghs_fake_writer_token'

/**
 * A store: 'actions:repo:OWNER/NAME', 'actions:env:OWNER/NAME:ENV', 'actions:org:ORG', and
 * 'dependabot:' or 'codespaces:' with 'repo:' or 'org:'. Without the app ('repo:…', 'env:…',
 * 'org:…') it is the Actions store. Compared case-insensitively.
 */
export type ScopeKey = string

/** Every store ('*'), or scope keys, each alone (read and write) or after 'read:' (GET only). */
type Grants = '*' | ScopeKey[]

export interface FakeGitHubOptions {
  /**
   * Accepted tokens and what each may use; default { [DEFAULT_TOKEN]: '*' }. `expiresAt` is sent
   * as `github-authentication-token-expiration` on every answer to that token.
   */
  tokens?: Record<string, Grants | { grants: Grants; expiresAt: string }>
  /**
   * Repositories ('owner/name') that exist, given ids from 1001 in this order; their owners are
   * the organizations that exist. Any other is not found, as on GitHub.
   */
  repos?: string[]
  /** Environments ('owner/name:env') that exist; any other is not found. */
  environments?: string[]
  /** Hold every answer over HTTP this long (real timers, only when set): a network round trip. */
  delayMs?: number
  /** Hold the first answer on each new connection this much longer. */
  connectionDelayMs?: number
  /** The time that `created_at` and `updated_at` are stamped with; default Date.now. */
  now?: () => number
}

/** A secret (its value decrypted) or a variable, as the fake holds it. */
export interface Entry {
  /** The decrypted value. */
  value: string
  createdAt: string
  updatedAt: string
  /** Who may read an organization secret or variable, as the last write said. */
  visibility?: string
  selectedRepositoryIds?: unknown[]
}

export interface Recorded {
  method: string
  /** The request target (path and query string, still percent-encoded). */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON, or undefined when the body was empty. */
  body: unknown
  /** performance.now() when the request, body and all, arrived. */
  start: number
  /** performance.now() when the answer was handed over; Infinity while it is pending. */
  end: number
}

/** An injected answer, for a request that passed the User-Agent and token checks. */
export interface FailRule {
  /** Matches any method when absent. */
  method?: string
  /** Tested against `Recorded.path`; matches any path when absent. */
  path?: RegExp
  status: number
  headers?: Record<string, string>
  /** Sent as JSON. Default `{message}`. */
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
  /** The same handler and recording as over HTTP, without a socket (and without delays). */
  send: Send
  secret(scope: ScopeKey, name: string): Entry | undefined
  /** Stores a secret as if written earlier (at `updatedAt`, default now). */
  setSecret(scope: ScopeKey, name: string, value: string, options?: { updatedAt?: Date }): void
  /** A variable's value. */
  variable(scope: ScopeKey, name: string): string | undefined
  /** A variable with its times. */
  variableEntry(scope: ScopeKey, name: string): Entry | undefined
  /** Stores a variable as if written earlier (at `updatedAt`, default now). */
  setVariable(scope: ScopeKey, name: string, value: string, options?: { updatedAt?: Date }): void
  /** 'owner/name' -> id, of the repositories given in `repos`. */
  repoIds: Record<string, number>
  fail(rule: FailRule): void
  /**
   * Holds every answer over HTTP from now on until release() lets it go: requests stay out for
   * as long as a test needs, whatever the machine's load. close() drops the held ones.
   */
  hold(): void
  /** Sends the `count` oldest held answers; without a count, every one, and stops holding. */
  release(count?: number): void
  /** Resolves once `count` answers are held at the same time. */
  whenHeld(count: number): Promise<void>
  close(): Promise<void>
}

type Json = Record<string, unknown>

/** A body of GitHub's; test/fixtures/github/README.md says where each comes from. */
const documented = (name: string): Json => JSON.parse(fixture(`github/${name}.json`)) as Json

interface Store {
  keyId: string
  publicKey: Uint8Array
  privateKey: Uint8Array
  secrets: Map<string, Entry>
  variables: Map<string, Entry>
}

interface Token {
  /** '*' or the scope keys granted, each read-only or read and write. */
  grants: '*' | { key: string; write: boolean }[]
  expiresAt?: string
}

interface Reply {
  status: number
  /** Sent as JSON. */
  body?: unknown
  /** Sent as it is, as HTML: GitHub's front end answers so. */
  html?: string
  headers?: Record<string, string>
  hang?: boolean
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  await sodium.ready
  const { delayMs = 0, connectionDelayMs = 0, now = Date.now } = options
  const requests: Recorded[] = []
  const stores = new Map<string, Store>()
  const failures: { rule: FailRule; remaining: number }[] = []
  const closed = new AbortController()
  const repoIds: Record<string, number> = {}
  options.repos?.forEach((repo, i) => (repoIds[repo] = 1001 + i))
  const repos = new Set(options.repos?.map((repo) => repo.toLowerCase()))
  const environments = new Set(options.environments?.map((env) => env.toLowerCase()))

  const tokens = new Map<string, Token>()
  for (const [token, given] of Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: '*' })) {
    const { grants, expiresAt } = given === '*' || Array.isArray(given) ? { grants: given } : given
    tokens.set(token, {
      grants: grants === '*' ? '*' : grants.map(parseGrant),
      ...(expiresAt === undefined ? {} : { expiresAt })
    })
  }

  function store(key: string): Store {
    let found = stores.get(key)
    if (!found) {
      const { publicKey, privateKey } = sodium.crypto_box_keypair()
      const keyId = String(3380204578043523366n + BigInt(stores.size + 1))
      found = { keyId, publicKey, privateKey, secrets: new Map(), variables: new Map() }
      stores.set(key, found)
    }
    return found
  }

  /** Whether the repository, environment or organization of a scope key exists. */
  function exists(key: string): boolean {
    const [, kind, place = ''] = /^\w+:(repo|env|org):(.+)$/.exec(key) ?? []
    if (kind === 'org') return [...repos].some((repo) => repo.startsWith(`${place}/`))
    return (kind === 'repo' ? repos : environments).has(place)
  }

  /** The store a test fills in: one the fake was not told of is a mistake in the test. */
  function seeded(scope: ScopeKey): Store {
    const key = scopeKey(scope)
    if (!exists(key)) throw new Error(`fake-github: no repos or environments entry for ${scope}`)
    return store(key)
  }

  const stamp = (at: Date | number = now()): string =>
    new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')

  /** A copy of a secret or variable as the fake holds it. */
  function held(kind: 'secrets' | 'variables', scope: ScopeKey, name: string) {
    const found = stores.get(scopeKey(scope))?.[kind].get(name.toUpperCase())
    return found && structuredClone(found)
  }

  /** Stores a secret or variable as if written at `updatedAt` (default now). */
  function hold(
    kind: 'secrets' | 'variables',
    scope: ScopeKey,
    name: string,
    value: string,
    updatedAt?: Date
  ) {
    const at = stamp(updatedAt)
    seeded(scope)[kind].set(name.toUpperCase(), { value, createdAt: at, updatedAt: at })
  }

  function failure(method: string, path: string): Reply | undefined {
    const index = failures.findIndex(
      ({ rule }) =>
        (!rule.method || rule.method.toUpperCase() === method) && (rule.path?.test(path) ?? true)
    )
    const entry = failures[index]
    if (!entry) return undefined
    if (--entry.remaining <= 0) failures.splice(index, 1)
    const { rule } = entry
    return { ...rule, body: rule.body ?? { message: STATUS_CODES[rule.status] } }
  }

  /** Records the request and decides the answer; state changes here, before any delay. */
  function handle(method: string, path: string, headers: Recorded['headers'], raw: string) {
    const body: unknown = raw.trim() === '' ? undefined : JSON.parse(raw)
    const start = performance.now()
    const record: Recorded = { method, path, headers, body, start, end: Infinity }
    requests.push(record)
    // GitHub's front end refuses a request without a User-Agent before anything else.
    if (!headers['user-agent']) return { record, answer: noUserAgent(), token: undefined }
    const bearer = /^Bearer (\S+)$/.exec(String(headers.authorization))?.[1] ?? ''
    const token = tokens.get(bearer)
    if (!token) return { record, answer: reply(401, documented('bad-credentials')), token }
    // Injected failures come after authentication, as GitHub's own do.
    const failed = failure(method, path)
    if (failed) return { record, answer: failed, token: undefined }
    const input = isObject(body) ? body : {}
    return { record, answer: respond(method, path.split('?')[0] ?? '', input, token), token }
  }

  function respond(method: string, path: string, input: Json, token: Token): Reply {
    const repository = /^\/repos\/([^/]+\/[^/]+)$/.exec(path)?.[1]
    if (repository !== undefined && method === 'GET') return lookUp(decodeURIComponent(repository))
    const route = parseRoute(path)
    if (!route || !exists(route.key)) return notFound()
    const { what, key, name = '' } = route
    const write = method !== 'GET'
    if (token.grants !== '*' && !token.grants.some((g) => g.key === key && (g.write || !write))) {
      return reply(403, documented('not-accessible'))
    }
    const target = store(key)
    const secret = target.secrets.get(name)
    const variable = target.variables.get(name)
    // GitHub requires who may read an organization secret or variable.
    const org = key.includes(':org:') ? ['visibility'] : []
    switch (`${method} ${what}`) {
      case 'GET public-key':
        return reply(
          200,
          shaped(documented('public-key'), { key_id: target.keyId, key: b64(target) })
        )
      case 'GET secret':
        return secret ? reply(200, describe(key, name, secret)) : notFound()
      case 'PUT secret': {
        const missing = unsupplied(input, ['encrypted_value', 'key_id', ...org])
        if (missing) return missing
        const value =
          input.key_id === target.keyId ? open(target, input.encrypted_value) : undefined
        if (value === undefined) return reply(422, documented('improperly-encrypted'))
        const at = stamp()
        const createdAt = secret?.createdAt ?? at
        target.secrets.set(name, { value, createdAt, updatedAt: at, ...access(input) })
        return secret ? reply(204) : reply(201, {})
      }
      case 'DELETE secret':
        return target.secrets.delete(name) ? reply(204) : notFound()
      case 'POST variables': {
        const missing = unsupplied(input, ['name', 'value', ...org])
        if (missing) return missing
        const posted = (input.name as string).toUpperCase()
        // GitHub documents no body for this; the status is what src/ expects.
        if (target.variables.has(posted)) return reply(409, { message: STATUS_CODES[409] })
        const at = stamp()
        const value = input.value as string
        target.variables.set(posted, { value, createdAt: at, updatedAt: at, ...access(input) })
        return reply(201, {})
      }
      case 'GET variable':
        return variable ? reply(200, describe(key, name, variable, true)) : notFound()
      case 'PATCH variable': {
        if (!variable) return notFound()
        // Optional on GitHub, which can rename here; the fake renames nothing, so it needs value.
        const missing = unsupplied(input, ['value'])
        if (missing) return missing
        Object.assign(variable, { value: input.value, updatedAt: stamp() }, access(input))
        return reply(204)
      }
      case 'DELETE variable':
        return target.variables.delete(name) ? reply(204) : notFound()
    }
    return notFound()
  }

  function lookUp(repo: string): Reply {
    const fullName = Object.keys(repoIds).find((n) => n.toLowerCase() === repo.toLowerCase())
    if (fullName === undefined) return notFound()
    const [login, name] = fullName.split('/')
    const example = documented('repository')
    const owner = { ...(example.owner as Json), login }
    return reply(200, shaped(example, { id: repoIds[fullName], name, full_name: fullName, owner }))
  }

  /** GitHub's documented answer for a secret or variable, with this one's values. */
  function describe(key: string, name: string, entry: Entry, variable = false): Json {
    const example = `${key.includes(':org:') ? 'org-' : ''}${variable ? 'variable' : 'secret'}`
    return shaped(documented(example), {
      name,
      value: entry.value,
      created_at: entry.createdAt,
      updated_at: entry.updatedAt,
      visibility: entry.visibility,
      // The fake serves no list of selected repositories.
      selected_repositories_url: undefined
    })
  }

  /** Renders an answer; fail() answers carry only the rule's headers, no token expiry. */
  function render(answer: Reply, token: Token | undefined) {
    const headers: Record<string, string> = { 'x-github-api-version-selected': '2022-11-28' }
    if (token?.expiresAt !== undefined) {
      headers['github-authentication-token-expiration'] = token.expiresAt
    }
    const body = answer.html ?? (answer.body === undefined ? '' : JSON.stringify(answer.body))
    if (body !== '') {
      headers['content-type'] =
        answer.html === undefined ? 'application/json; charset=utf-8' : 'text/html'
      headers['content-length'] = String(Buffer.byteLength(body))
    }
    for (const [name, value] of Object.entries(answer.headers ?? {})) {
      headers[name.toLowerCase()] = value
    }
    return { status: answer.status, headers, body }
  }

  let holding = false
  /** The answers held by hold(), oldest first, each ready to go out. */
  const heldAnswers: (() => void)[] = []
  const waiting: { count: number; resolve: () => void }[] = []
  const wake = (): void => {
    for (const waiter of waiting.filter((w) => heldAnswers.length >= w.count)) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve()
    }
  }

  const answered = new WeakSet<Socket>()
  const server = createServer((request, response) => {
    const newConnection = !answered.has(request.socket)
    answered.add(request.socket)
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const { record, answer, token } = handle(
        request.method ?? '',
        request.url ?? '',
        { ...request.headers },
        Buffer.concat(chunks).toString('utf8')
      )
      if (answer.hang) return
      const ms = delayMs + (newConnection ? connectionDelayMs : 0)
      const go = () =>
        void sleep(ms, undefined, { signal: closed.signal }).then(
          () => {
            const { status, headers, body } = render(answer, token)
            record.end = performance.now()
            response.writeHead(status, headers)
            response.end(body)
          },
          () => response.destroy()
        )
      if (!holding) return go()
      heldAnswers.push(go)
      wake()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const send: Send = async (request, signal) => {
    signal.throwIfAborted()
    if (typeof request.body === 'object') throw new Error('fake-github: send() takes text bodies')
    const target = new URL(request.url)
    const { record, answer, token } = handle(
      request.method,
      target.pathname + target.search,
      lowerCased(request.headers),
      request.body ?? ''
    )
    // Answered on a later turn, as over a socket: requests sent together are in flight together.
    await new Promise(setImmediate)
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
    secret: (scope, name) => held('secrets', scope, name),
    setSecret: (scope, name, value, { updatedAt } = {}) =>
      hold('secrets', scope, name, value, updatedAt),
    variable: (scope, name) => held('variables', scope, name)?.value,
    variableEntry: (scope, name) => held('variables', scope, name),
    setVariable: (scope, name, value, { updatedAt } = {}) =>
      hold('variables', scope, name, value, updatedAt),
    fail(rule) {
      failures.push({ rule, remaining: rule.times ?? 1 })
    },
    hold() {
      holding = true
    },
    release(count) {
      if (count === undefined) holding = false
      for (const go of heldAnswers.splice(0, count ?? heldAnswers.length)) go()
    },
    whenHeld(count) {
      return new Promise<void>((resolve) => {
        waiting.push({ count, resolve })
        wake()
      })
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed.abort()
        server.close(() => resolve())
        server.closeAllConnections() // hung and keep-alive ones too
      })
      return closing
    }
  }
}

/** A scope key as stored: lower case, with its app. */
function scopeKey(text: ScopeKey): string {
  const key = text.trim().toLowerCase()
  return /^(actions|dependabot|codespaces):/.test(key) ? key : `actions:${key}`
}

function parseGrant(text: string): { key: string; write: boolean } {
  const read = /^read:/i.test(text)
  return { key: scopeKey(text.replace(/^(read|write):/i, '')), write: !read }
}

/** The path of each store, and its scope key in the path's groups. */
const STORE_PATHS: [RegExp, string][] = [
  [/^\/repos\/([^/]+\/[^/]+)\/environments\/([^/]+)/, 'actions:env:$1:$2'],
  [/^\/repos\/([^/]+\/[^/]+)\/(actions|dependabot|codespaces)/, '$2:repo:$1'],
  [/^\/orgs\/([^/]+)\/(actions|dependabot|codespaces)/, '$2:org:$1']
]

interface Route {
  what: 'public-key' | 'secret' | 'variables' | 'variable'
  key: string
  /** The secret's or variable's name, upper-cased as GitHub stores it. */
  name?: string
}

/** The store paths the action calls: a store's public key, its secrets, its variables. */
function parseRoute(path: string): Route | undefined {
  for (const [prefix, template] of STORE_PATHS) {
    const base = prefix.exec(path)?.[0]
    if (base === undefined) continue
    const key = scopeKey(decodeURIComponent(base.replace(prefix, template)))
    const rest = /^\/(secrets|variables)(?:\/([^/]+))?$/.exec(path.slice(base.length))
    const [, resource, raw] = rest ?? []
    const name = raw === undefined ? undefined : decodeURIComponent(raw).toUpperCase()
    // Dependabot and Codespaces have secrets only.
    if (resource === 'variables') {
      if (!key.startsWith('actions:')) return undefined
      return name ? { what: 'variable', key, name } : { what: 'variables', key }
    }
    if (resource !== 'secrets' || !name) return undefined
    return raw === 'public-key' ? { what: 'public-key', key } : { what: 'secret', key, name }
  }
  return undefined
}

/** Who may read an organization secret or variable, as the request said; nothing elsewhere. */
function access(input: Json): { visibility?: string; selectedRepositoryIds?: unknown[] } {
  const ids = input.selected_repository_ids
  return {
    ...(typeof input.visibility === 'string' ? { visibility: input.visibility } : {}),
    ...(Array.isArray(ids) ? { selectedRepositoryIds: ids } : {})
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

/** The sealed value, or undefined when it does not open with this store's key. */
function open(target: Store, encrypted: unknown): string | undefined {
  try {
    const sealed = sodium.from_base64(String(encrypted), sodium.base64_variants.ORIGINAL)
    const plain = sodium.crypto_box_seal_open(sealed, target.publicKey, target.privateKey)
    return new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch {
    return undefined
  }
}

const b64 = (target: Store): string =>
  sodium.to_base64(target.publicKey, sodium.base64_variants.ORIGINAL)

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const notFound = (): Reply => reply(404, documented('not-found'))

const noUserAgent = (): Reply => ({ status: 403, html: fixture('github/no-user-agent.txt') })

/** GitHub's 422 for the first of `fields` that is not a string in the body, if any. */
function unsupplied(input: Json, fields: string[]): Reply | undefined {
  const field = fields.find((name) => typeof input[name] !== 'string')
  if (field === undefined) return undefined
  const example = documented('not-supplied')
  return reply(422, { ...example, message: String(example.message).replace('key_id', field) })
}

const reply = (status: number, body?: unknown): Reply =>
  body === undefined ? { status } : { status, body }

function lowerCased(headers: OutgoingHttpHeaders): Recorded['headers'] {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.toLowerCase(),
      typeof value === 'number' ? String(value) : value
    ])
  )
}
