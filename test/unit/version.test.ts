import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { USER_AGENT, VERSION } from '../../src/version.ts'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string
  version: string
}

describe('version', () => {
  it('equals the version in package.json', () => {
    expect(VERSION).toBe(pkg.version)
  })

  it('is a semantic version', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/)
  })

  it('makes the user agent personr-token-action/<version>', () => {
    expect(USER_AGENT).toBe(`personr-token-action/${pkg.version}`)
    expect(USER_AGENT).toBe(`${pkg.name}/${VERSION}`)
  })
})
