import { describe, expect, it } from 'vitest'
import { isLoopback, joinPath } from '../../src/url.ts'

describe('isLoopback', () => {
  it.each(['localhost', '127.0.0.1', '127.5.6.7', '127.255.255.255', '[::1]'])(
    'treats %s as loopback',
    (host) => {
      expect(isLoopback(host)).toBe(true)
    }
  )

  it.each(['example.com', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io'])(
    'does not treat %s as loopback',
    (host) => {
      expect(isLoopback(host)).toBe(false)
    }
  )
})

describe('joinPath', () => {
  it('appends a path after the base path instead of replacing its last part', () => {
    expect(joinPath(new URL('https://api.example.com/api/v3'), 'repos/o/r').href).toBe(
      'https://api.example.com/api/v3/repos/o/r'
    )
    expect(joinPath(new URL('https://api.example.com/'), 'repos/o/r').href).toBe(
      'https://api.example.com/repos/o/r'
    )
  })

  it('never changes the host, even for a base path that starts with //', () => {
    const base = new URL('https://ghe.example.com//api/v3')
    expect(joinPath(base, 'repos/o/r').host).toBe('ghe.example.com')
  })
})
