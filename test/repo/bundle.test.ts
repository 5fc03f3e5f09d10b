// What dist/ loads before a step's inputs are checked is paid by every run (README,
// "Performance"). These checks keep the stubs and lazy loading from quietly coming undone.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionDir, NODE24, ROOT } from '../support/action.ts'

const dist = join(ROOT, 'dist')
const entry = readFileSync(join(dist, 'index.js'), 'utf8')
const chunks = readdirSync(dist)
  .filter((name) => name.endsWith('.js'))
  .map((name) => readFileSync(join(dist, name), 'utf8'))
  .join('\n')

describe('dist/', () => {
  it('loads no HTTP or TLS builtins in a step that fails on its inputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'personr-modules-'))
    try {
      // Preloaded, it writes down at exit which of Node's own modules the process loaded.
      const recorder = join(dir, 'record.mjs')
      const list = join(dir, 'modules.txt')
      writeFileSync(
        recorder,
        `import { writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')))\n`
      )
      const bundle = join(actionDir(), 'dist', 'index.js')
      try {
        execFileSync(NODE24, ['--import', recorder, bundle], { env: { PATH: '' }, stdio: 'pipe' })
      } catch {
        // Exit code 1 is the point: no inputs.
      }
      const loaded = readFileSync(list, 'utf8').split('\n')
      expect(loaded).toContain('NativeModule fs')
      // Not 'net': a piped stdout is a net.Socket in any Node process.
      for (const builtin of ['http', 'https', 'tls', '_http_client']) {
        expect(loaded, builtin).not.toContain(`NativeModule ${builtin}`)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('bundles none of undici, @actions/exec or mime-db', () => {
    expect(chunks).not.toMatch(/class ProxyAgent extends/)
    expect(chunks).not.toContain('getExecOutput(commandLine')
    expect(chunks).not.toContain('"application/vnd.openxmlformats')
  })

  it('carries the stubs that stand in for them', () => {
    expect(chunks).toContain('undici is not bundled')
    expect(chunks).toContain('@actions/exec is not bundled')
    expect(chunks).toContain('mime-types is not bundled')
    expect(entry).toContain('getIDToken() is not available')
  })

  it('loads libsodium only in a chunk of its own, not at start', () => {
    expect(entry).not.toContain('crypto_box_seal')
    expect(chunks).toContain('crypto_box_seal')
  })
})
