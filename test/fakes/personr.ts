// A local stand-in for Personr's Bubble workflow API, with injectable faults, so the action can
// be tested against real HTTP without the real service. Tokens live as Bubble's user tokens do
// (personr-accounts.ts) on the simulator's own clock, which tests move with advance(ms) and
// scripts with `POST /__simulator/advance?ms=N` (outside Bubble's paths; not recorded, takes no
// fault). Bodies that Personr or Bubble publish come from test/fixtures/personr/.
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { createAccountStore } from './personr-accounts.ts'
import type { Account, AccountStore, Minted } from './personr-accounts.ts'
import { fixture } from '../support/fixtures.ts'

export type { Account } from './personr-accounts.ts'

export const DEFAULT_ACCOUNT: Account = Object.freeze({
  email: 'ci-bot@example.test',
  password: 'pä$$ w0rd|"&=;\\ ünïcode'
})

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'html'; status?: number }
  | { kind: 'oversized'; bytes: number; status?: number }
  // Bytes written on the socket as they are, then the connection is closed: for answers
  // node:http refuses to send, such as control characters in a header.
  | { kind: 'raw'; data: Buffer | string }

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  fields: Record<string, string> | undefined
  rawBodyLength: number
  /** performance.now() when the request arrived. */
  start: number
}

export interface SimulatorOptions {
  accounts?: Account[]
  /** A token's full lifetime from its mint, reported as `expires`. Default one year. */
  lifetimeSeconds?: number
  /** A token dies after this long without an accepted use. Default 30 days, as Bubble's. */
  idleMs?: number
  /** The server closes itself after this long without a request (real time). */
  idleTimeoutMs?: number
  log?: (line: string) => void
  port?: number // default 0: any free port
  /** Serve https with this key and certificate (PEM) instead of plain http. */
  tls?: { key: string | Buffer; cert: string | Buffer }
  /** Hold every answer this long (real timers, only when set): a network round trip. */
  delayMs?: number
  /** Hold the first answer on each new connection this much longer: a connection set-up. */
  connectionDelayMs?: number
}

export interface Simulator {
  url: string
  origin: string
  requests: RecordedRequest[]
  fault(...faults: Fault[]): void
  currentToken(email: string): string | undefined
  /** Whether the token is live now; not a use, so it does not extend the idle window. */
  isValid(token: string): boolean
  /** Moves the simulator's time (Date.now() until then) forward by `ms`. */
  advance(ms: number): void
  close(): Promise<void>
}

const JSON_TYPE = 'application/json'
const DAY_MS = 86_400_000
const CONTROL = '/__simulator/'

const HTML_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

const WORKFLOW_PATH = /^(?:\/version-test)?\/api\/1\.1\/wf\/([^/]+)\/?$/

// Bubble's own error shape: the details sit under "body".
const nested = (statusCode: number, status: string, message: string) =>
  JSON.stringify({ statusCode, body: { status, message } })

interface Bodies {
  success(minted: Minted): string
  invalidLogin: string
  invalidToken: string
  missing(workflow: string, parameter: string): string
}

// Replaces the one occurrence of `from`; a fixture that no longer has it fails loudly.
function swap(text: string, from: string, to: string): string {
  const at = text.indexOf(from)
  if (at === -1) throw new Error(`fixture lacks ${from}`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

function loadBodies(): Bodies {
  const success = fixture('personr/token-success.json')
  const published = (JSON.parse(success) as { response: Minted }).response
  const missing = JSON.parse(fixture('personr/missing-data.json')) as {
    body: { message: string }
  }
  return {
    // The published layout with the minted values in place of the example's: expires first,
    // as a minted token could hold its digits; the token before the user_id it contains.
    success: (minted) => {
      const pairs: [string, string][] = [
        [String(published.expires), String(minted.expires)],
        [JSON.stringify(published.token), JSON.stringify(minted.token)],
        [JSON.stringify(published.user_id), JSON.stringify(minted.user_id)]
      ]
      return pairs.reduce((text, [from, to]) => swap(text, from, to), success)
    },
    invalidLogin: fixture('personr/invalid-login.json'),
    invalidToken: fixture('personr/invalid-token.json'),
    missing: (workflow, parameter) =>
      JSON.stringify({
        ...missing,
        body: {
          ...missing.body,
          message: `Missing parameter for workflow ${workflow}: parameter ${parameter}`
        }
      })
  }
}

function reply(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = { 'Content-Type': JSON_TYPE }
): void {
  const names = Object.keys(headers).map((h) => h.toLowerCase())
  const framed = names.includes('content-length') || names.includes('transfer-encoding')
  // 1xx, 204 and 304 answers carry no body; node:http refuses to write one.
  const bodyless = status < 200 || status === 204 || status === 304
  res.writeHead(status, {
    ...(framed || bodyless ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
    ...headers
  })
  res.end(bodyless ? undefined : body)
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('close', () => {
      if (!req.complete) reject(new Error('client went away mid-request'))
    })
  })
}

// Streams `bytes` bytes, respecting backpressure, and stops as soon as the client is gone.
function streamOversized(
  res: ServerResponse,
  bytes: number,
  status: number,
  onDone: (sent: number) => void
) {
  const chunk = Buffer.alloc(64 * 1024, 'x')
  let sent = 0
  let closed = false
  res.on('close', () => {
    closed = true
    onDone(sent)
  })
  res.writeHead(status, { 'Content-Type': JSON_TYPE })
  const pump = () => {
    while (!closed && sent < bytes) {
      const n = Math.min(chunk.length, bytes - sent)
      sent += n
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump)
        return
      }
    }
    if (!closed) res.end()
  }
  pump()
}

function applyFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void
) {
  switch (fault.kind) {
    case 'status':
      return reply(res, fault.status, fault.body ?? '', fault.headers ?? {})
    case 'reset':
      // An RST rather than a FIN, so the client sees ECONNRESET.
      req.socket.resetAndDestroy()
      return
    case 'hang':
      return // close() destroys the socket
    case 'html':
      return reply(res, fault.status ?? 502, HTML_PAGE, { 'Content-Type': 'text/html' })
    case 'oversized':
      return streamOversized(res, fault.bytes, fault.status ?? 200, (sent) =>
        log(`oversized body: ${sent} of ${fault.bytes} bytes sent`)
      )
    case 'raw':
      // A string is taken byte for byte (latin1), so '\x9b' goes out as the single byte 0x9b.
      req.socket.end(
        typeof fault.data === 'string' ? Buffer.from(fault.data, 'latin1') : fault.data
      )
      return
  }
}

// Bubble reads parameters only from the multipart body the workflow expects: any other body
// leaves them all missing. The first of repeated names wins.
async function readFields(
  data: Buffer,
  contentType: string | undefined
): Promise<Record<string, string> | undefined> {
  if (contentType === undefined || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) {
    return undefined
  }
  const form = await new Response(data, { headers: { 'Content-Type': contentType } }).formData()
  const fields = new Map<string, string>()
  for (const [name, value] of form) {
    if (!fields.has(name)) fields.set(name, typeof value === 'string' ? value : await value.text())
  }
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries(fields)
}

// `Authorization: Basic base64(email:password)`, split at the first colon (a password may
// hold colons). Undefined when there is no Basic header at all.
function basicCredentials(header: string | undefined): Account | undefined {
  const encoded = /^Basic +(\S+) *$/i.exec(header ?? '')?.[1]
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon === -1) return { email: decoded, password: '' }
  return { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1]
}

function route(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  fields: Record<string, string> | undefined,
  store: AccountStore,
  bodies: Bodies
) {
  const workflow = WORKFLOW_PATH.exec(path)?.[1]
  const mint = (email: string, password: string) => {
    const minted = store.login(email, password)
    if (minted === undefined) return reply(res, 400, bodies.invalidLogin)
    return reply(res, 200, bodies.success(minted))
  }
  if (workflow === 'api-token-generate' && req.method === 'POST') {
    const email = fields?.email
    const password = fields?.password
    if (!email) return reply(res, 400, bodies.missing(workflow, 'email'))
    if (!password) return reply(res, 400, bodies.missing(workflow, 'password'))
    return mint(email, password)
  }
  if (workflow === 'api-basic-auth' && req.method === 'POST') {
    const credentials = basicCredentials(req.headers.authorization)
    if (credentials === undefined) return reply(res, 400, bodies.missing(workflow, 'email'))
    return mint(credentials.email, credentials.password)
  }
  if (workflow === 'api-applicant-status' && req.method === 'POST') {
    // Bubble authenticates the bearer token before it reads the workflow's parameters (the
    // inference the default check rests on, proven against the real service by live.yml).
    const token = bearerToken(req.headers.authorization)
    if (token === undefined || store.use(token) === undefined) {
      return reply(res, 401, bodies.invalidToken)
    }
    if (!fields?.applicantId) return reply(res, 400, bodies.missing(workflow, 'applicantId'))
    // The simulator holds no applicants.
    return reply(res, 404, nested(404, 'NOT_FOUND', 'No applicant with that id'))
  }
  const what = workflow === undefined ? `path ${path}` : `workflow ${workflow} (${req.method})`
  return reply(res, 404, nested(404, 'NOT_FOUND', `Not found: ${what}`))
}

// `POST /__simulator/advance?ms=N`: moves the clock, for scripts that cannot call advance().
function control(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  advance: (ms: number) => void
) {
  req.resume() // a body, if any, is not wanted
  if (path !== `${CONTROL}advance` || req.method !== 'POST') {
    return reply(
      res,
      404,
      JSON.stringify({ error: 'the only control is POST /__simulator/advance' })
    )
  }
  const text = new URL(req.url ?? '', 'http://simulator').searchParams.get('ms') ?? ''
  const ms = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(ms)) {
    return reply(res, 400, JSON.stringify({ error: 'ms wants a non-negative integer' }))
  }
  advance(ms)
  return reply(res, 204, '', {})
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  let offset = 0
  const now = () => Date.now() + offset
  const advance = (ms: number) => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance wants ms >= 0, got ${ms}`)
    offset += ms
  }
  const store = createAccountStore(options.accounts ?? [DEFAULT_ACCOUNT], {
    lifetimeSeconds: options.lifetimeSeconds ?? 31_536_000,
    idleMs: options.idleMs ?? 30 * DAY_MS,
    now
  })
  const bodies = loadBodies()
  const log = options.log ?? (() => {})
  const requests: RecordedRequest[] = []
  const faults: Fault[] = []
  const sockets = new Set<Socket>()
  let idleTimer: NodeJS.Timeout | undefined
  let closing: Promise<void> | undefined

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const start = performance.now()
    idleTimer?.refresh()
    const method = req.method ?? ''
    // Only the path is logged: a query string could carry credentials.
    const path = (req.url ?? '').split('?')[0] ?? ''
    res.on('close', () =>
      log(`${method} ${path} ${res.headersSent ? res.statusCode : 'no answer'}`)
    )
    if (path.startsWith(CONTROL)) return control(req, res, path, advance)
    const fault = faults.shift() // taken on arrival, so faults follow request order
    const body = await readBody(req)
    // A body that says multipart and is not reads as no parameters. Not the error's message in
    // the log: it could quote the body, and the body holds a password.
    const fields = await readFields(body, req.headers['content-type']).catch(() => {
      log(`${method} ${path} unreadable multipart body`)
      return undefined
    })
    requests.push({
      method,
      path: req.url ?? '',
      headers: { ...req.headers },
      fields,
      rawBodyLength: body.length,
      start
    })
    await hold(req.socket)
    if (fault !== undefined) {
      log(`${method} ${path} fault ${fault.kind}`)
      return applyFault(fault, req, res, log)
    }
    return route(req, res, path, fields, store, bodies)
  }

  const answered = new WeakSet<Socket>()
  const hold = async (socket: Socket): Promise<void> => {
    const first = !answered.has(socket)
    answered.add(socket)
    const ms = (options.delayMs ?? 0) + (first ? (options.connectionDelayMs ?? 0) : 0)
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms))
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // The client left mid-request, or a fault was unusable (say, status 1000): drop the socket.
    handle(req, res).catch((error: Error) => {
      log(`${req.method} request dropped: ${error.message}`)
      req.socket.destroy()
    })
  }
  const server: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : createServer(listener)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(idleTimer)
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy() // hung and keep-alive sockets included
    })
    return closing
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`

  if (options.idleTimeoutMs) {
    idleTimer = setTimeout(() => {
      log(`no request for ${options.idleTimeoutMs} ms, closing`)
      void close()
    }, options.idleTimeoutMs)
  }

  return {
    url: `${origin}/api/1.1/wf`,
    origin,
    requests,
    fault: (...more) => void faults.push(...more),
    currentToken: (email) => store.currentToken(email),
    isValid: (token) => store.userOf(token) !== undefined,
    advance,
    close
  }
}
