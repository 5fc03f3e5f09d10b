// `npm start` as a developer runs it: against the simulator whatever the shell holds, and
// against a real Personr only when asked by flag, saying first that the account's token dies.
import { spawn } from 'node:child_process'
import { afterEach, expect, it } from 'vitest'
import { NODE24, ROOT } from '../support/action.ts'
import { track } from '../support/children.ts'
import { mints } from '../support/requests.ts'
import { startSimulator, type Simulator } from '../fakes/personr.ts'

const ACCOUNT = { email: 'prod-bot@example.test', password: 'the production password' }

let production: Simulator | undefined
afterEach(() => production?.close())

function start(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = track(
      spawn(NODE24, ['scripts/start.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe']
      })
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

const credentials = (api: Simulator) => ({
  PERSONR_EMAIL: ACCOUNT.email,
  PERSONR_PASSWORD: ACCOUNT.password,
  PERSONR_API_URL: api.url
})

it('talks only to the simulator when PERSONR_EMAIL and PERSONR_PASSWORD are set', async () => {
  production = await startSimulator({ accounts: [ACCOUNT] })
  const { code, output } = await start([], credentials(production))
  expect(code, output).toBe(0)
  expect(output).toContain('PERSONR_EMAIL or PERSONR_PASSWORD is set, and ignored')
  expect(output).toContain('against the simulator')
  expect(output).toContain('The simulator accepts the new token: true.')
  expect(production.requests).toEqual([])
  expect(output).not.toContain(ACCOUNT.password)
})

it('mints against the real Personr only with --personr, saying first that the current token dies', async () => {
  production = await startSimulator({ accounts: [ACCOUNT] })
  const { code, output } = await start(['--personr'], credentials(production))
  expect(code, output).toBe(0)
  const warning = output.indexOf("the account's current token stops working now")
  expect(warning).toBeGreaterThanOrEqual(0)
  expect(warning).toBeLessThan(output.indexOf('Minting a Personr API token'))
  expect(mints(production)).toBe(1)
  expect(output).not.toContain(ACCOUNT.password)
  expect(output).not.toContain(production.currentToken(ACCOUNT.email) ?? 'none')
})

it('refuses --personr without credentials', async () => {
  const { code, output } = await start(['--personr'], { PERSONR_EMAIL: '', PERSONR_PASSWORD: '' })
  expect(code).toBe(2)
  expect(output).toContain('needs PERSONR_EMAIL and PERSONR_PASSWORD')
})
