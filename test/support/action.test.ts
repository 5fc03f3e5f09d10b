// runAction reads outputs as the runner does, so a test that expects no token output cannot pass
// when one was written some other way; and a test that ends early leaves no process behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { parseOutputs, runAction } from './action.ts'

const dir = mkdtempSync(join(tmpdir(), 'personr-run-action-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `code` the way runAction runs the bundle. */
function runScript(code: string, env: Record<string, string> = {}) {
  const script = join(dir, `script-${Math.random().toString(16).slice(2)}.mjs`)
  writeFileSync(script, code)
  return runAction({ inputs: {}, script, env })
}

describe('parseOutputs', () => {
  it('reads delimited blocks and name=value lines, skipping empty lines', () => {
    const file = 'token<<EOF_1\nbus|a\nb=c<<d\nEOF_1\n\nrotated=true\nempty<<X\nX\nurl=a=b<<c\n'
    expect(parseOutputs(file)).toEqual({
      token: 'bus|a\nb=c<<d',
      rotated: 'true',
      empty: '',
      url: 'a=b<<c'
    })
  })

  it.each([
    ['a line that is neither form', 'token\n'],
    ['a value without a name', '=value\n'],
    ['a block without a name', '<<EOF\nx\nEOF\n'],
    ['a block without a delimiter', 'token<<\nx\n'],
    ['a block never closed', 'token<<EOF\nbus|a\n'],
    ['a stray line after a block', 'token<<EOF\nx\nEOF\nbus|a\n']
  ])('throws on %s', (_, file) => {
    expect(() => parseOutputs(file)).toThrow(/^GITHUB_OUTPUT line \d/)
  })
})

describe('runAction', () => {
  it('collects ::set-output commands beside GITHUB_OUTPUT, the file winning', async () => {
    const run = await runScript(`
      import { appendFileSync } from 'node:fs'
      console.log('::set-output name=token::bus%7Cx%0Ay')
      console.log('  ::set-output name=user%3Aid::1')
      console.log('::set-output name=rotated::false')
      appendFileSync(process.env.GITHUB_OUTPUT, 'rotated=true\\n')
    `)
    expect(run.code, run.stderr).toBe(0)
    expect(run.outputs).toEqual({ token: 'bus%7Cx\ny', 'user:id': '1', rotated: 'true' })
  })

  it('fails on an output file the runner would refuse', async () => {
    const script = `import { appendFileSync } from 'node:fs'
      appendFileSync(process.env.GITHUB_OUTPUT, 'token\\n')`
    await expect(runScript(script)).rejects.toThrow('GITHUB_OUTPUT line 1 is not')
  })
})

describe('a test that times out', () => {
  const pidFile = join(dir, 'pid')
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }

  // Expected to fail: it times out while the process it started runs on (started well within
  // the time, which it then waits out).
  it.fails(
    'stops waiting for a process that never ends',
    async () => {
      const script = `import { writeFileSync } from 'node:fs'
        writeFileSync(process.env.PID_FILE, String(process.pid))
        setInterval(() => {}, 1000)`
      await runScript(script, { PID_FILE: pidFile })
    },
    3000
  )

  it('leaves no process running: the one it started was killed when it ended', async () => {
    const pid = Number(readFileSync(pidFile, 'utf8'))
    expect(pid).toBeGreaterThan(0)
    for (let waited = 0; alive(pid) && waited < 5000; waited += 20) await sleep(20)
    expect(alive(pid)).toBe(false)
  })
})
