import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http'
import { HttpClient } from '@actions/http-client'
import type { RequestHandler } from '@actions/http-client/lib/interfaces'
import { explainNetworkError, NetworkError } from './network-error.ts'

/** Personr's and GitHub's responses here are under 1 KiB; past this, one is not worth reading. */
export const MAX_RESPONSE_BYTES = 64 * 1024

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  /** The input the URL comes from (`api-url`), so an error can say what to check. */
  input: string
  headers: OutgoingHttpHeaders
  body?: string | NodeJS.ReadableStream
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The body as text, at most `maxBodyBytes` of it. */
  body: string
  /** The body went past `maxBodyBytes`; the rest was not read. */
  bodyTooLarge: boolean
}

/** Sends one request; rejects on network errors and when `signal` aborts. */
export type Send = (request: HttpRequest, signal: AbortSignal) => Promise<HttpResponse>

/** The first value of a response header. */
export function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** A sender and the connections it keeps open between requests. */
export interface Transport {
  send: Send
  /** Closes every kept connection; the step is over. */
  close(): void
}

/** One client per origin, with the deadline of the request about to be prepared. */
interface Origin {
  client: HttpClient
  signal: AbortSignal | undefined
}

/**
 * A sender over @actions/http-client, so HTTPS_PROXY and NO_PROXY work as in other actions.
 * It keeps one pool of connections per origin for the whole step, since every new TLS
 * connection costs a round trip or two. It never follows redirects (credentials must not go to
 * another place) and never retries: the caller decides that.
 */
export function createTransport(
  userAgent: string,
  maxBodyBytes: number,
  debug: (line: string) => void = () => {},
  now: () => number = Date.now
): Transport {
  const origins = new Map<string, Origin>()
  const originOf = (url: URL): Origin => {
    let origin = origins.get(url.origin)
    if (origin === undefined) {
      const created: Origin = { client: undefined as unknown as HttpClient, signal: undefined }
      created.client = new HttpClient(userAgent, [deadlineOf(created)], {
        allowRedirects: false,
        allowRetries: false,
        keepAlive: true
      })
      origins.set(url.origin, created)
      origin = created
    }
    return origin
  }
  const send: Send = async (request, signal) => {
    const url = new URL(request.url)
    const origin = originOf(url)
    const started = now()
    const took = (): string => `${Math.round(now() - started)} ms`
    const what = `${request.method} ${url.host}${url.pathname}`
    const failed = (error: unknown): void => {
      const code = (error as NodeJS.ErrnoException).code
      const how = signal.aborted ? 'timed out' : `failed (${code ?? 'no code'})`
      debug(`${what}: ${how} after ${took()}`)
    }
    let message: IncomingMessage
    try {
      // The client prepares the request synchronously inside request(), so the deadline set
      // here is the one its handler hands to node:http, however many requests are in flight.
      origin.signal = signal
      // http-client sets Content-Length for a string body itself; a stream brings its own.
      ;({ message } = await origin.client.request(
        request.method,
        request.url,
        request.body ?? null,
        request.headers
      ))
    } catch (error) {
      failed(error)
      // Only a failure before any response can be a TLS or protocol mismatch.
      throw explainNetworkError(error, url, request.input)
    }
    try {
      const { body, tooLarge } = await readLimited(message, maxBodyBytes)
      const status = message.statusCode ?? 0
      debug(`${what}: ${status} in ${took()}`)
      return { status, headers: message.headers, body, bodyTooLarge: tooLarge }
    } catch (error) {
      failed(error)
      throw error
    }
  }
  return {
    send,
    close() {
      for (const { client } of origins.values()) client.dispose()
      origins.clear()
    }
  }
}

/** Hands each request's deadline to node:http, which then aborts the request and its response. */
function deadlineOf(origin: Origin): RequestHandler {
  return {
    prepareRequest: (options) => {
      Object.assign(options, { signal: origin.signal })
      origin.signal = undefined
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not supported'))
  }
}

/** Reads at most `limit` bytes, then drops the connection instead of buffering the rest. */
export function readLimited(
  message: IncomingMessage,
  limit: number
): Promise<{ body: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // A promise settles once: what the answer emits after the first outcome changes nothing.
    const settle = (result: { body: string; tooLarge: boolean } | Error): void => {
      if (result instanceof Error) reject(result)
      else resolve(result)
    }
    message.on('data', (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size))
        // Settle before destroying: destroy() can emit 'aborted' at once.
        settle({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: true })
        message.destroy()
        return
      }
      size += chunk.length
      chunks.push(chunk)
    })
    message.on('end', () =>
      settle({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: false })
    )
    message.on('error', (error) => settle(error))
    message.on('aborted', () =>
      settle(new NetworkError('ECONNRESET', 'the connection closed before the answer ended'))
    )
  })
}
