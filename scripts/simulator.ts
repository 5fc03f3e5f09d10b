// Runs the Personr simulator on its own, for scripts and CI jobs:
//   node scripts/simulator.ts [--port N] [--idle-timeout SECONDS] [--lifetime SECONDS]
//                              [--url-file PATH] [--account EMAIL:PASSWORD]...
// The first (only) stdout line is the base URL; request logs go to stderr.
import { renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startSimulator } from '../test/fakes/personr.ts'
import type { Account, SimulatorOptions } from '../test/fakes/personr.ts'

const USAGE =
  'usage: node scripts/simulator.ts [--port N] [--idle-timeout SECONDS] [--lifetime SECONDS]\n' +
  '         [--url-file PATH] [--account EMAIL:PASSWORD]...'

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
