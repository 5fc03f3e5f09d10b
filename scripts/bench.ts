// npm run bench: what users pay, side by side in one run on this machine, against the local
// fakes. Runs the committed dist/ (run `npm run bundle` first to measure the working tree) the
// way the runner does (test/support/action.ts) and prints numbers; it asserts nothing.
//
// - A token step over TLS (a throwaway CA in NODE_EXTRA_CA_CERTS for every process) against a
//   bare node:https script and a bare fetch script doing the same multipart POST, and against
//   the floor: the same POST through the action's own libraries (scripts/bench-floor.ts), built
//   the way the action is.
// - The scheduled refresh, first rotation and not due, with every request held 50 ms and every
//   new connection 100 ms more, against a script that makes the fewest rounds over kept
//   connections; with the request timeline of each.
// - A step that fails on a missing input against an empty Node process (cold start).
// - The tarball GitHub serves for a tag: `git archive HEAD`, compressed.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { bundle, SUBSTITUTES } from '../build/bundle.ts'
import { NODE24, ROOT, runAction, type ActionRun } from '../test/support/action.ts'
import { certificates } from '../test/support/tls.ts'
import { DEFAULT_TOKEN, startFakeGitHub } from '../test/fakes/github.ts'
import { DEFAULT_ACCOUNT, startSimulator } from '../test/fakes/personr.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
/** `token`, `substitutes`, `refresh` or `tarball` to measure one part only. */
const ONLY = process.env.BENCH_ONLY
const REPO = 'acme/app'
const dir = mkdtempSync(join(tmpdir(), 'personr-bench-'))
const tls = certificates()
const { caFile } = tls

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
const ms = (run: ActionRun): number => run.ended - run.started

// The least a token step can be, two ways: the same multipart POST, the same mask and output.
const BARE_HTTPS = `import https from 'node:https'
import { appendFileSync } from 'node:fs'
const boundary = '--------' + Math.random().toString(16).slice(2)
const field = (n, v) => '--' + boundary + '\\r\\nContent-Disposition: form-data; name="' + n + '"\\r\\n\\r\\n' + v + '\\r\\n'
const body = Buffer.from(field('email', process.env.INPUT_EMAIL) + field('password', process.env.INPUT_PASSWORD) + '--' + boundary + '--\\r\\n')
const request = https.request(process.env['INPUT_API-URL'] + '/api-token-generate', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=' + boundary, 'content-length': body.length } }, (response) => {
  let text = ''
  response.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => {
    const { token } = JSON.parse(text).response
    console.log('::add-mask::' + token)
    appendFileSync(process.env.GITHUB_OUTPUT, 'token<<EOF\\n' + token + '\\nEOF\\n')
  })
})
request.end(body)
`
const BARE_FETCH = `import { appendFileSync } from 'node:fs'
const form = new FormData()
form.append('email', process.env.INPUT_EMAIL)
form.append('password', process.env.INPUT_PASSWORD)
const response = await fetch(process.env['INPUT_API-URL'] + '/api-token-generate', { method: 'POST', body: form })
const { token } = (await response.json()).response
console.log('::add-mask::' + token)
appendFileSync(process.env.GITHUB_OUTPUT, 'token<<EOF\\n' + token + '\\nEOF\\n')
`
// The fewest rounds a refresh can take, doing what a refresh must: the three reads together,
// with libsodium loading meanwhile; then (when due) the proof of write access and the record of
// a rotation begun, together; then the mint, with the probe's deletion beside it; then the
// secret write, then the record; every request over kept connections.
const IDEAL_REFRESH = `import http from 'node:http'
import { appendFileSync } from 'node:fs'
const sodiumModule = ${JSON.stringify(join(ROOT, 'node_modules/libsodium-wrappers/dist/modules/libsodium-wrappers.js'))}
const env = process.env
const github = env['INPUT_GITHUB-API-URL'] + '/repos/${REPO}/actions'
const name = env['INPUT_SECRET-NAME']
const agents = { github: new http.Agent({ keepAlive: true }), personr: new http.Agent({ keepAlive: true }) }
function call(agent, method, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent, headers: { 'user-agent': 'bench', authorization: 'Bearer ' + env['INPUT_GITHUB-TOKEN'], ...headers } }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: response.statusCode, text }))
    })
    request.on('error', reject)
    request.end(body)
  })
}
const json = (value) => [JSON.stringify(value), { 'content-type': 'application/json' }]
const sodiumLoading = import(sodiumModule).then(async ({ default: sodium }) => (await sodium.ready, sodium))
const [key, secret, variable] = await Promise.all([
  call(agents.github, 'GET', github + '/secrets/public-key'),
  call(agents.github, 'GET', github + '/secrets/' + name),
  call(agents.github, 'GET', github + '/variables/' + name + '_EXPIRES_AT')
])
const expiry = variable.status === 200 ? Date.parse(JSON.parse(variable.text).value.split(' ')[0]) : 0
if (secret.status === 200 && expiry - Date.now() > 30 * 86400000) process.exit(0)
const sodium = await sodiumLoading
const { key_id, key: publicKey } = JSON.parse(key.text)
const seal = (value) => sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL)), sodium.base64_variants.ORIGINAL)
const record = name + '_EXPIRES_AT'
await Promise.all([
  call(agents.github, 'PUT', github + '/secrets/' + name + '_WRITE_PROBE', ...json({ encrypted_value: seal('probe'), key_id })),
  variable.status === 200
    ? call(agents.github, 'PATCH', github + '/variables/' + record, ...json({ name: record, value: 'incomplete: rotation begun' }))
    : call(agents.github, 'POST', github + '/variables', ...json({ name: record, value: 'incomplete: rotation begun' }))
])
const deleting = call(agents.github, 'DELETE', github + '/secrets/' + name + '_WRITE_PROBE')
const boundary = '--------' + Math.random().toString(16).slice(2)
const field = (n, v) => '--' + boundary + '\\r\\nContent-Disposition: form-data; name="' + n + '"\\r\\n\\r\\n' + v + '\\r\\n'
const form = Buffer.from(field('email', env.INPUT_EMAIL) + field('password', env.INPUT_PASSWORD) + '--' + boundary + '--\\r\\n')
const minting = call(agents.personr, 'POST', env['INPUT_API-URL'] + '/api-token-generate', form, { 'content-type': 'multipart/form-data; boundary=' + boundary, 'content-length': form.length })
const { token, expires } = JSON.parse((await minting).text).response
console.log('::add-mask::' + token)
appendFileSync(env.GITHUB_OUTPUT, 'token<<EOF\\n' + token + '\\nEOF\\n')
await call(agents.github, 'PUT', github + '/secrets/' + name, ...json({ encrypted_value: seal(token), key_id }))
await call(agents.github, 'PATCH', github + '/variables/' + record, ...json({ name: record, value: new Date(Date.now() + expires * 1000).toISOString() }))
await deleting
`
const EMPTY = ''
const script = (name: string, text: string): string => {
  const file = join(dir, `${name}.mjs`)
  writeFileSync(file, text)
  return file
}
await bundle(join(dir, 'floor'), join(ROOT, 'scripts', 'bench-floor.ts'))
const scripts = {
  FLOOR: join(dir, 'floor', 'index.js'),
  BARE_HTTPS: script('bare-https', BARE_HTTPS),
  BARE_FETCH: script('bare-fetch', BARE_FETCH),
  IDEAL_REFRESH: script('ideal-refresh', IDEAL_REFRESH),
  EMPTY: script('empty', EMPTY)
}

/** Each case's time in every round, in the order of the rounds. */
type Rounds = Record<string, number[]>

/** Runs each case RUNS times, round robin, so a busy moment of the machine hits all alike. */
async function compare(cases: Record<string, () => Promise<ActionRun>>): Promise<Rounds> {
  const times: Rounds = {}
  for (const [name, run] of Object.entries(cases)) {
    const warm = await run()
    if (warm.code !== 0 && !name.includes('cold')) {
      throw new Error(`${name} failed: ${warm.stdout}${warm.stderr}`)
    }
    times[name] = []
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, run] of Object.entries(cases)) times[name]?.push(ms(await run()))
  }
  return times
}

function table(rounds: Rounds): void {
  console.log('| case | median ms |')
  console.log('| --- | ---: |')
  for (const [name, values] of Object.entries(rounds))
    console.log(`| ${name} | ${median(values).toFixed(1)} |`)
}

const quantile = (values: number[], q: number): number =>
  [...values].sort((a, b) => a - b)[Math.round(q * (values.length - 1))] ?? NaN

/**
 * `a` over `b`, round by round: the two ran moments apart, so the load of a shared machine, which
 * moves whole medians by 10 % between runs of the bench, mostly cancels out. The median of those
 * ratios, with the middle half of them to show the spread.
 */
function ratio(label: string, rounds: Rounds, a: string, b: string, goal?: number): void {
  const over = (rounds[a] ?? []).map((value, i) => value / (rounds[b]?.[i] ?? NaN))
  const spread = `${quantile(over, 0.25).toFixed(2)}–${quantile(over, 0.75).toFixed(2)}`
  const target = goal === undefined ? '' : `, goal ≤ ${goal.toFixed(2)}x`
  console.log(`- ${label}: **${median(over).toFixed(2)}x** (middle half ${spread}${target})`)
}

/** What `b` saves over `a` in ms, round by round (see ratio): a substitute must save 5 ms. */
function saved(label: string, rounds: Rounds, a: string, b: string): void {
  const less = (rounds[a] ?? []).map((value, i) => value - (rounds[b]?.[i] ?? NaN))
  const spread = `${quantile(less, 0.25).toFixed(1)} to ${quantile(less, 0.75).toFixed(1)}`
  console.log(
    `- ${label} saves **${median(less).toFixed(1)} ms** (middle half ${spread}; keep at ≥ 5 ms)`
  )
}

const node = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim()
console.log(
  `Node ${node}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${RUNS} runs of each case, round robin; medians`
)

const personrTls = await startSimulator({ tls: tls.server })
const slowGitHub = await startFakeGitHub({ delayMs: 50, connectionDelayMs: 100, repos: [REPO] })
const slowPersonr = await startSimulator({ delayMs: 50, connectionDelayMs: 100 })
try {
  // --- A token step over TLS, and a cold start.
  if (!ONLY || ONLY === 'token') {
    const tokenInputs = { ...DEFAULT_ACCOUNT, 'api-url': personrTls.url }
    const withCa = { env: { NODE_EXTRA_CA_CERTS: caFile } }
    const step = await compare({
      'empty node process': () => runAction({ inputs: {}, script: scripts.EMPTY }),
      'action cold start (no inputs)': () => runAction({ inputs: { email: '', password: '' } }),
      'bare node:https token script': () =>
        runAction({ inputs: tokenInputs, script: scripts.BARE_HTTPS, ...withCa }),
      'bare fetch token script': () =>
        runAction({ inputs: tokenInputs, script: scripts.BARE_FETCH, ...withCa }),
      "floor: the action's libraries, one POST": () =>
        runAction({ inputs: tokenInputs, script: scripts.FLOOR, ...withCa }),
      'action token step': () => runAction({ inputs: tokenInputs, ...withCa })
    })
    console.log('\n### A token step over TLS, and a cold start\n')
    table(step)
    console.log('')
    const floor = "floor: the action's libraries, one POST"
    ratio("token step / floor: the action's own work", step, 'action token step', floor, 1.1)
    ratio(
      "floor / bare node:https script: the libraries' share",
      step,
      floor,
      'bare node:https token script'
    )
    ratio(
      'token step / bare node:https script',
      step,
      'action token step',
      'bare node:https token script'
    )
    ratio(
      'token step / bare fetch script',
      step,
      'action token step',
      'bare fetch token script',
      1.0
    )
    ratio(
      'cold start / empty node process',
      step,
      'action cold start (no inputs)',
      'empty node process',
      1.5
    )
  }
  // --- What each substitute of build/bundle.ts saves: it stays only at 5 ms on the token step
  // or on the cold start, the two paths whose goals count every millisecond of loading.
  if (!ONLY || ONLY === 'substitutes') {
    const tokenInputs = { ...DEFAULT_ACCOUNT, 'api-url': personrTls.url }
    const withCa = { env: { NODE_EXTRA_CA_CERTS: caFile } }
    const noInputs = { email: '', password: '' }
    const cases: Record<string, () => Promise<ActionRun>> = {
      'token step': () => runAction({ inputs: tokenInputs, ...withCa }),
      'cold start': () => runAction({ inputs: noInputs })
    }
    for (const name of Object.keys(SUBSTITUTES)) {
      const out = join(dir, `without-${name.replace(/\W/g, '-')}`)
      const others = Object.fromEntries(Object.entries(SUBSTITUTES).filter(([n]) => n !== name))
      await bundle(out, undefined, others)
      const script = join(out, 'index.js')
      cases[`token step without ${name}`] = () =>
        runAction({ inputs: tokenInputs, script, ...withCa })
      cases[`cold start without ${name}`] = () => runAction({ inputs: noInputs, script })
    }
    const rounds = await compare(cases)
    console.log('\n### What each substitute saves, on a token step over TLS and on a cold start\n')
    table(rounds)
    console.log('')
    for (const name of Object.keys(SUBSTITUTES)) {
      for (const path of ['token step', 'cold start']) {
        saved(`the ${name} substitute, ${path}`, rounds, `${path} without ${name}`, path)
      }
    }
  }
  // --- The refresh, each request held 50 ms and each new connection 100 ms more.
  if (!ONLY || ONLY === 'refresh') {
    let fresh = 0
    const refreshInputs = (secretName: string) => ({
      ...DEFAULT_ACCOUNT,
      'api-url': slowPersonr.url,
      'secret-name': secretName,
      'github-token': DEFAULT_TOKEN,
      'renew-before': '30d'
    })
    const refresh = (secretName: string, script?: string) =>
      runAction({
        inputs: refreshInputs(secretName),
        github: { api_url: slowGitHub.url },
        env: { GITHUB_REPOSITORY: REPO },
        ...(script ? { script } : {})
      })
    slowGitHub.setSecret(`actions:repo:${REPO}`, 'STORED', 'bus|stored|token')
    slowGitHub.setVariable(
      `actions:repo:${REPO}`,
      'STORED_EXPIRES_AT',
      new Date(Date.now() + 200 * 86_400_000).toISOString()
    )
    const rounds = await compare({
      'action, first rotation': () => refresh(`FRESH_${++fresh}`),
      'ideal script, first rotation': () => refresh(`FRESH_${++fresh}`, scripts.IDEAL_REFRESH),
      'action, not due': () => refresh('STORED'),
      'ideal script, not due': () => refresh('STORED', scripts.IDEAL_REFRESH)
    })
    console.log(
      '\n### The scheduled refresh: each request held 50 ms, each new connection 100 ms more\n'
    )
    table(rounds)
    console.log('')
    ratio(
      'first rotation / ideal script',
      rounds,
      'action, first rotation',
      'ideal script, first rotation',
      1.15
    )
    ratio('not due / ideal script', rounds, 'action, not due', 'ideal script, not due', 1.15)

    for (const [label, name] of [
      ['first rotation', `FRESH_${++fresh}`],
      ['not due', 'STORED']
    ] as const) {
      for (const [who, script] of [
        ['action', undefined],
        ['ideal script', scripts.IDEAL_REFRESH]
      ] as const) {
        const githubBefore = slowGitHub.requests.length
        const personrBefore = slowPersonr.requests.length
        const run = await refresh(
          label === 'first rotation' ? `${name}_${who.length}` : name,
          script
        )
        const events = [
          ...slowGitHub.requests.slice(githubBefore).map((q) => ({
            start: q.start,
            end: q.end,
            what: `GitHub  ${q.method} ${q.path.replace(/^\/repos\/[^/]+\/[^/]+/, '')}`
          })),
          ...slowPersonr.requests.slice(personrBefore).map((q) => ({
            start: q.start,
            end: NaN,
            what: `Personr ${q.method} ${q.path.replace(/^.*\/wf/, '')}`
          }))
        ].sort((a, b) => a.start - b.start)
        console.log(
          `\nTimeline, ${who}, ${label} (ms from process start; ends at ${ms(run).toFixed(0)}):`
        )
        for (const e of events) {
          const end = Number.isNaN(e.end) ? '' : `–${(e.end - run.started).toFixed(0).padStart(4)}`
          console.log(
            `  ${(e.start - run.started).toFixed(0).padStart(5)}${end.padEnd(6)}  ${e.what}`
          )
        }
      }
    }
  }
  // --- The tarball GitHub serves for a tag.
  const archive = execFileSync('git', ['archive', 'HEAD'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024
  })
  const compressed = gzipSync(archive).length
  console.log('\n### The tarball of a tag (`git archive HEAD`, gzip)\n')
  console.log(
    `- ${(compressed / 1024).toFixed(1)} KiB compressed, ${(archive.length / 1024).toFixed(1)} KiB as tar (goal ≤ 220 KiB compressed)`
  )
} finally {
  await Promise.all([personrTls.close(), slowGitHub.close(), slowPersonr.close()])
  rmSync(dir, { recursive: true, force: true })
}
