// The bundle this test run built (test/setup/bundle.ts), checked for what build/bundle.ts promises:
// three packages replaced by the files in build/stubs/, in the bundle only; code in ASCII only;
// libsodium's WebAssembly shipped as a file of its own.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { asciiOnly, SUBSTITUTES, WASM_FILE } from '../../build/bundle.ts'
import { actionDir, ROOT } from '../support/action.ts'

const dist = join(actionDir(), 'dist')
const entry = readFileSync(join(dist, 'index.js'), 'utf8')
const chunks = readdirSync(dist)
  .filter((name) => name.endsWith('.js'))
  .map((name) => readFileSync(join(dist, name), 'utf8'))
  .join('\n')

describe('the bundle', () => {
  it('leaves out undici and the mime-db database, loading each stub by its shipped path', () => {
    expect(chunks).not.toMatch(/class ProxyAgent extends/)
    expect(chunks).not.toContain('"application/vnd.openxmlformats')
    expect(Object.keys(SUBSTITUTES).sort()).toEqual(['@actions/exec', 'mime-types', 'undici'])
    for (const path of Object.values(SUBSTITUTES)) expect(chunks).toContain(`"${path}"`)
  })

  it('ships exactly the stubs of build/stubs/, unchanged', () => {
    const stubs = readdirSync(join(ROOT, 'build', 'stubs')).sort()
    expect(readdirSync(join(dist, 'stubs')).sort()).toEqual(stubs)
    for (const stub of stubs) {
      expect(readFileSync(join(dist, 'stubs', stub), 'utf8')).toBe(
        readFileSync(join(ROOT, 'build', 'stubs', stub), 'utf8')
      )
    }
  })

  it('ships stubs that throw, naming what is not there, for the packages never run', async () => {
    const stub = (file: string) => import(join(dist, 'stubs', file))
    const { ProxyAgent } = await stub('undici.mjs')
    const { lookup } = await stub('mime-types.cjs')
    const { getExecOutput } = await stub('actions-exec.mjs')
    expect(() => getExecOutput()).toThrow(/core\.platform\.getDetails\(\) is not available/)
    expect(() => ProxyAgent()).toThrow(/getAgentDispatcher\(\) is not available/)
    expect(() => lookup()).toThrow(/file parts are not available/)
  })

  it('is ASCII only, so Node reads each file as one-byte text', () => {
    expect(chunks).not.toMatch(/[^\0-\x7f]/)
    // The messages that hold non-ASCII characters in src/ are still there, escaped.
    expect(entry).toContain('Settings \\u2192 Environments')
  })

  it("ships libsodium's WebAssembly as a file of the very bytes libsodium embeds", () => {
    const libsodium = join(ROOT, 'node_modules', 'libsodium', 'dist', 'modules', 'libsodium.js')
    const embedded = readFileSync(libsodium, 'utf8').match(/"(AGFzbQ[A-Za-z0-9+/]+={0,2})"/)?.[1]
    expect(embedded).toBeDefined()
    const shipped = readFileSync(join(dist, WASM_FILE))
    expect(shipped.equals(Buffer.from(embedded ?? '', 'base64'))).toBe(true)
    expect(chunks).not.toContain('"AGFzbQ')
    expect(chunks).toContain(`new URL("./${WASM_FILE}", import.meta.url)`)
  })

  it('loads libsodium only in a chunk of its own, not at start', () => {
    expect(entry).not.toContain('crypto_box_seal')
    expect(chunks).toContain('crypto_box_seal')
  })
})

describe('one meaning per import', () => {
  it('maps no package names for the type checker, so tsc, vitest and ncc resolve alike', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as object
    expect(tsconfig).not.toHaveProperty('compilerOptions.paths')
    expect(tsconfig).not.toHaveProperty('compilerOptions.baseUrl')
  })

  it('imports nothing in src/ by a node_modules path', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    const sources = files.filter((file) => file.endsWith('.ts'))
    expect(sources.length).toBeGreaterThan(0)
    for (const file of sources) {
      expect(readFileSync(join(ROOT, 'src', file), 'utf8'), file).not.toMatch(
        /from '[^']*node_modules/
      )
    }
  })
})

describe('asciiOnly', () => {
  // Each snippet evaluates to the same value before and after, and comes out ASCII.
  const snippets = {
    'a string': '"caf\u00e9 \u2026"',
    'a template': '`${1} \u2192 ${2}\u2026`',
    'a regular expression': '/[\u00a0-\u00ff]+/.exec("a\u00e9\u00e8b")[0]',
    'a character outside the BMP': '"\ud83d\udd11".codePointAt(0)',
    'a unicode regular expression': '/^.$/u.test("\ud83d\udd11")',
    'an identifier': '(() => { const \u00e9t\u00e9 = 2; return \u00e9t\u00e9 * 3 })()',
    'a comment': '1 /* \u2026 */ + 1'
  }
  for (const [label, snippet] of Object.entries(snippets)) {
    it(`keeps the meaning of ${label}`, () => {
      const escaped = asciiOnly(snippet)
      expect(escaped).not.toMatch(/[^\0-\x7f]/)
      expect(escaped).not.toBe(snippet)
      expect((0, eval)(escaped)).toEqual((0, eval)(snippet))
    })
  }

  it('leaves ASCII code as it is', () => {
    const code = 'const a = "\\u2026"; String.raw`x`'
    expect(asciiOnly(code)).toBe(code)
  })

  it('refuses code whose meaning the escapes would change', () => {
    expect(() => asciiOnly('String.raw`\u2026`')).toThrow(/String\.raw/)
    expect(() => asciiOnly('"\\\u2026"')).toThrow(/backslash/)
  })
})
