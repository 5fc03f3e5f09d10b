// A local stand-in for Personr's Bubble workflow API, with injectable faults, so the action can
// be tested against real HTTP without the real service. Tokens live as Bubble's user tokens do
// (personr-accounts.ts) on the simulator's own clock, which tests move with advance(ms) and
// scripts with `POST /__simulator/advance?ms=N` (outside Bubble's paths; not recorded, takes no
// fault). Bodies that Personr or Bubble publish come from test/fixtures/personr/.
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { createAccountStore } from './personr-accounts.ts'
import type { Account, AccountStore, Minted } from './personr-accounts.ts'
import { fixture } from '../support/fixtures.ts'

export type { Account } from './personr-accounts.ts'

export const DEFAULT_ACCOUNT: Account = Object.freeze({
  email: 'ci-bot@example.test',
  password: 'pä$$ w0rd|"&=;\\ ünïcode'
})

/** The next request's answer instead of Personr's; each is used once, in request order. */
export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** nginx's 502 page. */
  | { kind: 'html' }
  /** A 200 whose body runs on for `bytes` bytes. */
  | { kind: 'oversized'; bytes: number }
  // Bytes written on the socket as they are (latin1), then the connection is closed: for
  // answers node:http refuses to send, such as control characters in a header.
  | { kind: 'raw'; data: string }

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
  /**
   * Holds every answer from now on (each request is recorded on arrival) until release(): an
   * answer on its way for as long as a test needs, whatever the machine's load.
   */
  hold(): void
  /** Sends the held answers and stops holding. */
  release(): void
  close(): Promise<void>
}

const JSON_TYPE = 'application/json'
const DAY_MS = 86_400_000
const ADVANCE = '/__simulator/advance'

const HTML_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

const WORKFLOW_PATH = /^(?:\/version-test)?\/api\/1\.1\/wf\/([^/]+)\/?$/

/** Personr's published answers, the minted values and the missing parameter filled in. */
function loadBodies() {
  const success = fixture('personr/token-success.json')
  const published = (JSON.parse(success) as { response: Minted }).response
  const missing = JSON.parse(fixture('personr/missing-data.json')) as { body: object }
  return {
    // The published layout with the minted values in place of the example's: expires first,
    // as a minted token could hold its digits; the token before the user_id it contains.
    success: (minted: Minted): string =>
      (['expires', 'token', 'user_id'] as const).reduce(
        (text, field) =>
          swap(text, JSON.stringify(published[field]), JSON.stringify(minted[field])),
        success
      ),
    invalidLogin: fixture('personr/invalid-login.json'),
    invalidToken: fixture('personr/invalid-token.json'),
    missing: (workflow: string, parameter: string): string => {
      const message = `Missing parameter for workflow ${workflow}: parameter ${parameter}`
      return JSON.stringify({ ...missing, body: { ...missing.body, message } })
    }
  }
}

// Replaces the one occurrence of `from`; a fixture that no longer has it fails loudly.
function swap(text: string, from: string, to: string): string {
  const at = text.indexOf(from)
  if (at === -1) throw new Error(`fixture lacks ${from}`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

function reply(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = { 'Content-Type': JSON_TYPE }
): void {
  res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers })
  res.end(body)
}

type Log = (line: string) => void

/** Bubble's own error shape: the details sit under "body". */
const notFound = (what: string) =>
  JSON.stringify({ statusCode: 404, body: { status: 'NOT_FOUND', message: `Not found: ${what}` } })

function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, log: Log) {
  switch (fault.kind) {
    case 'status':
      return reply(res, fault.status, fault.body ?? '', fault.headers ?? {})
    case 'reset':
      // An RST rather than a FIN, so the client sees ECONNRESET.
      return void req.socket.resetAndDestroy()
    case 'hang':
      return // close() destroys the socket
    case 'html':
      return reply(res, 502, HTML_PAGE, { 'Content-Type': 'text/html' })
    case 'oversized': {
      // Streamed as the client reads it, until it hangs up.
      const chunk = Buffer.alloc(64 * 1024, 'x')
      let sent = 0
      const body = function* () {
        for (; sent < fault.bytes; sent += chunk.length) yield chunk.subarray(0, fault.bytes - sent)
      }
      res.writeHead(200, { 'Content-Type': JSON_TYPE })
      const done = () =>
        log(`oversized body: ${Math.min(sent, fault.bytes)} of ${fault.bytes} bytes sent`)
      return void pipeline(Readable.from(body()), res).then(done, done)
    }
    case 'raw':
      // Taken byte for byte, so '\x9b' goes out as the single byte 0x9b.
      return void req.socket.end(Buffer.from(fault.data, 'latin1'))
  }
}

// Bubble reads parameters only from the multipart body the workflow expects: any other body
// (or one that says multipart and is not) leaves them all missing.
async function readFields(
  data: Buffer,
  contentType = ''
): Promise<Record<string, string> | undefined> {
  if (!/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined
  const form = await new Response(data, { headers: { 'Content-Type': contentType } }).formData()
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries([...form].map(([name, value]) => [name, String(value)]))
}

// `Authorization: Basic base64(email:password)`, split at the first colon (a password may
// hold colons). Undefined when there is no Basic header at all.
function basicCredentials(header = ''): Account | undefined {
  const encoded = /^Basic +(\S+) *$/i.exec(header)?.[1]
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const [, email = '', password = ''] = /^([^:]*):?([\s\S]*)$/.exec(decoded) ?? []
  return { email, password }
}

type Bodies = ReturnType<typeof loadBodies>

function route(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  fields: Record<string, string> | undefined,
  store: AccountStore,
  bodies: Bodies
) {
  const workflow = WORKFLOW_PATH.exec(path)?.[1]
  const mint = ({ email, password }: Account) => {
    const minted = store.login(email, password)
    if (minted === undefined) return reply(res, 400, bodies.invalidLogin)
    return reply(res, 200, bodies.success(minted))
  }
  const missing = (parameter: string) => reply(res, 400, bodies.missing(workflow ?? '', parameter))
  if (req.method === 'POST' && workflow === 'api-token-generate') {
    if (!fields?.email) return missing('email')
    if (!fields.password) return missing('password')
    return mint({ email: fields.email, password: fields.password })
  }
  if (req.method === 'POST' && workflow === 'api-basic-auth') {
    const credentials = basicCredentials(req.headers.authorization)
    return credentials === undefined ? missing('email') : mint(credentials)
  }
  if (req.method === 'POST' && workflow === 'api-applicant-status') {
    // Bubble authenticates the bearer token before it reads the workflow's parameters (the
    // inference the default check rests on, proven against the real service by live.yml).
    const token = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1]
    if (token === undefined || !store.use(token)) {
      return reply(res, 401, bodies.invalidToken)
    }
    if (!fields?.applicantId) return missing('applicantId')
    return reply(res, 404, notFound('the applicant: the simulator holds none'))
  }
  const what = workflow === undefined ? `path ${path}` : `workflow ${workflow} (${req.method})`
  return reply(res, 404, notFound(what))
}

// `POST /__simulator/advance?ms=N`: moves the clock, for scripts that cannot call advance().
function control(req: IncomingMessage, res: ServerResponse, advance: (ms: number) => void) {
  req.resume() // a body, if any, is not wanted
  const text = new URL(req.url ?? '', 'http://simulator').searchParams.get('ms') ?? ''
  if (req.method !== 'POST') {
    return reply(res, 404, JSON.stringify({ error: `the only control is POST ${ADVANCE}` }))
  }
  if (!/^\d{1,15}$/.test(text)) {
    return reply(res, 400, JSON.stringify({ error: 'ms wants a non-negative integer' }))
  }
  advance(Number(text))
  res.writeHead(204).end()
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  let offset = 0
  const advance = (ms: number) => void (offset += ms)
  const store = createAccountStore(options.accounts ?? [DEFAULT_ACCOUNT], {
    lifetimeSeconds: options.lifetimeSeconds ?? 31_536_000,
    idleMs: options.idleMs ?? 30 * DAY_MS,
    now: () => Date.now() + offset
  })
  const bodies = loadBodies()
  const log = options.log ?? (() => {})
  const requests: RecordedRequest[] = []
  const faults: Fault[] = []
  const answered = new WeakSet<Socket>()
  let idleTimer: NodeJS.Timeout | undefined
  /** While answers are held: the promise they wait on, and what lets them go. */
  let held: { until: Promise<void>; release: () => void } | undefined

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const start = performance.now()
    idleTimer?.refresh()
    const method = req.method ?? ''
    // Only the path is logged: a query string could carry credentials.
    const path = (req.url ?? '').split('?')[0] ?? ''
    res.on('close', () =>
      log(`${method} ${path} ${res.headersSent ? res.statusCode : 'no answer'}`)
    )
    if (path === ADVANCE) return control(req, res, advance)
    const fault = faults.shift() // taken on arrival, so faults follow request order
    const body = Buffer.concat((await req.toArray()) as Buffer[])
    // Not the parser's error in the log: it could quote the body, and the body holds a password.
    const fields = await readFields(body, req.headers['content-type']).catch(() => undefined)
    const headers = { ...req.headers }
    requests.push({
      method,
      path: req.url ?? '',
      headers,
      fields,
      rawBodyLength: body.length,
      start
    })
    // A held answer: a network round trip, and a connection set-up on a new connection.
    const first = !answered.has(req.socket)
    answered.add(req.socket)
    const ms = (options.delayMs ?? 0) + (first ? (options.connectionDelayMs ?? 0) : 0)
    if (ms > 0) await sleep(ms)
    if (held) await held.until
    if (fault === undefined) return route(req, res, path, fields, store, bodies)
    log(`${method} ${path} fault ${fault.kind}`)
    return applyFault(fault, req, res, log)
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // The client left mid-request, or a fault was unusable (say, status 1000): drop the socket.
    handle(req, res).catch((error: Error) => {
      log(`${req.method} request dropped: ${error.message}`)
      req.socket.destroy()
    })
  }
  const server: Server = options.tls
    ? createTlsServer(options.tls, listener)
    : createServer(listener)

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(idleTimer)
      server.close(() => resolve())
      server.closeAllConnections() // hung and keep-alive sockets included
    })
    return closing
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
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
    isValid: (token) => store.isLive(token),
    advance,
    hold() {
      let release = (): void => {}
      const until = new Promise<void>((resolve) => (release = resolve))
      held ??= { until, release }
    },
    release() {
      held?.release()
      held = undefined
    },
    close
  }
}
