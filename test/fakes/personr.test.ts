import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import NodeFormData from 'form-data'
import { afterEach, describe, expect, it } from 'vitest'
import { fixture } from '../support/fixtures.ts'
import { DEFAULT_ACCOUNT, startSimulator } from './personr.ts'
import type { Simulator, SimulatorOptions } from './personr.ts'

const ID = /^\d{13}x\d{18}$/
const TOKEN = /^bus\|(\d{13}x\d{18})\|\d{13}x\d{18}$/
const DAY = 86_400_000
const PUBLISHED_400 = fixture('personr/invalid-login.json')
const INVALID_TOKEN_401 = fixture('personr/invalid-token.json')
const SUCCESS_200 = JSON.parse(fixture('personr/token-success.json')) as {
  response: { token: string; user_id: string }
}

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

// Plain node:http, no agent: every call is its own connection, and chunking is under control.
function send(
  url: string,
  init: { method?: string; headers?: OutgoingHttpHeaders; body?: Buffer | Buffer[] } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? 'GET',
      headers: init.headers ?? {},
      agent: false
    })
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      )
    })
    for (const piece of Array.isArray(init.body) ? init.body : init.body ? [init.body] : []) {
      req.write(piece)
    }
    req.end()
  })
}

// Encodes with the platform's own FormData, the way fetch would send it.
type Fields = { readonly email?: string; readonly password?: string }

async function encode(fields: Fields) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  const encoded = new Response(form)
  const contentType = encoded.headers.get('content-type') ?? ''
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType }
}

async function mint(base: string, fields: Fields) {
  const { body, contentType } = await encode(fields)
  return send(`${base}/api-token-generate`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'Content-Length': body.length },
    body
  })
}

// The action's default check: a multipart body with no fields, the closing delimiter alone.
const check = (base: string, token: string) =>
  send(`${base}/api-applicant-status`, {
    method: 'POST',
    headers: {
      'Content-Type': 'multipart/form-data; boundary=b',
      Authorization: `Bearer ${token}`
    },
    body: Buffer.from('--b--\r\n')
  })

const basicAuth = (base: string, authorization?: string) =>
  send(`${base}/api-basic-auth`, {
    method: 'POST',
    headers: authorization === undefined ? {} : { Authorization: authorization }
  })

const basic = (email: string, password: string) =>
  `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`

const tokenOf = (answer: Answer) => (json(answer) as { response: { token: string } }).response.token

const json = (answer: Answer): unknown => JSON.parse(answer.body.toString('utf8'))

const running: Simulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()))
})

async function start(options?: SimulatorOptions) {
  const sim = await startSimulator(options)
  running.push(sim)
  return sim
}

// A log sink plus a promise for the first line that matches.
function logWatch(match: RegExp) {
  let seen: (line: string) => void = () => {}
  const line = new Promise<string>((resolve) => (seen = resolve))
  return { line, log: (text: string) => void (match.test(text) && seen(text)) }
}

describe('api-token-generate', () => {
  it('mints a bus| token whose middle part is the stable user_id', async () => {
    const sim = await start()
    const first = await mint(sim.url, DEFAULT_ACCOUNT)
    expect(first.status).toBe(200)
    expect(first.headers['content-type']).toBe('application/json')
    const body = json(first) as { status: string; response: Record<string, unknown> }
    expect(body).toEqual({
      status: 'success',
      response: {
        token: expect.stringMatching(TOKEN),
        user_id: expect.stringMatching(ID),
        expires: 31536000
      }
    })
    const token = body.response.token as string
    expect(TOKEN.exec(token)?.[1]).toBe(body.response.user_id)
    // In the published layout: with the example's values back in place, it is the fixture.
    const example = SUCCESS_200.response
    const published = first.body
      .toString()
      .replace(token, example.token)
      .replace(`"${String(body.response.user_id)}"`, `"${example.user_id}"`)
    expect(published).toBe(fixture('personr/token-success.json'))
    expect(sim.currentToken(DEFAULT_ACCOUNT.email)).toBe(token)
    expect(sim.isValid(token)).toBe(true)

    const again = json(await mint(sim.url, DEFAULT_ACCOUNT)) as typeof body
    expect(again.response.user_id).toBe(body.response.user_id)
    expect(again.response.token).not.toBe(token)
  })

  it('reports lifetimeSeconds as expires', async () => {
    const sim = await start({ lifetimeSeconds: 3600 })
    expect(json(await mint(sim.url, DEFAULT_ACCOUNT))).toMatchObject({
      response: { expires: 3600 }
    })
  })

  it('answers wrong credentials with the exact published 400 bytes', async () => {
    const sim = await start()
    for (const fields of [
      { email: DEFAULT_ACCOUNT.email, password: 'wrong' },
      { email: 'nobody@example.test', password: DEFAULT_ACCOUNT.password }
    ]) {
      const answer = await mint(sim.url, fields)
      expect(answer.status).toBe(400)
      expect(answer.headers['content-type']).toBe('application/json')
      expect(answer.body.equals(Buffer.from(PUBLISHED_400, 'utf8'))).toBe(true)
    }
    expect(sim.currentToken(DEFAULT_ACCOUNT.email)).toBeUndefined()
  })

  it('names the missing parameter in Bubble nested MISSING_DATA errors', async () => {
    const sim = await start()
    const missing = (parameter: string) => ({
      statusCode: 400,
      body: {
        status: 'MISSING_DATA',
        message: `Missing parameter for workflow api-token-generate: parameter ${parameter}`
      }
    })
    const noPassword = await mint(sim.url, { email: DEFAULT_ACCOUNT.email })
    expect([noPassword.status, json(noPassword)]).toEqual([400, missing('password')])
    const noEmail = await mint(sim.url, { password: DEFAULT_ACCOUNT.password })
    expect([noEmail.status, json(noEmail)]).toEqual([400, missing('email')])
    expect(noEmail.body.toString()).toBe(fixture('personr/missing-data.json'))

    // The right fields, but not as multipart: Bubble reads no parameters at all.
    const form = new URLSearchParams({ ...DEFAULT_ACCOUNT }).toString()
    const urlEncoded = await send(`${sim.url}/api-token-generate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(form)
    })
    expect([urlEncoded.status, json(urlEncoded)]).toEqual([400, missing('email')])
  })

  it('receives non-ASCII and |"&=;\\ characters intact from both FormData encoders', async () => {
    const account = { email: 'ünï|"&=;\\@exämple.test', password: DEFAULT_ACCOUNT.password }
    const sim = await start({ accounts: [account] })
    expect((await mint(sim.url, account)).status).toBe(200)

    const form = new NodeFormData() // the encoder the action itself uses
    form.append('email', account.email)
    form.append('password', account.password)
    const body = form.getBuffer()
    const answer = await send(`${sim.url}/api-token-generate`, {
      method: 'POST',
      headers: { ...form.getHeaders(), 'Content-Length': body.length },
      body
    })
    expect(answer.status).toBe(200)
    expect(sim.requests.map((r) => r.fields)).toEqual([account, account])
  })

  it('refuses a multipart body it cannot parse, without logging it', async () => {
    const lines: string[] = []
    const sim = await start({ log: (line) => void lines.push(line) })
    const answer = await send(`${sim.url}/api-token-generate`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body: Buffer.from(
        `--b\r\nContent-Disposition: form-data; name="password"\r\n\r\n${DEFAULT_ACCOUNT.password}`
      )
    })
    expect([answer.status, json(answer)]).toEqual([
      400,
      {
        statusCode: 400,
        body: { status: 'MALFORMED_BODY', message: 'The multipart body could not be read' }
      }
    ])
    expect(sim.requests[0]?.fields).toBeUndefined()
    expect(lines.join('\n')).toContain('unreadable multipart body')
    expect(lines.join('\n')).not.toContain(DEFAULT_ACCOUNT.password)
  })

  it('keeps only the newest token valid', async () => {
    const sim = await start()
    const old = (json(await mint(sim.url, DEFAULT_ACCOUNT)) as { response: { token: string } })
      .response
    const current = (
      json(await mint(sim.url, DEFAULT_ACCOUNT)) as { response: Record<string, string> }
    ).response
    const rejected = await check(sim.url, old.token)
    expect([rejected.status, rejected.body.toString()]).toEqual([401, INVALID_TOKEN_401])
    expect((await check(sim.url, current.token ?? '')).status).toBe(400)
    expect([sim.isValid(old.token), sim.isValid(current.token ?? '')]).toEqual([false, true])
  })

  it('serves the /version-test/ development copy', async () => {
    const sim = await start()
    const minted = await mint(`${sim.origin}/version-test/api/1.1/wf`, DEFAULT_ACCOUNT)
    expect(minted.status).toBe(200)
    const { token } = (json(minted) as { response: { token: string } }).response
    expect((await check(`${sim.origin}/version-test/api/1.1/wf`, token)).status).toBe(400)
    expect(sim.requests[0]?.path).toBe('/version-test/api/1.1/wf/api-token-generate')
  })

  it('parses a chunked multipart body sent without Content-Length', async () => {
    const sim = await start()
    const { body, contentType } = await encode({ ...DEFAULT_ACCOUNT })
    const pieces: Buffer[] = []
    for (let i = 0; i < body.length; i += 7) pieces.push(body.subarray(i, i + 7)) // splits CRLFs too
    const answer = await send(`${sim.url}/api-token-generate`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: pieces
    })
    expect(answer.status).toBe(200)
    const recorded = sim.requests[0]
    expect(recorded?.headers['transfer-encoding']).toBe('chunked')
    expect(recorded?.headers['content-length']).toBeUndefined()
    expect(recorded?.fields).toEqual(DEFAULT_ACCOUNT)
    expect(recorded?.rawBodyLength).toBe(body.length)
  })

  it('answers 413 to a body over 64 KiB, chunked or with Content-Length, without keeping it', async () => {
    const sim = await start()
    const huge = Buffer.alloc(4 * 1024 * 1024, 'a')
    const headers = { 'Content-Type': 'multipart/form-data; boundary=x' }
    const chunked = await send(`${sim.url}/api-token-generate`, {
      method: 'POST',
      headers,
      body: [huge]
    })
    expect(chunked.status).toBe(413)
    const declared = await send(`${sim.url}/api-token-generate`, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': huge.length },
      body: huge
    })
    expect(declared.status).toBe(413)
    expect(json(declared)).toMatchObject({ statusCode: 413 })
    // Reading stopped just past the limit (chunked) or before the body (Content-Length).
    expect(sim.requests[0]?.rawBodyLength).toBeLessThan(256 * 1024)
    expect(sim.requests[1]?.rawBodyLength).toBe(0)
  })

  it('answers 404 JSON for other paths and methods', async () => {
    const sim = await start()
    for (const [method, path] of [
      ['GET', '/api/1.1/wf/nope'],
      ['GET', '/api/1.1/wf/api-token-generate'],
      ['POST', '/'],
      ['GET', '/api/1.1/obj/user']
    ] as const) {
      const answer = await send(`${sim.origin}${path}`, { method })
      expect([answer.status, json(answer)]).toEqual([
        404,
        expect.objectContaining({ statusCode: 404 })
      ])
    }
  })
})

describe('api-basic-auth', () => {
  it('mints from Basic credentials split at the first colon, and kills the previous token', async () => {
    const account = { email: 'basic@example.test', password: 'a:b: ü' }
    const sim = await start({ accounts: [account] })
    const form = tokenOf(await mint(sim.url, account))
    const answer = await basicAuth(sim.url, basic(account.email, account.password))
    expect(answer.status).toBe(200)
    const body = json(answer) as { response: { token: string; user_id: string } }
    expect(body).toMatchObject({ status: 'success', response: { expires: 31536000 } })
    expect([sim.isValid(form), sim.isValid(body.response.token)]).toEqual([false, true])
    expect(sim.currentToken(account.email)).toBe(body.response.token)
    expect(sim.requests[1]).toMatchObject({
      method: 'POST',
      path: '/api/1.1/wf/api-basic-auth',
      headers: { authorization: basic(account.email, account.password) },
      fields: undefined,
      rawBodyLength: 0
    })
  })

  it('answers a bad header as wrong credentials and a missing one as missing data', async () => {
    const sim = await start()
    for (const header of [
      basic(DEFAULT_ACCOUNT.email, 'wrong'),
      `Basic ${Buffer.from(DEFAULT_ACCOUNT.email).toString('base64')}`, // no colon
      'Basic !!!'
    ]) {
      const answer = await basicAuth(sim.url, header)
      expect([answer.status, answer.body.toString()]).toEqual([400, PUBLISHED_400])
    }
    for (const header of [undefined, `Bearer ${basic(DEFAULT_ACCOUNT.email, 'x').slice(6)}`]) {
      const answer = await basicAuth(sim.url, header)
      expect([answer.status, json(answer)]).toEqual([
        400,
        {
          statusCode: 400,
          body: {
            status: 'MISSING_DATA',
            message: 'Missing parameter for workflow api-basic-auth: parameter email'
          }
        }
      ])
    }
    expect(sim.currentToken(DEFAULT_ACCOUNT.email)).toBeUndefined()
  })
})

describe('api-applicant-status', () => {
  it('authenticates the token before the parameters: 401 dead, 400 without applicantId', async () => {
    const sim = await start()
    const token = tokenOf(await mint(sim.url, DEFAULT_ACCOUNT))
    const missing = await check(sim.url, token)
    expect([missing.status, json(missing)]).toEqual([
      400,
      {
        statusCode: 400,
        body: {
          status: 'MISSING_DATA',
          message: 'Missing parameter for workflow api-applicant-status: parameter applicantId'
        }
      }
    ])
    for (const authorization of ['', 'Bearer bus|1x1|1x1', basic(DEFAULT_ACCOUNT.email, 'x')]) {
      const answer = await send(`${sim.url}/api-applicant-status`, {
        method: 'POST',
        headers: authorization ? { Authorization: authorization } : {}
      })
      expect([answer.status, answer.body.toString()]).toEqual([401, INVALID_TOKEN_401])
    }
  })
})

describe('token life', () => {
  // A base clock that stands still, so only advance() moves time.
  const FROZEN = { now: () => Date.UTC(2026, 0, 1) }

  it('kills a token left idle for 31 days, though its lifetime is a year', async () => {
    const sim = await start(FROZEN)
    const token = tokenOf(await mint(sim.url, DEFAULT_ACCOUNT))
    sim.advance(30 * DAY - 1)
    expect(sim.isValid(token)).toBe(true)
    sim.advance(1 + DAY)
    expect(sim.isValid(token)).toBe(false)
    const answer = await check(sim.url, token)
    expect([answer.status, answer.body.toString()]).toEqual([401, INVALID_TOKEN_401])
    expect(sim.currentToken(DEFAULT_ACCOUNT.email)).toBe(token) // still the newest, though dead
  })

  it('counts the check as a use, not isValid', async () => {
    const sim = await start(FROZEN)
    const token = tokenOf(await mint(sim.url, DEFAULT_ACCOUNT))
    sim.advance(20 * DAY)
    expect(sim.isValid(token)).toBe(true) // not a use
    sim.advance(11 * DAY)
    expect(sim.isValid(token)).toBe(false)

    const used = tokenOf(await mint(sim.url, DEFAULT_ACCOUNT))
    sim.advance(20 * DAY)
    expect((await check(sim.url, used)).status).toBe(400) // a use: idle until day 50
    sim.advance(29 * DAY)
    expect(sim.isValid(used)).toBe(true)
    sim.advance(DAY)
    expect(sim.isValid(used)).toBe(false)
  })

  it('keeps a token used every day alive past 30 days, up to its full lifetime', async () => {
    const sim = await start({ ...FROZEN, lifetimeSeconds: (90 * DAY) / 1000 })
    const token = tokenOf(await mint(sim.url, DEFAULT_ACCOUNT))
    for (let day = 1; day < 90; day++) {
      sim.advance(DAY)
      expect((await check(sim.url, token)).status, `day ${day}`).toBe(400)
    }
    sim.advance(DAY)
    expect((await check(sim.url, token)).status).toBe(401)
  })

  it('takes its time from the now option, moved by advance()', async () => {
    let base = Date.UTC(2026, 0, 1)
    const sim = await start({ now: () => base, idleMs: DAY })
    expect(sim.now()).toBe(base)
    const token = tokenOf(await mint(sim.url, DEFAULT_ACCOUNT))
    expect(token.split('|')[2]).toMatch(new RegExp(`^${base}x`)) // minted at the simulator's now
    sim.advance(1000)
    expect(sim.now()).toBe(base + 1000)
    base += DAY // the base clock moves too
    expect(sim.isValid(token)).toBe(false)
    expect(() => sim.advance(-1)).toThrow(RangeError)
  })

  it('advances through POST /__simulator/advance, unrecorded and without taking a fault', async () => {
    const sim = await start(FROZEN)
    const token = tokenOf(await mint(sim.url, DEFAULT_ACCOUNT))
    const start0 = sim.now()
    sim.fault({ kind: 'empty', status: 503 })
    const advanced = await send(`${sim.origin}/__simulator/advance?ms=${31 * DAY}`, {
      method: 'POST'
    })
    expect([advanced.status, advanced.body.length]).toEqual([204, 0])
    expect(sim.now() - start0).toBeGreaterThanOrEqual(31 * DAY)
    expect(sim.isValid(token)).toBe(false)
    for (const query of ['ms=-1', 'ms=1.5', 'ms=abc', 'ms=', '']) {
      const bad = await send(`${sim.origin}/__simulator/advance?${query}`, { method: 'POST' })
      expect(bad.status, query).toBe(400)
    }
    expect((await send(`${sim.origin}/__simulator/advance?ms=1`)).status).toBe(404) // GET
    expect(sim.requests.map((r) => r.path)).toEqual(['/api/1.1/wf/api-token-generate'])
    expect((await mint(sim.url, DEFAULT_ACCOUNT)).status).toBe(503) // the fault is still queued
  })
})

describe('faults', () => {
  const post = (sim: Simulator) => mint(sim.url, DEFAULT_ACCOUNT)

  it('status: sends the given status, raw body and headers', async () => {
    const sim = await start()
    sim.fault({ kind: 'status', status: 500, body: 'oops {', headers: { 'X-Why': 'test' } })
    const answer = await post(sim)
    expect([answer.status, answer.body.toString(), answer.headers['x-why']]).toEqual([
      500,
      'oops {',
      'test'
    ])
  })

  it('rate-limit: 429 or 503 with Retry-After and a Bubble-style JSON body', async () => {
    const sim = await start()
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT'
    sim.fault(
      { kind: 'rate-limit', retryAfter: '7' },
      { kind: 'rate-limit', status: 503, retryAfter: date }
    )
    sim.fault({ kind: 'rate-limit' })
    const [first, second, third] = [await post(sim), await post(sim), await post(sim)]
    expect([first.status, first.headers['retry-after']]).toEqual([429, '7'])
    expect(json(first)).toMatchObject({ statusCode: 429, body: { status: expect.any(String) } })
    expect([second.status, second.headers['retry-after']]).toEqual([503, date])
    expect([third.status, third.headers['retry-after']]).toEqual([429, undefined])
  })

  it('reset: the client sees ECONNRESET', async () => {
    const sim = await start()
    sim.fault({ kind: 'reset' })
    await expect(post(sim)).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(sim.requests).toHaveLength(1)
  })

  it('hang: reads the request, never answers, and close() still resolves promptly', async () => {
    const watch = logWatch(/fault hang$/)
    const sim = await start({ log: watch.log })
    sim.fault({ kind: 'hang' })
    let settled = false
    const pending = post(sim).finally(() => (settled = true))
    await watch.line
    // A whole other round trip gives the server every chance to have answered the first.
    expect((await send(`${sim.url}/api-applicant-status`)).status).toBe(404)
    expect(settled).toBe(false)
    expect(sim.requests[0]?.fields).toEqual(DEFAULT_ACCOUNT)

    const started = performance.now()
    await sim.close()
    expect(performance.now() - started).toBeLessThan(1000)
    await expect(pending).rejects.toThrow(/socket hang up|ECONNRESET/)
  })

  it('html: a gateway page, 502 by default', async () => {
    const sim = await start()
    sim.fault({ kind: 'html' }, { kind: 'html', status: 200 })
    const gateway = await post(sim)
    expect([gateway.status, gateway.headers['content-type']]).toEqual([502, 'text/html'])
    expect(gateway.body.toString()).toMatch(/^<html>/)
    expect((await post(sim)).status).toBe(200)
  })

  it('oversized: streams exactly the given number of bytes', async () => {
    const sim = await start()
    const bytes = 5 * 1024 * 1024 + 123
    sim.fault({ kind: 'oversized', bytes })
    const answer = await post(sim)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-length']).toBeUndefined() // streamed, not announced
    expect(answer.body.length).toBe(bytes)
  })

  it('oversized: stops writing when the client goes away', async () => {
    const watch = logWatch(/^oversized body/)
    const sim = await start({ log: watch.log })
    const bytes = 1024 ** 4 // a terabyte: only stopping can end this test
    sim.fault({ kind: 'oversized', bytes, status: 502 })
    const req = request(`${sim.url}/api-token-generate`, { agent: false })
    req.end()
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage]
    expect(res.statusCode).toBe(502)
    await once(res, 'data')
    req.on('error', () => {}).destroy()
    const sent = Number(/: (\d+) of/.exec(await watch.line)?.[1])
    expect(sent).toBeGreaterThan(0)
    expect(sent).toBeLessThan(bytes)
  })

  it('redirect: sets Location, 302 by default', async () => {
    const sim = await start()
    sim.fault({ kind: 'redirect', location: 'https://elsewhere.example/login' })
    sim.fault({
      kind: 'redirect',
      status: 307,
      location: '/version-test/api/1.1/wf/api-token-generate'
    })
    const first = await post(sim)
    expect([first.status, first.headers.location]).toEqual([302, 'https://elsewhere.example/login'])
    const second = await post(sim)
    expect([second.status, second.headers.location]).toEqual([
      307,
      '/version-test/api/1.1/wf/api-token-generate'
    ])
  })

  it('nested-error: Bubble shape with the given reason and message', async () => {
    const sim = await start()
    sim.fault({ kind: 'nested-error', reason: 'NOT_AUTHORIZED', message: 'No' })
    sim.fault({ kind: 'nested-error', status: 500, reason: 'ERROR', message: 'Workflow error' })
    const first = await post(sim)
    expect([first.status, json(first)]).toEqual([
      400,
      { statusCode: 400, body: { status: 'NOT_AUTHORIZED', message: 'No' } }
    ])
    const second = await post(sim)
    expect(json(second)).toEqual({
      statusCode: 500,
      body: { status: 'ERROR', message: 'Workflow error' }
    })
  })

  it('empty: the status with a zero-length body', async () => {
    const sim = await start()
    sim.fault({ kind: 'empty', status: 503 }, { kind: 'empty', status: 204 })
    const first = await post(sim)
    expect([first.status, first.body.length, first.headers['content-length']]).toEqual([
      503,
      0,
      '0'
    ])
    const second = await post(sim)
    expect([second.status, second.body.length]).toEqual([204, 0])
  })

  it('consumes queued faults in order, one per request, then answers normally', async () => {
    const sim = await start()
    sim.fault({ kind: 'empty', status: 500 }, { kind: 'status', status: 418 })
    sim.fault({ kind: 'empty', status: 502 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await post(sim)).status)
    expect(statuses).toEqual([500, 418, 502, 200])
    expect(sim.requests).toHaveLength(4)
    expect((await send(`${sim.origin}/elsewhere`)).status).toBe(404) // none left over
  })
})

describe('cli', () => {
  const node = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url))
  const cli = fileURLToPath(new URL('../../scripts/simulator.ts', import.meta.url))

  it('prints the URL as its first line, serves, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'personr-sim-'))
    const urlFile = join(dir, 'url')
    const account = { email: 'cli@example.test', password: 'a:b ü' }
    const child = spawn(
      node,
      [cli, '--url-file', urlFile, '--account', `${account.email}:${account.password}`],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    try {
      const stderr: Buffer[] = []
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
      const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\.1\/wf$/)
      expect(readFileSync(urlFile, 'utf8')).toBe(`${url}\n`)
      expect((await mint(url, account)).status).toBe(200)

      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      expect(await exited).toEqual([0, null])
      const log = Buffer.concat(stderr).toString()
      expect(log).toContain('POST /api/1.1/wf/api-token-generate 200')
      expect(log).not.toContain(account.password)
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('expires idle tokens after --token-idle-days, on a clock moved by the control endpoint', async () => {
    const child = spawn(node, [cli, '--token-idle-days', '2'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    try {
      const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
      const token = tokenOf(await mint(url, DEFAULT_ACCOUNT))
      const advance = (ms: number) =>
        send(`${new URL(url).origin}/__simulator/advance?ms=${ms}`, { method: 'POST' })
      expect((await advance(DAY)).status).toBe(204)
      expect((await check(url, token)).status).toBe(400) // a use: idle until day 3
      expect((await advance(2 * DAY)).status).toBe(204)
      expect((await check(url, token)).status).toBe(401)
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('documents the control endpoint and refuses a bad --token-idle-days', async () => {
    const help = spawn(node, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    help.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    expect(await once(help, 'exit')).toEqual([0, null])
    expect(Buffer.concat(out).toString()).toMatch(
      /--token-idle-days[\s\S]*POST .*\/__simulator\/advance\?ms=N/
    )
    const bad = spawn(node, [cli, '--token-idle-days', 'soon'], { stdio: 'ignore' })
    expect(await once(bad, 'exit')).toEqual([2, null])
  })

  it('stops by itself after --idle-timeout', async () => {
    const child = spawn(node, [cli, '--idle-timeout', '0.2'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = once(child, 'exit')
    const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\.1\/wf$/)
    expect(await exited).toEqual([0, null])
  })
})
