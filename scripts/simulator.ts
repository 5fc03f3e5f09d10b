// Runs the Personr simulator on its own, for scripts and CI jobs (usage below). The first (only)
// stdout line is the base URL; request logs go to stderr. A separate process cannot call
// advance(), so the clock moves through a control endpoint outside Bubble's paths.
import { renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startSimulator } from '../test/fakes/personr.ts'
import type { Account, SimulatorOptions } from '../test/fakes/personr.ts'

const USAGE = `usage: node scripts/simulator.ts [--port N] [--idle-timeout SECONDS] [--lifetime SECONDS]
         [--token-idle-days DAYS] [--url-file PATH] [--account EMAIL:PASSWORD]...
  --idle-timeout     the server stops after this long without a request (default 300)
  --lifetime         a token's full lifetime from its mint (default 31536000, a year)
  --token-idle-days  a token dies after this many days without use (default 30, as Bubble's)
Endpoints under the printed URL: POST api-token-generate, POST api-basic-auth,
POST api-applicant-status (Authorization: Bearer TOKEN; 401 for a dead token, else 400 without
applicantId; a use that keeps the token alive).
Control: POST http://127.0.0.1:PORT/__simulator/advance?ms=N moves the simulator's clock N ms forward
(204; 400 for a bad N), e.g. ms=2678400000 to let a token idle for 31 days.`

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`)
  process.exit(2)
}

function number(
  name: string,
  text: string | undefined,
  fallback: number,
  integer: boolean
): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && !Number.isInteger(value))
  ) {
    fail(`--${name} wants a non-negative ${integer ? 'integer' : 'number'}, got "${text}"`)
  }
  return value
}

function account(text: string): Account {
  // The email cannot hold a colon here, the password can: split at the first one.
  const colon = text.indexOf(':')
  if (colon <= 0) fail(`--account wants EMAIL:PASSWORD, got no colon`)
  return { email: text.slice(0, colon), password: text.slice(colon + 1) }
}

let args
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      'idle-timeout': { type: 'string' },
      lifetime: { type: 'string' },
      'token-idle-days': { type: 'string' },
      'url-file': { type: 'string' },
      account: { type: 'string', multiple: true },
      help: { type: 'boolean' }
    }
  }).values
} catch (error) {
  fail((error as Error).message)
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}

const port = number('port', args.port, 0, true)
if (port > 65535) fail(`--port must be at most 65535, got ${port}`)
const options: SimulatorOptions = {
  port,
  // Stops by itself so a forgotten background job cannot outlive CI for long.
  idleTimeoutMs: number('idle-timeout', args['idle-timeout'], 300, false) * 1000,
  lifetimeSeconds: number('lifetime', args.lifetime, 31_536_000, true),
  idleMs: number('token-idle-days', args['token-idle-days'], 30, false) * 86_400_000,
  log: (line) => void process.stderr.write(`${line}\n`)
}
if (args.account !== undefined) options.accounts = args.account.map(account)

const simulator = await startSimulator(options)
const urlFile = args['url-file']
if (urlFile !== undefined) {
  // Written whole and renamed into place, so a poller never reads half a URL.
  writeFileSync(`${urlFile}.tmp`, `${simulator.url}\n`)
  renameSync(`${urlFile}.tmp`, urlFile)
}
process.stdout.write(`${simulator.url}\n`)

const stop = () => void simulator.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
