import { vi } from 'vitest'
import type { HttpRequest, HttpResponse, Send } from '../../src/http.ts'
import { USER_AGENT } from '../../src/version.ts'

/** `send` as the transport makes it: @actions/http-client adds the action's User-Agent. */
export const withUserAgent =
  (send: Send): Send =>
  (request, signal) =>
    send({ ...request, headers: { 'user-agent': USER_AGENT, ...request.headers } }, signal)

/** A response as the transport hands it on. */
export function response(
  status: number,
  body = '',
  headers: HttpResponse['headers'] = {},
  bodyTooLarge = false
): HttpResponse {
  return { status, headers, body, bodyTooLarge }
}

/**
 * A Send that records each request and its deadline signal, and plays `script` in order:
 * a response is returned, anything else (an Error, a string) is thrown as a failing transport
 * would. Sending more often than scripted fails the test.
 */
export function scriptedSend(...script: (HttpResponse | Error | string)[]) {
  const requests: HttpRequest[] = []
  const signals: AbortSignal[] = []
  const send = vi.fn<Send>(async (request, signal) => {
    requests.push(request)
    signals.push(signal)
    if (script.length === 0) throw new Error('send was called more often than scripted')
    const next = script.shift()
    if (next instanceof Error || typeof next === 'string') throw next
    return next as HttpResponse
  })
  return { send, requests, signals }
}
