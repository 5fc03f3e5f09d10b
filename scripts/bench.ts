// npm run bench: what a token step costs, side by side in one run on this machine. Runs the
// committed bundle as the runner does (a fresh Node 24 process, INPUT_* variables, output
// files) against the local simulator. Prints numbers; asserts nothing.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_ACCOUNT, startSimulator } from '../test/fakes/personr.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const NODE = join(ROOT, 'node_modules', 'node', 'bin', 'node')
const BUNDLE = join(ROOT, 'dist', 'index.js')
const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const dir = mkdtempSync(join(tmpdir(), 'personr-bench-'))

// The least a token step can be: the same multipart POST with the built-in fetch, the same
// mask and the same output.
const BARE = `import { appendFileSync } from 'node:fs'
const form = new FormData()
form.append('email', process.env.INPUT_EMAIL)
form.append('password', process.env.INPUT_PASSWORD)
const answer = await fetch(process.env['INPUT_API-URL'] + '/api-token-generate', { method: 'POST', body: form })
const { response } = await answer.json()
console.log('::add-mask::' + response.token)
appendFileSync(process.env.GITHUB_OUTPUT, 'token<<EOF\\n' + response.token + '\\nEOF\\n')
`
writeFileSync(join(dir, 'empty.mjs'), '')
writeFileSync(join(dir, 'bare-fetch.mjs'), BARE)
const outputFile = join(dir, 'output')
const summaryFile = join(dir, 'summary')

const personr = await startSimulator()
const big = await startSimulator()
const tokenInputs = (url: string): Record<string, string> => ({
  INPUT_EMAIL: DEFAULT_ACCOUNT.email,
  INPUT_PASSWORD: DEFAULT_ACCOUNT.password,
  'INPUT_API-URL': url,
  INPUT_TIMEOUT: '30',
  INPUT_RETRIES: '3'
})
const runnerEnv = {
  PATH: process.env.PATH ?? '',
  GITHUB_OUTPUT: outputFile,
  GITHUB_ACTIONS: 'true'
}

interface Case {
  name: string
  script: string
  env: Record<string, string>
  expectCode: number
  before?: () => void
}
const cases: Case[] = [
  { name: 'empty node process', script: join(dir, 'empty.mjs'), env: {}, expectCode: 0 },
  { name: 'action cold start (no inputs)', script: BUNDLE, env: {}, expectCode: 1 },
  {
    name: 'bare fetch token script',
    script: join(dir, 'bare-fetch.mjs'),
    env: tokenInputs(personr.url),
    expectCode: 0
  },
  { name: 'action token step', script: BUNDLE, env: tokenInputs(personr.url), expectCode: 0 },
  {
    name: 'action, 200 MB answer',
    script: BUNDLE,
    env: tokenInputs(big.url),
    expectCode: 1,
    before: () => big.fault({ kind: 'oversized', bytes: 200 * 1024 * 1024 })
  }
]

/** Wall time of one process, from spawn to exit, in ms. */
function timeOnce(c: Case): Promise<number> {
  c.before?.()
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(NODE, [c.script], { env: { ...runnerEnv, ...c.env }, stdio: 'ignore' })
    child.on('error', reject)
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (code !== c.expectCode)
        reject(new Error(`${c.name}: exit ${code}, expected ${c.expectCode}`))
      else resolve(ms)
    })
  })
}

/** Peak resident memory of one process in MiB, as the kernel counts it (getrusage). */
async function peakMemory(c: Case): Promise<number> {
  c.before?.()
  const probe =
    'import resource,subprocess,sys\n' +
    'subprocess.run(sys.argv[1:])\n' +
    'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)'
  // The simulator answers from this process, so the child must not block the event loop.
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('python3', ['-c', probe, NODE, c.script], {
      env: { ...runnerEnv, ...c.env },
      stdio: ['ignore', 'pipe', 'ignore']
    })
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.on('error', reject)
    child.on('close', () => resolve(text))
  })
  return Number(out.trim().split('\n').at(-1)) / 1024
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

try {
  const times = new Map(cases.map((c) => [c.name, [] as number[]]))
  const memory = new Map(cases.map((c) => [c.name, [] as number[]]))
  for (const c of cases) await timeOnce(c) // warm the file cache
  // Round robin, so that a busy moment of the machine hits every case alike.
  for (let i = 0; i < RUNS; i++) {
    for (const c of cases) times.get(c.name)?.push(await timeOnce(c))
  }
  for (let i = 0; i < 5; i++) {
    for (const c of cases) memory.get(c.name)?.push(await peakMemory(c))
  }

  const node = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim()
  console.log(
    `Node ${node}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${RUNS} runs each`
  )
  console.log('')
  console.log('| case | median ms | peak RSS MiB (median of 5) |')
  console.log('| --- | ---: | ---: |')
  for (const c of cases) {
    const ms = median(times.get(c.name) ?? [])
    const mib = median(memory.get(c.name) ?? [])
    console.log(`| ${c.name} | ${ms.toFixed(1)} | ${mib.toFixed(1)} |`)
  }
  const t = (name: string): number => median(times.get(name) ?? [])
  const m = (name: string): number => median(memory.get(name) ?? [])
  console.log('')
  console.log(
    `cold start / empty node process: ${(t('action cold start (no inputs)') / t('empty node process')).toFixed(2)}x (goal at most 1.5x)`
  )
  console.log(
    `token step / bare fetch script:  ${(t('action token step') / t('bare fetch token script')).toFixed(2)}x (goal at most 1.0x)`
  )
  console.log(
    `peak memory, token step / bare fetch script: ${(m('action token step') / m('bare fetch token script')).toFixed(2)}x (goal at most 1.10x)`
  )
  console.log(
    `peak memory, 200 MB answer / token step: ${(m('action, 200 MB answer') / m('action token step')).toFixed(2)}x (goal at most 1.00x)`
  )
} finally {
  await personr.close()
  await big.close()
  rmSync(dir, { recursive: true, force: true })
}
