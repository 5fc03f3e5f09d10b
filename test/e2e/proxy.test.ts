// HTTPS_PROXY and NO_PROXY, honoured by @actions/http-client inside the bundle. Personr is not
// reachable from here, so the fake proxy records the tunnel it is asked for and refuses it.
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runAction } from '../support/action.ts'
import { expectNoLeak } from '../support/leaks.ts'
import { DEFAULT_ACCOUNT } from '../fakes/personr.ts'

const { email, password } = DEFAULT_ACCOUNT
let proxy: Server
let seen: string[]
let proxyUrl: string

beforeEach(async () => {
  seen = []
  proxy = createServer((socket) => {
    socket.once('data', (chunk) => {
      seen.push(chunk.toString('latin1'))
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
})
afterEach(() => new Promise<void>((resolve) => proxy.close(() => resolve())))

const run = (env: Record<string, string>) =>
  runAction({
    inputs: { email, password, 'api-url': 'https://personr.example/api/1.1/wf', retries: '0' },
    env
  })

describe('proxies', () => {
  it('tunnels through HTTPS_PROXY, so the proxy sees only the host, never the credentials', async () => {
    const result = await run({ HTTPS_PROXY: proxyUrl })
    expect(result.code).toBe(1)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/^CONNECT personr\.example:443 HTTP\/1\.1\r\n/)
    expect(seen[0]).not.toContain(password)
    expect(result.stdout).toMatch(/::error::Could not mint a Personr token after 1 attempt/)
    expectNoLeak(result, password, 'password')
  })

  it('goes around the proxy for hosts in NO_PROXY', async () => {
    const result = await run({ HTTPS_PROXY: proxyUrl, NO_PROXY: 'personr.example' })
    expect(result.code).toBe(1)
    expect(seen).toHaveLength(0)
  })
})
