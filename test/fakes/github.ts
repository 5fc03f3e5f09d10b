// A fake of the slice of GitHub's REST API the action uses: Actions secrets (sealed with the
// scope's libsodium public key, decrypted and kept here so tests can read them), Actions
// variables, and repository lookups. Real HTTP on 127.0.0.1; Node built-ins and libsodium only.
// It never prints anything, and secret values only ever leave it through `secret()`.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import sodium from 'libsodium-wrappers'

/** 'repo:OWNER/NAME' | 'env:OWNER/NAME:ENV' | 'org:ORG' (compared case-insensitively). */
export type ScopeKey = string

export interface StoredSecret {
  /** The decrypted value. */
  value: string
  keyId: string
  visibility?: string
  selectedRepositoryIds?: number[]
  updatedAt: string
}

export interface Recorded {
  method: string
  /** The request target as sent (path and query string, still percent-encoded). */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown
}

export interface FailRule {
  /** Matches any method when absent (compared case-insensitively). */
  method?: string
  /** Tested against the request target (`Recorded.path`); matches any path when absent. */
  path?: RegExp
  status: number
  headers?: Record<string, string>
  /** Sent as JSON; a string is sent as it is (e.g. an HTML error page). Default `{message}`. */
  body?: unknown
  /** How many matching requests get this answer: default 1; Infinity = always. */
  times?: number
}

export interface FakeGitHubOptions {
  /** Accepted bearer tokens and the scopes each may use; default { ghs_fake_writer_token: '*' }. */
  tokens?: Record<string, ScopeKey[] | '*'>
  /** Repositories ('owner/name') known from the start, given ids in this order. */
  repos?: string[]
}

export interface FakeGitHub {
  /** The API base, like https://api.github.com: http://127.0.0.1:PORT */
  url: string
  requests: Recorded[]
  publicKey(scope: ScopeKey): { keyId: string; key: string }
  secret(scope: ScopeKey, name: string): StoredSecret | undefined
  variable(scope: ScopeKey, name: string): string | undefined
  setVariable(scope: ScopeKey, name: string, value: string): void
  /** Stores a secret as if written earlier (for tests that start from a stored token). */
  setSecret(scope: ScopeKey, name: string, value: string): void
  /** 'owner/name' -> id. Known repositories; tests may add their own. */
  repoIds: Record<string, number>
  fail(rule: FailRule): void
  close(): Promise<void>
}

export const DEFAULT_TOKEN = 'ghs_fake_writer_token'

const VISIBILITIES = ['all', 'private', 'selected']
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/
const NOT_FOUND = { message: 'Not Found' }
const BAD_CREDENTIALS = {
  message: 'Bad credentials',
  documentation_url: 'https://docs.github.com/rest',
  status: '401'
}
const NOT_ACCESSIBLE = {
  message: 'Resource not accessible by personal access token',
  status: '403'
}
const NO_USER_AGENT = {
  message:
    'Request forbidden by administrative rules. Please make sure your request has a User-Agent header'
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

interface SecretRecord {
  value: string
  keyId: string
  visibility?: string
  selectedRepositoryIds?: number[]
  createdAt: string
  updatedAt: string
}

interface VariableRecord {
  name: string
  value: string
  visibility?: string
  selectedRepositoryIds?: number[]
  createdAt: string
  updatedAt: string
}

interface ScopeState {
  keyId: string
  publicKey: Uint8Array
  privateKey: Uint8Array
  secrets: Map<string, SecretRecord>
  variables: Map<string, VariableRecord>
}

type ScopeType = 'repo' | 'env' | 'org'

/** What a path names: a repository, or the secrets/variables of one scope. */
type Route =
  | { kind: 'repository'; owner: string; repo: string }
  | {
      kind: 'scoped'
      type: ScopeType
      scope: string
      owner: string
      repo?: string
      resource: 'secrets' | 'variables'
      rest: string[]
    }

type Json = Record<string, unknown>

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  await sodium.ready

  const tokens = new Map<string, Set<string> | '*'>()
  for (const [token, scopes] of Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: '*' })) {
    tokens.set(token, scopes === '*' ? '*' : new Set(scopes.map(normalizeScope)))
  }

  const requests: Recorded[] = []
  const repoIds: Record<string, number> = {}
  const scopes = new Map<string, ScopeState>()
  const failures: { rule: FailRule; remaining: number }[] = []
  const sockets = new Set<Socket>()
  let keyCounter = 0

  for (const repo of options.repos ?? []) registerRepo(repo)
  for (const granted of Object.values(options.tokens ?? {})) {
    if (granted === '*') continue
    for (const scope of granted) {
      const match = /^(?:repo|env):([^/:]+\/[^/:]+)/i.exec(scope.trim())
      if (match?.[1]) registerRepo(match[1])
    }
  }

  function findRepo(fullName: string): [string, number] | undefined {
    const wanted = fullName.toLowerCase()
    for (const [name, id] of Object.entries(repoIds)) {
      if (name.toLowerCase() === wanted) return [name, id]
    }
    return undefined
  }

  function registerRepo(fullName: string): void {
    if (findRepo(fullName)) return
    const used = new Set(Object.values(repoIds))
    let id = 1001
    while (used.has(id)) id++
    repoIds[fullName] = id
  }

  function state(scope: string): ScopeState {
    const key = normalizeScope(scope)
    let found = scopes.get(key)
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
      scopes.set(key, found)
    }
    return found
  }

  function failure(method: string, path: string): Reply | undefined {
    for (const [index, entry] of failures.entries()) {
      const { rule } = entry
      if (rule.method && rule.method.toUpperCase() !== method) continue
      if (rule.path) {
        rule.path.lastIndex = 0
        if (!rule.path.test(path)) continue
      }
      entry.remaining--
      if (entry.remaining <= 0) failures.splice(index, 1)
      const body =
        rule.body === undefined && rule.status !== 204 && rule.status !== 304
          ? { message: STATUS_CODES[rule.status] ?? 'Error' }
          : rule.body
      return { status: rule.status, body, ...(rule.headers ? { headers: rule.headers } : {}) }
    }
    return undefined
  }

  function permitted(granted: Set<string> | '*', route: Route): boolean {
    if (granted === '*') return true
    const owner = route.owner.toLowerCase()
    if (route.kind === 'repository') {
      const repo = `${owner}/${route.repo.toLowerCase()}`
      for (const scope of granted) {
        if (
          scope === `repo:${repo}` ||
          scope.startsWith(`env:${repo}:`) ||
          scope === `org:${owner}`
        )
          return true
      }
      return false
    }
    if (granted.has(route.scope)) return true
    // Access to a repository covers its environments.
    return route.type === 'env' && granted.has(`repo:${owner}/${route.repo?.toLowerCase() ?? ''}`)
  }

  function handle(
    method: string,
    target: string,
    headers: IncomingMessage['headers'],
    raw: string
  ) {
    let body: unknown = undefined
    let parsed = raw.trim() === ''
    if (!parsed) {
      try {
        body = JSON.parse(raw) as unknown
        parsed = true
      } catch {
        body = undefined
      }
    }
    requests.push({ method, path: target, headers: { ...headers }, body })

    const failed = failure(method, target)
    if (failed) return failed

    const agent = headers['user-agent']
    if (typeof agent !== 'string' || agent.trim() === '') return reply(403, NO_USER_AGENT)

    const credentials = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(headers.authorization ?? '')
    const granted = credentials?.[1] === undefined ? undefined : tokens.get(credentials[1])
    if (granted === undefined) return reply(401, BAD_CREDENTIALS)

    const route = parseRoute(target)
    if (!route) return reply(404, NOT_FOUND)

    if (route.kind === 'repository') {
      if (method !== 'GET' || !permitted(granted, route)) return reply(404, NOT_FOUND)
      const known = findRepo(`${route.owner}/${route.repo}`)
      if (!known) return reply(404, NOT_FOUND)
      const [fullName, id] = known
      const [login = '', name = ''] = fullName.split('/')
      return reply(200, { id, name, full_name: fullName, owner: { login } })
    }

    if (!permitted(granted, route)) return reply(403, NOT_ACCESSIBLE)
    if (route.repo !== undefined) registerRepo(`${route.owner}/${route.repo}`)
    const scope = state(route.scope)

    const needsBody = method === 'PUT' || method === 'POST' || method === 'PATCH'
    if (needsBody && !parsed) return reply(400, { message: 'Problems parsing JSON' })
    const input = isObject(body) ? body : undefined

    if (route.resource === 'secrets') return secrets(scope, route, method, input)
    return variables(scope, route, method, input)
  }

  function secrets(scope: ScopeState, route: ScopedRoute, method: string, body?: Json): Reply {
    const [name, ...extra] = route.rest
    if (name === undefined || extra.length > 0) return reply(404, NOT_FOUND)
    if (name === 'public-key') {
      if (method !== 'GET') return reply(404, NOT_FOUND)
      return reply(200, { key_id: scope.keyId, key: base64(scope.publicKey) })
    }
    const key = name.toUpperCase()
    const existing = scope.secrets.get(key)

    if (method === 'GET') {
      if (!existing) return reply(404, NOT_FOUND)
      return reply(200, {
        name: key,
        created_at: existing.createdAt,
        updated_at: existing.updatedAt,
        ...orgFields(route, key, existing)
      })
    }
    if (method !== 'PUT') return reply(404, NOT_FOUND)

    if (!validName(name)) return invalid(`Secret name ${name} is invalid.`)
    if (!body) return invalid('The request body must be a JSON object.')
    const encrypted = body.encrypted_value
    if (typeof encrypted !== 'string' || encrypted === '')
      return invalid('"encrypted_value" wasn\'t supplied.')
    if (typeof body.key_id !== 'string' || body.key_id === '')
      return invalid('"key_id" wasn\'t supplied.')

    let access: Access = {}
    if (route.type === 'org') {
      const result = visibility(body, true)
      if (typeof result === 'string') return invalid(result)
      access = result
    }
    if (body.key_id !== scope.keyId) return invalid('key_id does not match the public key.')
    const value = open(scope, encrypted)
    if (value === undefined) return invalid('encrypted_value could not be decrypted.')

    const now = timestamp()
    scope.secrets.set(key, {
      value,
      keyId: body.key_id,
      ...access,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now
    })
    return existing ? reply(204) : reply(201, {})
  }

  function variables(scope: ScopeState, route: ScopedRoute, method: string, body?: Json): Reply {
    const [name, ...extra] = route.rest
    if (extra.length > 0) return reply(404, NOT_FOUND)

    if (name === undefined) {
      if (method === 'GET') {
        const all = [...scope.variables.values()].map((variable) => describe(route, variable))
        return reply(200, { total_count: all.length, variables: all })
      }
      if (method !== 'POST') return reply(404, NOT_FOUND)
      if (!body) return invalid('The request body must be a JSON object.')
      if (typeof body.name !== 'string') return invalid('"name" wasn\'t supplied.')
      if (!validName(body.name)) return invalid(`Variable name ${body.name} is invalid.`)
      if (typeof body.value !== 'string') return invalid('"value" wasn\'t supplied.')
      let access: Access = {}
      if (route.type === 'org') {
        const result = visibility(body, true)
        if (typeof result === 'string') return invalid(result)
        access = result
      }
      const key = body.name.toUpperCase()
      if (scope.variables.has(key)) return reply(409, { message: 'Already exists' })
      const now = timestamp()
      scope.variables.set(key, {
        name: key,
        value: body.value,
        ...access,
        createdAt: now,
        updatedAt: now
      })
      return reply(201, {})
    }

    const key = name.toUpperCase()
    const existing = scope.variables.get(key)
    if (method === 'GET') {
      return existing ? reply(200, describe(route, existing)) : reply(404, NOT_FOUND)
    }
    if (method !== 'PATCH') return reply(404, NOT_FOUND)
    if (!existing) return reply(404, NOT_FOUND)
    if (!body) return invalid('The request body must be a JSON object.')
    if (body.name !== undefined && (typeof body.name !== 'string' || !validName(body.name)))
      return invalid(`Variable name ${String(body.name)} is invalid.`)
    if (body.value !== undefined && typeof body.value !== 'string')
      return invalid('"value" must be a string.')
    let access: Access = {}
    if (route.type === 'org') {
      const result = visibility(body, false)
      if (typeof result === 'string') return invalid(result)
      access = result.visibility === undefined ? pickAccess(existing) : result
      if (access.visibility === 'selected' && access.selectedRepositoryIds === undefined)
        return invalid('selected_repository_ids is required when visibility is selected.')
    }
    const renamed = typeof body.name === 'string' ? body.name.toUpperCase() : key
    if (renamed !== key && scope.variables.has(renamed))
      return reply(409, { message: 'Already exists' })
    scope.variables.delete(key)
    scope.variables.set(renamed, {
      name: renamed,
      value: typeof body.value === 'string' ? body.value : existing.value,
      ...access,
      createdAt: existing.createdAt,
      updatedAt: timestamp()
    })
    return reply(204)
  }

  function describe(route: ScopedRoute, variable: VariableRecord): Json {
    return {
      name: variable.name,
      value: variable.value,
      created_at: variable.createdAt,
      updated_at: variable.updatedAt,
      ...orgFields(route, variable.name, variable)
    }
  }

  function orgFields(route: ScopedRoute, name: string, record: Access): Json {
    if (route.type !== 'org') return {}
    const visibility = record.visibility ?? 'all'
    const kind = route.resource
    return visibility === 'selected'
      ? {
          visibility,
          selected_repositories_url: `${url}/orgs/${route.owner}/actions/${kind}/${name}/repositories`
        }
      : { visibility }
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      let answer: Reply
      try {
        answer = handle(
          (request.method ?? 'GET').toUpperCase(),
          request.url ?? '/',
          request.headers,
          Buffer.concat(chunks).toString('utf8')
        )
      } catch {
        answer = reply(500, { message: 'fake-github: internal error' })
      }
      send(response, answer)
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

  let closing: Promise<void> | undefined

  return {
    url,
    requests,
    repoIds,
    publicKey(scope) {
      const found = state(scope)
      return { keyId: found.keyId, key: base64(found.publicKey) }
    },
    secret(scope, name) {
      const found = scopes.get(normalizeScope(scope))?.secrets.get(name.toUpperCase())
      if (!found) return undefined
      const copy: StoredSecret = {
        value: found.value,
        keyId: found.keyId,
        updatedAt: found.updatedAt
      }
      if (found.visibility !== undefined) copy.visibility = found.visibility
      if (found.selectedRepositoryIds !== undefined)
        copy.selectedRepositoryIds = [...found.selectedRepositoryIds]
      return copy
    },
    variable(scope, name) {
      return scopes.get(normalizeScope(scope))?.variables.get(name.toUpperCase())?.value
    },
    setVariable(scope, name, value) {
      const target = state(scope)
      const key = name.toUpperCase()
      const existing = target.variables.get(key)
      const now = timestamp()
      const visibility = scope.trim().toLowerCase().startsWith('org:') ? { visibility: 'all' } : {}
      target.variables.set(key, {
        ...(existing ?? { name: key, createdAt: now, ...visibility }),
        value,
        updatedAt: now
      })
    },
    setSecret(scope, name, value) {
      const target = state(scope)
      const now = timestamp()
      target.secrets.set(name.toUpperCase(), {
        value,
        keyId: target.keyId,
        ...(scope.trim().toLowerCase().startsWith('org:') ? { visibility: 'private' } : {}),
        createdAt: now,
        updatedAt: now
      })
    },
    fail(rule) {
      const times = rule.times ?? 1
      if (!(times > 0)) throw new Error('fake-github: fail() needs times > 0')
      failures.push({ rule, remaining: times })
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
      })
      return closing
    }
  }
}

type ScopedRoute = Extract<Route, { kind: 'scoped' }>

interface Access {
  visibility?: string
  selectedRepositoryIds?: number[]
}

function pickAccess(record: Access): Access {
  const access: Access = {}
  if (record.visibility !== undefined) access.visibility = record.visibility
  if (record.selectedRepositoryIds !== undefined)
    access.selectedRepositoryIds = record.selectedRepositoryIds
  return access
}

/** Checks `visibility` and `selected_repository_ids`; returns an error message when invalid. */
function visibility(body: Json, required: boolean): Access | string {
  const value = body.visibility
  if (value === undefined) {
    return required ? '"visibility" wasn\'t supplied.' : {}
  }
  if (typeof value !== 'string' || !VISIBILITIES.includes(value))
    return `"visibility" must be one of ${VISIBILITIES.join(', ')}.`
  const ids = body.selected_repository_ids
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => Number.isInteger(id))))
    return '"selected_repository_ids" must be an array of integers.'
  if (value !== 'selected') return { visibility: value }
  if (ids === undefined) return '"selected_repository_ids" is required when visibility is selected.'
  return { visibility: value, selectedRepositoryIds: [...(ids as number[])] }
}

function parseRoute(target: string): Route | undefined {
  let parts: string[]
  try {
    const pathname = new URL(target, 'http://fake.invalid').pathname
    parts = pathname.split('/').slice(1).map(decodeURIComponent)
  } catch {
    return undefined
  }
  if (parts.some((part) => part === '')) return undefined
  const [top, a, b, c, d, e, ...rest] = parts

  if (top === 'repos' && a !== undefined && b !== undefined) {
    const base = { owner: a, repo: b }
    if (c === undefined) return { kind: 'repository', ...base }
    if (c === 'actions' && (d === 'secrets' || d === 'variables')) {
      return {
        kind: 'scoped',
        type: 'repo',
        scope: normalizeScope(`repo:${a}/${b}`),
        resource: d,
        rest: parts.slice(5),
        ...base
      }
    }
    if (c === 'environments' && d !== undefined && (e === 'secrets' || e === 'variables')) {
      return {
        kind: 'scoped',
        type: 'env',
        scope: normalizeScope(`env:${a}/${b}:${d}`),
        resource: e,
        rest,
        ...base
      }
    }
    return undefined
  }
  if (
    top === 'orgs' &&
    a !== undefined &&
    b === 'actions' &&
    (c === 'secrets' || c === 'variables')
  ) {
    return {
      kind: 'scoped',
      type: 'org',
      scope: normalizeScope(`org:${a}`),
      owner: a,
      resource: c,
      rest: parts.slice(4)
    }
  }
  return undefined
}

function normalizeScope(scope: ScopeKey): string {
  const key = scope.trim().toLowerCase()
  if (
    /^repo:[^/:\s]+\/[^/:\s]+$/.test(key) ||
    /^env:[^/:\s]+\/[^/:\s]+:.+$/.test(key) ||
    /^org:[^/:\s]+$/.test(key)
  )
    return key
  throw new Error(`fake-github: not a scope key: ${scope}`)
}

function open(scope: ScopeState, encrypted: string): string | undefined {
  try {
    const sealed = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL)
    const plain = sodium.crypto_box_seal_open(sealed, scope.publicKey, scope.privateKey)
    return new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch {
    return undefined
  }
}

function base64(bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL)
}

function validName(name: string): boolean {
  return NAME_PATTERN.test(name) && !name.toUpperCase().startsWith('GITHUB_')
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function reply(status: number, body?: unknown): Reply {
  return body === undefined ? { status } : { status, body }
}

function invalid(detail: string): Reply {
  return reply(422, {
    message: `Invalid request.\n\n${detail}`,
    documentation_url: 'https://docs.github.com/rest',
    status: '422'
  })
}

function send(response: ServerResponse, answer: Reply): void {
  const headers: Record<string, string> = { 'x-github-api-version-selected': '2022-11-28' }
  let payload: string | undefined
  if (answer.body !== undefined && answer.status !== 204 && answer.status !== 304) {
    if (typeof answer.body === 'string') {
      payload = answer.body
      headers['content-type'] = 'text/html; charset=utf-8'
    } else {
      payload = JSON.stringify(answer.body)
      headers['content-type'] = 'application/json; charset=utf-8'
    }
    headers['content-length'] = String(Buffer.byteLength(payload))
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    headers[name.toLowerCase()] = value
  }
  response.writeHead(answer.status, headers)
  response.end(payload)
}
