// What the simulator must get right that no test of the action pins: Personr's published bytes,
// the token life of Bubble's user tokens, and the CLI as CI starts it. The faults are pinned by
// the end-to-end tests that use them.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { NODE24, ROOT } from '../support/action.ts'
import { track } from '../support/children.ts'
import { fixture } from '../support/fixtures.ts'
import { DEFAULT_ACCOUNT, startSimulator } from './personr.ts'
import type { Account, Simulator, SimulatorOptions } from './personr.ts'
import type { Minted } from './personr-accounts.ts'

const DAY = 86_400_000
const INVALID_LOGIN = fixture('personr/invalid-login.json')
const INVALID_TOKEN = fixture('personr/invalid-token.json')
const missing = (workflow: string, parameter: string) => {
  const message = `Missing parameter for workflow ${workflow}: parameter ${parameter}`
  return JSON.stringify({ statusCode: 400, body: { status: 'MISSING_DATA', message } })
}

interface Call {
  form?: Record<string, string>
  authorization?: string
  body?: string
  contentType?: string
}

/** POSTs to a workflow under `base`: a multipart `form` as fetch encodes it, or a raw body. */
async function post(base: string, workflow: string, call: Call = {}) {
  const headers: Record<string, string> = {}
  if (call.authorization !== undefined) headers.Authorization = call.authorization
  if (call.contentType !== undefined) headers['Content-Type'] = call.contentType
  let body: FormData | string | undefined = call.body
  if (call.form) {
    body = new FormData()
    for (const [name, value] of Object.entries(call.form)) body.append(name, value)
  }
  const init = { method: 'POST', headers, ...(body === undefined ? {} : { body }) }
  const response = await fetch(`${base}/${workflow}`, init)
  return { status: response.status, text: await response.text() }
}

async function mint(base: string, account: Account = DEFAULT_ACCOUNT) {
  const { text } = await post(base, 'api-token-generate', { form: { ...account } })
  const { response } = JSON.parse(text) as { response: Minted }
  return { ...response, text }
}

/** The default check: a bearer token and a multipart body with no fields. */
const check = async (base: string, token: string) =>
  (
    await post(base, 'api-applicant-status', {
      authorization: `Bearer ${token}`,
      contentType: 'multipart/form-data; boundary=b',
      body: '--b--\r\n'
    })
  ).status

const basic = (email: string, password: string) =>
  `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`

const running: Simulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()))
})
async function start(options?: SimulatorOptions) {
  const sim = await startSimulator(options)
  running.push(sim)
  return sim
}

describe('answers', () => {
  it('mints in the published layout: a bus| token around the stable user_id; only the newest lives', async () => {
    const sim = await start()
    const { token, user_id, text } = await mint(sim.url)
    expect(token).toMatch(new RegExp(`^bus\\|${user_id}\\|\\d{13}x\\d{18}$`))
    const published = fixture('personr/token-success.json')
    const example = (JSON.parse(published) as { response: { token: string; user_id: string } })
      .response
    expect(text.replace(token, example.token).replace(user_id, example.user_id)).toBe(published)

    const again = await mint(sim.url)
    expect([again.user_id, again.token === token]).toEqual([user_id, false])
    expect([sim.isValid(token), sim.isValid(again.token)]).toEqual([false, true])
    expect([await check(sim.url, token), await check(sim.url, again.token)]).toEqual([401, 400])
    expect(sim.currentToken(DEFAULT_ACCOUNT.email)).toBe(again.token)
  })

  const { email, password } = DEFAULT_ACCOUNT
  const [GENERATE, BASIC, CHECK] = ['api-token-generate', 'api-basic-auth', 'api-applicant-status']
  const FORM_URLENCODED = 'application/x-www-form-urlencoded'
  // A wrong password and a Basic mint are pinned by test/e2e/token.test.ts and token-life.test.ts.
  it.each<[string, string, Call, number, string]>([
    ['an unknown email', GENERATE, { form: { email: 'no@x.test', password } }, 400, INVALID_LOGIN],
    ['no password', GENERATE, { form: { email } }, 400, missing(GENERATE, 'password')],
    [
      'the right fields, but not multipart: Bubble reads none',
      GENERATE,
      { body: new URLSearchParams({ email, password }).toString(), contentType: FORM_URLENCODED },
      400,
      missing(GENERATE, 'email')
    ],
    ['a wrong Basic password', BASIC, { authorization: basic(email, 'x') }, 400, INVALID_LOGIN],
    ['no Basic header', BASIC, {}, 400, missing(BASIC, 'email')],
    [
      'a check with Basic auth',
      CHECK,
      { authorization: basic(email, password) },
      401,
      INVALID_TOKEN
    ]
  ])('answers %s with the published body', async (_, workflow, call, status, body) => {
    const sim = await start()
    expect(await post(sim.url, workflow, call)).toEqual({ status, text: body })
    expect(sim.currentToken(email)).toBeUndefined()
  })

  it('mints from Basic credentials split at the first colon, killing the previous token', async () => {
    const account = { email: 'basic@example.test', password: 'a:b: ü' }
    const sim = await start({ accounts: [account] })
    const before = await mint(sim.url, account)
    const answer = await post(sim.url, 'api-basic-auth', {
      authorization: basic(account.email, account.password)
    })
    expect(answer.status).toBe(200)
    expect(sim.isValid(before.token)).toBe(false)
    expect(answer.text).toContain(JSON.stringify(sim.currentToken(account.email)))
  })
})

describe('token life, on the clock advance() moves', () => {
  it('kills a token idle for 30 days; a check is a use, isValid is not', async () => {
    const sim = await start()
    const { token } = await mint(sim.url)
    sim.advance(29 * DAY)
    expect(sim.isValid(token)).toBe(true)
    sim.advance(2 * DAY)
    expect([sim.isValid(token), await check(sim.url, token)]).toEqual([false, 401])
    expect(sim.currentToken(DEFAULT_ACCOUNT.email)).toBe(token) // still the newest, though dead

    const used = (await mint(sim.url)).token
    sim.advance(20 * DAY)
    expect(await check(sim.url, used)).toBe(400)
    sim.advance(29 * DAY)
    expect(sim.isValid(used)).toBe(true)
    sim.advance(2 * DAY)
    expect(sim.isValid(used)).toBe(false)
  })

  it('ends a token used every 20 days at its full lifetime, reported as expires', async () => {
    const sim = await start({ lifetimeSeconds: (90 * DAY) / 1000 })
    const { token, expires } = await mint(sim.url)
    expect(expires).toBe(7_776_000)
    const statuses = []
    for (let day = 20; day <= 100; day += 20) {
      sim.advance(20 * DAY)
      statuses.push(await check(sim.url, token))
    }
    expect(statuses).toEqual([400, 400, 400, 400, 401])
  })
})

it('runs as CI starts it: the URL first and in --url-file, accounts, the clock control, SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'personr-sim-'))
  const urlFile = join(dir, 'url')
  const account = { email: 'cli@example.test', password: 'a:b ü' }
  const child = track(
    spawn(
      NODE24,
      [
        join(ROOT, 'scripts', 'simulator.ts'),
        ...['--url-file', urlFile, '--account', `${account.email}:${account.password}`],
        ...['--token-idle-days', '2']
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
  )
  try {
    let log = ''
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\.1\/wf$/)
    expect(readFileSync(urlFile, 'utf8')).toBe(`${url}\n`)
    const { token } = await mint(url, account)
    const control = async (query: string, method = 'POST') =>
      (await fetch(`${new URL(url).origin}/__simulator/advance?${query}`, { method })).status
    expect(await control(`ms=${DAY}`)).toBe(204)
    expect(await check(url, token)).toBe(400) // a use: idle until day 3
    expect(await control(`ms=${2 * DAY}`)).toBe(204)
    expect(await check(url, token)).toBe(401)
    for (const query of ['ms=-1', 'ms=1.5', 'ms=abc', '']) expect(await control(query)).toBe(400)
    expect(await control('ms=1', 'GET')).toBe(404)

    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    expect(await exited).toEqual([0, null])
    expect(log).toContain('POST /api/1.1/wf/api-token-generate 200')
    expect(log).not.toContain(account.password)
  } finally {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})
