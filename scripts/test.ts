// npm test: the type check, ESLint, Prettier and the bundle build run at once (each keeps about
// one core busy, and none waits for another), then vitest with coverage runs every test against
// that bundle (test/setup/bundle.ts builds it only when no one has). Any failure fails the run.
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NODE24, ROOT } from '../test/support/action.ts'

const bin = (path: string): string => join(ROOT, 'node_modules', path)
const dir = mkdtempSync(join(tmpdir(), 'personr-action-'))

/** Runs `node args` in the repository; resolves with its exit code and everything it printed. */
function node(args: string[], env: NodeJS.ProcessEnv = process.env, quiet = true) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(NODE24, args, { cwd: ROOT, env, stdio: quiet ? 'pipe' : 'inherit' })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('close', (code) => resolve({ code, output }))
  })
}

const checks: Record<string, string[]> = {
  'type check (tsc --noEmit)': [bin('typescript/bin/tsc'), '--noEmit'],
  'lint (eslint .)': [bin('eslint/bin/eslint.js'), '.'],
  'format (prettier --check .)': [
    bin('prettier/bin/prettier.cjs'),
    '--check',
    '.',
    '--log-level',
    'warn'
  ],
  'bundle (build/bundle.ts)': [join(ROOT, 'build', 'bundle.ts'), join(dir, 'dist')]
}

let code = 0
try {
  const started = performance.now()
  const results = await Promise.all(Object.values(checks).map((args) => node(args)))
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  Object.keys(checks).forEach((name, i) => {
    const { code: status, output } = results[i] ?? { code: 1, output: '' }
    if (status === 0) return
    code = 1
    process.stderr.write(`\n✗ ${name} failed:\n${output}\n`)
  })
  if (code === 0) {
    console.log(`✓ ${Object.keys(checks).join(', ')}: all passed in ${seconds} s`)
    copyFileSync(join(ROOT, 'action.yml'), join(dir, 'action.yml'))
    const env = { ...process.env, PERSONR_ACTION_DIR: dir }
    const vitest = await node([bin('vitest/vitest.mjs'), 'run', '--coverage'], env, false)
    code = vitest.code ?? 1
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.exitCode = code
