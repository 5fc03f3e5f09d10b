// The bundle this test run built (test/setup/bundle.ts), checked for what build/bundle.ts promises:
// two packages the action never runs replaced by the stubs in build/stubs/, in the bundle only.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SUBSTITUTES, WASM_FILE } from '../../build/bundle.ts'
import { actionDir, ROOT } from '../support/action.ts'

const dist = join(actionDir(), 'dist')
const entry = readFileSync(join(dist, 'index.js'), 'utf8')
const chunks = readdirSync(dist)
  .filter((name) => name.endsWith('.js'))
  .map((name) => readFileSync(join(dist, name), 'utf8'))
  .join('\n')

describe('the bundle', () => {
  it('leaves out undici and the mime-db database', () => {
    expect(chunks).not.toMatch(/class ProxyAgent extends/)
    expect(chunks).not.toContain('"application/vnd.openxmlformats')
  })

  it('loads each stub by the relative path it is shipped at', () => {
    expect(Object.keys(SUBSTITUTES).sort()).toEqual(['mime-types', 'undici'])
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

  it("ships libsodium's WebAssembly as a file of the very bytes libsodium embeds", () => {
    const embedded = readFileSync(
      join(ROOT, 'node_modules', 'libsodium', 'dist', 'modules', 'libsodium.js'),
      'utf8'
    ).match(/"(AGFzbQ[A-Za-z0-9+/]+={0,2})"/)?.[1]
    expect(embedded).toBeDefined()
    expect(readFileSync(join(dist, WASM_FILE)).equals(Buffer.from(embedded ?? '', 'base64'))).toBe(
      true
    )
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
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>
    }
    expect(tsconfig.compilerOptions.paths).toBeUndefined()
    expect(tsconfig.compilerOptions.baseUrl).toBeUndefined()
  })

  it('imports nothing in src/ by a node_modules path', () => {
    for (const file of readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue
      expect(readFileSync(join(ROOT, 'src', file), 'utf8'), file).not.toMatch(
        /from '[^']*node_modules/
      )
    }
  })
})
