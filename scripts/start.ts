// npm start: runs the bundled action end to end, as a workflow step would, and prints what the
// workflow log would show (masked values as ***), the step outputs and the job summary.
// Always against the project's Personr simulator, whatever the environment holds: the secrets'
// names (PERSONR_EMAIL, PERSONR_PASSWORD) are the README's, and a mint kills the account's
// token. Only `npm start -- --personr` mints against the real Personr (or PERSONR_API_URL), with
// the credentials in PERSONR_EMAIL and PERSONR_PASSWORD, and it says first what that kills.
import { parseArgs } from 'node:util'
import { runAction } from '../test/support/action.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../test/fakes/personr.ts'

const { values } = parseArgs({ options: { personr: { type: 'boolean', default: false } } })
const { PERSONR_EMAIL, PERSONR_PASSWORD, PERSONR_API_URL } = process.env
const real = values.personr
if (real && !(PERSONR_EMAIL && PERSONR_PASSWORD)) {
  console.error(
    'npm start -- --personr needs PERSONR_EMAIL and PERSONR_PASSWORD in the environment.'
  )
  process.exit(2)
}
if (!real && (PERSONR_EMAIL || PERSONR_PASSWORD)) {
  console.log(
    'PERSONR_EMAIL or PERSONR_PASSWORD is set, and ignored: npm start runs against the simulator. `npm start -- --personr` mints against the real Personr.'
  )
}
if (real) {
  console.log(
    `This mints a real token at ${PERSONR_API_URL ?? 'Personr'} for the account in PERSONR_EMAIL: the account's current token stops working now, for every workflow, test and service that uses it.`
  )
}
let simulator: Simulator | undefined
if (!real) simulator = await startSimulator()

const inputs: Record<string, string> = real
  ? { email: PERSONR_EMAIL ?? '', password: PERSONR_PASSWORD ?? '' }
  : { ...DEFAULT_ACCOUNT, 'api-url': simulator?.url ?? '' }
if (real && PERSONR_API_URL) inputs['api-url'] = PERSONR_API_URL

console.log(`Running dist/index.js under Node 24 against ${real ? 'Personr' : 'the simulator'}`)
console.log('─'.repeat(72))
try {
  const run = await runAction({ inputs })
  const masks = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.value)
  const hide = (text: string): string => masks.reduce((out, m) => out.split(m).join('***'), text)

  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    if (line === '' || line.startsWith('::add-mask::')) continue
    const command = /^::(error|warning|notice|debug)[^:]*::(.*)$/.exec(line)
    console.log(
      hide(command ? `${command[1]?.replace(/^./, (c) => c.toUpperCase())}: ${command[2]}` : line)
    )
  }
  console.log('─'.repeat(72))
  console.log('Step outputs:')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name} = ${hide(value)}`)
  if (run.summary) console.log(`Job summary:\n${hide(run.summary)}`)
  console.log(`Exit code ${run.code}: the step ${run.code === 0 ? 'succeeded' : 'failed'}.`)
  if (simulator && run.outputs.token) {
    console.log(`The simulator accepts the new token: ${simulator.isValid(run.outputs.token)}.`)
  }
  process.exitCode = run.code ?? 1
} finally {
  await simulator?.close()
}
