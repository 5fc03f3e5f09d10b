// The committed bundle against servers that speak the wrong TLS or not HTTP at all: the error
// names the URL and says what to do, instead of Node's bare "self-signed certificate". And
// HTTPS_PROXY and NO_PROXY, honoured by @actions/http-client inside the bundle.
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, warnings, type ActionRun } from '../support/action.ts'
import { expectNoLeak } from '../support/leaks.ts'
import { certificates, type KeyPair } from '../support/tls.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'

const { email, password } = DEFAULT_ACCOUNT

let personr: Simulator | undefined
afterEach(async () => {
  await personr?.close()
  personr = undefined
})

const https = async (pair?: KeyPair): Promise<Simulator> =>
  (personr = await startSimulator(pair ? { tls: pair } : {}))

const run = (apiUrl: string, inputs: Record<string, string> = {}, env = {}): Promise<ActionRun> =>
  runAction({ inputs: { email, password, 'api-url': apiUrl, ...inputs }, env })

/** A failed step that sent nothing worth a retry and showed no credential. */
function expectFinalFailure(result: ActionRun): void {
  expect(result.code).toBe(1)
  expect(result.outputs).toEqual({})
  expect(warnings(result), 'retries').toEqual([])
  expectNoLeak(result, password, 'password')
}

describe('TLS errors in plain words', () => {
  it('names the server and NODE_EXTRA_CA_CERTS for a self-signed certificate, without retrying', async () => {
    const sim = await https(certificates().selfSigned)
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//)
    const result = await run(sim.url)
    expectFinalFailure(result)
    expect(sim.requests).toEqual([]) // the handshake failed: no request, so no credentials, got through
    const host = new URL(sim.url).host
    const error = errorsOf(result)
    expect(error).toMatch(
      new RegExp(
        `^The TLS certificate of ${host.replace(/\./g, '\\.')} is not trusted \\(DEPTH_ZERO_SELF_SIGNED_CERT: `
      )
    )
    expect(error).toContain(`nothing was sent to ${sim.origin}/api/1.1/wf/api-token-generate`)
    expect(error).toContain('NODE_EXTRA_CA_CERTS')
  })

  it('succeeds against a server of a private CA given in NODE_EXTRA_CA_CERTS', async () => {
    const certs = certificates()
    const sim = await https(certs.server)
    const result = await run(sim.url, {}, { NODE_EXTRA_CA_CERTS: certs.caFile })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token).toBe(sim.currentToken(email))
    expect(sim.requests).toHaveLength(1)
  })

  it('says the certificate is for another host name', async () => {
    const certs = certificates()
    const sim = await https(certs.otherHost)
    const result = await run(sim.url, {}, { NODE_EXTRA_CA_CERTS: certs.caFile })
    expectFinalFailure(result)
    expect(sim.requests).toEqual([])
    const host = new URL(sim.url).host
    expect(errorsOf(result)).toMatch(
      new RegExp(
        `^The TLS certificate presented for ${host.replace(/\./g, '\\.')} is for another host name, so nothing was sent to `
      )
    )
    expect(errorsOf(result)).toContain('Check the host name in `api-url`')
  })

  it('says a plain http server did not answer in TLS', async () => {
    const sim = await https()
    expect(sim.url).toMatch(/^http:\/\//)
    const url = sim.url.replace(/^http:/, 'https:')
    const result = await run(url)
    expectFinalFailure(result)
    const host = new URL(url).host
    expect(errorsOf(result)).toMatch(
      new RegExp(
        `^${host.replace(/\./g, '\\.')} did not answer in TLS \\((EPROTO|ERR_SSL_[A-Z_]+)\\) at https://${host.replace(/\./g, '\\.')}/api/1\\.1/wf/api-token-generate: it looks like a plain http port\\.`
      )
    )
    expect(errorsOf(result)).toContain('Check the scheme and port in `api-url`')
  })

  it('says the connection closed and that an https server needs https:// in api-url', async () => {
    const sim = await https(certificates().server)
    const url = sim.url.replace(/^https:/, 'http:')
    const result = await run(url, { retries: '0' })
    expect(result.code).toBe(1)
    expect(result.outputs).toEqual({})
    const host = new URL(url).host
    expect(errorsOf(result)).toMatch(/^Could not mint a Personr token after 1 attempt; /)
    expect(errorsOf(result)).toContain(
      `the connection closed without an answer; if ${host} speaks https, \`api-url\` must start with https://`
    )
    expect(errorsOf(result)).toMatch(
      /If .+ speaks https, change `api-url` to https:\/\/; otherwise re-run the job later\.$/
    )
    expect(errorsOf(result)).not.toContain('This looks temporary')
    expectNoLeak(result, password, 'password')
  })
})

describe('a server that does not speak HTTP', () => {
  let server: Server | undefined
  const sockets = new Set<Socket>()
  afterEach(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    server = undefined
  })

  it('says it answered something that is not HTTP', async () => {
    let connections = 0
    server = createServer((socket) => {
      connections++
      sockets.add(socket)
      socket.on('error', () => {})
      socket.write('SSH-2.0-OpenSSH_9.0\r\n')
      socket.on('data', () => socket.end())
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const result = await run(`http://127.0.0.1:${port}/api/1.1/wf`)
    expectFinalFailure(result)
    expect(connections).toBe(1)
    expect(errorsOf(result)).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:${port} answered something that is not HTTP \\(HPE_[A-Z_]+\\) at http://127\\.0\\.0\\.1:${port}/api/1\\.1/wf/api-token-generate\\. Check the scheme, host and port in \`api-url\``
      )
    )
  })
})

// A recording proxy: it notes every connection and the first bytes of each, and refuses them (the
// real Personr is not reachable from here anyway).
describe('proxies', () => {
  let proxy: Server
  let seen: string[]
  let connections: number
  let proxyUrl: string
  beforeEach(async () => {
    seen = []
    connections = 0
    proxy = createServer((socket) => {
      connections++
      socket.once('data', (chunk) => {
        seen.push(chunk.toString('latin1'))
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
      })
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })
  afterEach(() => new Promise<void>((resolve) => proxy.close(() => resolve())))

  it('tunnels through HTTPS_PROXY, so the proxy sees only the host, never the credentials', async () => {
    const result = await run(
      'https://personr.example/api/1.1/wf',
      { retries: '0' },
      {
        HTTPS_PROXY: proxyUrl
      }
    )
    expect(result.code).toBe(1)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/^CONNECT personr\.example:443 HTTP\/1\.1\r\n/)
    expect(seen[0]).not.toContain(password)
    expect(errorsOf(result)).toMatch(/^Could not mint a Personr token after 1 attempt/)
    expectNoLeak(result, password, 'password')
  })

  // @actions/http-client never proxies a loopback host, NO_PROXY or not: this proves the mint
  // succeeds with every proxy variable set, none of them used. The next test shows NO_PROXY
  // itself at work, on a host the client would otherwise proxy.
  it('mints from localhost, in NO_PROXY, with nothing sent through the proxy', async () => {
    const sim = await https()
    const { port } = new URL(sim.url)
    const env = { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: 'localhost' }
    const result = await run(`http://localhost:${port}/api/1.1/wf`, { retries: '0' }, env)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token).toBe(sim.currentToken(email))
    expect(sim.requests).toHaveLength(1)
    expect(connections).toBe(0)
    expectNoLeak(result, password, 'password')
  })

  it('goes around the proxy for a host in NO_PROXY that it would not skip by itself', async () => {
    // 0.0.0.0 is this machine (Linux connects it to the loopback), but not an address that
    // @actions/http-client keeps from the proxy by itself, as it does 127.0.0.1. Unlike a name,
    // it needs no DNS, whose answer could take longer than the test may.
    const sim = await https()
    const url = sim.url.replace(/^http:\/\/127\.0\.0\.1:/, 'https://0.0.0.0:')
    const result = await run(url, { retries: '0' }, { HTTPS_PROXY: proxyUrl, NO_PROXY: '0.0.0.0' })
    expect(result.code).toBe(1)
    expect(connections).toBe(0)
    // It reached the simulator itself, which speaks plain http.
    expect(errorsOf(result)).toMatch(/^0\.0\.0\.0:\d+ did not answer in TLS/)
  })
})
