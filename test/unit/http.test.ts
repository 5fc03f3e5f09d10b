// The transport against a real local server: what it sends, what it hands back, and how it fails.
import { EventEmitter, once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import FormData from 'form-data'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import {
  createTransport,
  header,
  readLimited,
  type HttpRequest,
  type Send
} from '../../src/http.ts'
import { NetworkError } from '../../src/network-error.ts'
import { rejection } from '../support/caught.ts'

interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

let server: Server
let base: string
let received: Received[]
let handler: (req: IncomingMessage, res: ServerResponse) => void
const sockets = new Set<Socket>()

beforeEach(async () => {
  received = []
  handler = (_req, res) => res.end('ok')
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      })
      handler(req, res)
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** Resolves once the server has the next request, body and all; it answers nothing. */
function nextRequest(): Promise<ServerResponse> {
  return new Promise((resolve) => (handler = (_req, res) => resolve(res)))
}

function request(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return { method: 'GET', url: `${base}/path?q=1`, input: 'api-url', headers: {}, ...overrides }
}

/** A clock for the debug lines: each call is 25 ms after the one before. */
function steppingClock(): () => number {
  let t = 1000
  return () => (t += 25)
}

const never = new AbortController().signal

/** The transport's sender; the transport is closed after each test. */
let transports: { close(): void }[] = []
function createSender(...args: Parameters<typeof createTransport>): Send {
  const transport = createTransport(...args)
  transports.push(transport)
  return transport.send
}
afterEach(() => {
  for (const transport of transports) transport.close()
  transports = []
})

describe('createSender', () => {
  it('sends the method, path, headers and user agent, hands back status, headers and body, and logs neither query, header nor body', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'x-answer': 'yes', 'content-type': 'application/json' })
      res.end('{"done":true}')
    }
    const lines: string[] = []
    const send = createSender('agent/1.0', 1024, (line) => lines.push(line), steppingClock())
    const headers = { accept: 'application/json', authorization: 'Bearer secret' }
    const response = await send(request({ method: 'PUT', headers, body: 'payload' }), never)
    expect(lines).toEqual([`PUT ${new URL(base).host}/path: 201 in 25 ms`])
    expect(response).toMatchObject({ status: 201, body: '{"done":true}', bodyTooLarge: false })
    expect(header(response, 'x-answer')).toBe('yes')
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({ method: 'PUT', url: '/path?q=1', body: 'payload' })
    expect(received[0]?.headers['user-agent']).toBe('agent/1.0')
    expect(received[0]?.headers.accept).toBe('application/json')
    expect(received[0]?.headers['content-length']).toBe('7')
  })

  it('sends a multipart stream whole, with the length it was given', async () => {
    const form = new FormData()
    form.append('email', 'ci@example.test')
    form.append('password', 'pä$$ w0rd')
    const length = form.getLengthSync()
    const send = createSender('agent', 1024)
    await send(
      request({
        method: 'POST',
        headers: { ...form.getHeaders(), 'content-length': length },
        body: form
      }),
      never
    )
    expect(received[0]?.headers['content-length']).toBe(String(length))
    expect(Buffer.byteLength(received[0]?.body ?? '')).toBe(length)
    expect(received[0]?.headers['transfer-encoding']).toBeUndefined()
    expect(received[0]?.body).toContain('\r\n\r\npä$$ w0rd\r\n')
  })

  // The action's own policies decide what is followed, retried or authenticated; not the client.
  it.each<[number, Record<string, string>, string]>([
    [302, { location: 'http://127.0.0.1:1/elsewhere' }, ''],
    [503, {}, 'busy'],
    [401, { 'www-authenticate': 'Bearer' }, '{"message":"Bad credentials"}']
  ])('hands a %i back at once, as it came', async (status, headers, body) => {
    handler = (_req, res) => {
      res.writeHead(status, headers)
      res.end(body)
    }
    const response = await createSender('agent', 1024)(request(), never)
    expect(response).toMatchObject({ status, body })
    expect(header(response, 'location')).toBe(headers.location)
    expect(received).toHaveLength(1)
  })

  it('reads a body of exactly the limit whole', async () => {
    handler = (_req, res) => res.end('x'.repeat(1024))
    const response = await createSender('agent', 1024)(request(), never)
    expect(response).toMatchObject({ body: 'x'.repeat(1024), bodyTooLarge: false })
  })

  it('stops reading past the limit and drops the connection instead of buffering the rest', async () => {
    const closed = new Promise((resolve) => {
      handler = (_req, res) => {
        res.on('close', resolve)
        res.write('x'.repeat(1000))
        res.write('y'.repeat(1000))
        // Never ends: only the client dropping the connection lets the server see a close.
      }
    })
    const response = await createSender('agent', 1500)(request(), never)
    expect(response.bodyTooLarge).toBe(true)
    expect(response.body).toBe(`${'x'.repeat(1000)}${'y'.repeat(500)}`)
    await closed
  })

  it('rejects with ECONNRESET, in its own words, when the connection closes mid-body', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'content-length': '100' })
      res.write('partial')
      setImmediate(() => req.socket.destroy())
    }
    const error = await rejection(createSender('agent', 1024)(request(), never))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({
      code: 'ECONNRESET',
      message: 'the connection closed before the answer ended'
    })
  })

  it('rejects with the code of a refused connection', async () => {
    const url = base
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const error = await rejection(createSender('agent', 1024)(request({ url }), never))
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED')
  })

  it('explains a protocol failure naming the input, and logs it with its code', async () => {
    const lines: string[] = []
    const send = createSender('agent', 1024, (line) => lines.push(line), steppingClock())
    const error = await rejection(
      send(request({ url: `${base.replace('http:', 'https:')}/path` }), never)
    )
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain('did not answer in TLS')
    expect(error.message).toContain('`api-url`')
    expect(lines).toEqual([`GET ${new URL(base).host}/path: failed (EPROTO) after 25 ms`])
  })
})

describe('readLimited', () => {
  /** A response that emits what the test tells it to. */
  const incoming = (): IncomingMessage =>
    Object.assign(new EventEmitter(), { destroy() {} }) as unknown as IncomingMessage

  it('rejects with the error the answer emits', async () => {
    const message = incoming()
    const reading = readLimited(message, 1024)
    message.emit('data', Buffer.from('part'))
    message.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))
    await expect(reading).rejects.toThrow('read ECONNRESET')
  })

  it('keeps what it read when the answer errs after the limit was reached', async () => {
    const message = incoming()
    const reading = readLimited(message, 4)
    message.emit('data', Buffer.from('abcdef'))
    message.emit('error', new Error('aborted'))
    await expect(reading).resolves.toEqual({ body: 'abcd', tooLarge: true })
  })
})

describe('createSender: a deadline', () => {
  it('aborts the request when its signal aborts, saying it timed out', async () => {
    const arrived = nextRequest()
    const lines: string[] = []
    const controller = new AbortController()
    const send = createSender('agent', 1024, (line) => lines.push(line), steppingClock())
    const pending = send(request(), controller.signal)
    await arrived
    controller.abort(new DOMException('deadline', 'TimeoutError'))
    await rejection(pending)
    expect(lines).toEqual([`GET ${new URL(base).host}/path: timed out after 25 ms`])
  })
})

describe('createTransport: kept connections', () => {
  let connections = 0
  beforeEach(() => {
    connections = 0
    server.on('connection', () => connections++)
  })

  it('reuses one connection for requests one after another to the same origin', async () => {
    const send = createSender('agent', 1024)
    await send(request(), never)
    await send(request({ method: 'PUT', body: 'x' }), never)
    await send(request(), never)
    expect(received).toHaveLength(3)
    expect(connections).toBe(1)
  })

  it('gives each request in flight its own deadline', async () => {
    const arrived = nextRequest()
    const send = createSender('agent', 1024)
    const controller = new AbortController()
    const slow = send(request({ url: `${base}/slow` }), controller.signal)
    const held = await arrived
    handler = (_req, res) => res.end('fast')
    const fast = await send(request({ url: `${base}/fast` }), never)
    expect(fast.body).toBe('fast')
    controller.abort()
    await expect(slow).rejects.toThrow()
    held.end('slow')
  })

  it('closes the kept connections when the step is over', async () => {
    const transport = createTransport('agent', 1024)
    await transport.send(request(), never)
    expect(sockets.size).toBe(1)
    const closed = [...sockets].map((socket) => once(socket, 'close'))
    transport.close()
    await Promise.all(closed)
    expect(sockets.size).toBe(0)
  })
})
