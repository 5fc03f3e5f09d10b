import type FormData from 'form-data'
import { describe, expect, it, vi } from 'vitest'
import type { HttpResponse, Send } from '../../src/http.ts'
import { createLog } from '../../src/log.ts'
import { defaultDeps, run } from '../../src/main.ts'
import { Redactor } from '../../src/redactor.ts'
import { Cancellation } from '../../src/cancel.ts'
import { FakeClock } from '../fakes/clock.ts'
import { recordingCore } from '../fakes/core.ts'
import { response, scriptedSend } from '../fakes/send.ts'
import { inputDefaults } from '../support/action.ts'

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0)
const EMAIL = 'robot@example.co'
const PASSWORD = '  correct horse battery staple  '
const TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
const USER_ID = '1111111111111x111111111111111111'
const YEAR = 31_536_000

const SUCCESS = JSON.stringify({
  status: 'success',
  response: { token: TOKEN, user_id: USER_ID, expires: YEAR }
})

/** @actions/core with this test's credentials and action.yml's defaults. */
function fakeCore(inputs: Record<string, string> = {}, summaryError?: Error) {
  return recordingCore(
    { ...inputDefaults(), email: EMAIL, password: PASSWORD, ...inputs },
    summaryError
  )
}

/** Runs the action against scripted answers (or thrown errors), with fake time. */
async function runWith(
  answers: (HttpResponse | Error)[],
  inputs: Record<string, string> = {},
  summaryError?: Error
) {
  const recorder = fakeCore(inputs, summaryError)
  const clock = new FakeClock(NOW)
  const { send } = scriptedSend(...answers)
  const redactor = new Redactor()
  const cancel = new Cancellation(() => clock.now())
  await run({ core: recorder.core, redactor, cancel, send, clock, random: () => 0, env: {} })
  return { ...recorder, send, clock, redactor }
}

describe('run: success', () => {
  it('masks the password first and the token before its output, sets every output, says where and what, writes the summary, prints neither', async () => {
    const { of, calls, indexOf, summaryTexts, send } = await runWith([response(200, SUCCESS)], {
      'api-url': 'https://enterprise.personr.co/version-test/api/1.1/wf/'
    })
    expect(calls.slice(0, 2)).toEqual([
      ['getInput', 'password', { trimWhitespace: false }],
      ['setSecret', PASSWORD]
    ])
    expect(of('setOutput')).toEqual([
      ['token', TOKEN],
      ['user_id', USER_ID],
      ['expires', String(YEAR)],
      ['expires_at', '2026-01-01T00:00:00.000Z'],
      ['rotated', 'true']
    ])
    // The form is sent: no Basic header is made, or masked.
    expect(of('setSecret').filter(([v]) => String(v).startsWith('Basic '))).toEqual([])
    const masked = indexOf('setSecret', TOKEN)
    expect(masked).toBeGreaterThanOrEqual(0)
    expect(masked).toBeLessThan(indexOf('setOutput', 'token'))
    expect(of('info').map(([line]) => line)).toEqual([
      'Minting a Personr API token at https://enterprise.personr.co/version-test/api/1.1/wf/api-token-generate',
      `Minted a token for Personr user ${USER_ID}; it expires at 2026-01-01T00:00:00.000Z. Earlier tokens of this account no longer work.`
    ])
    expect(summaryTexts).toHaveLength(1)
    expect(summaryTexts[0]).toContain(`\`${USER_ID}\``)
    expect(summaryTexts[0]).toContain('2026-01-01T00:00:00.000Z (in 365 days)')
    expect(summaryTexts[0]).toContain('invalidated every earlier token')
    expect(of('summary.write')).toHaveLength(1)
    expect(of('setFailed')).toEqual([])
    const printed = calls
      .filter(([m]) => ['info', 'warning', 'setFailed', 'summary.addRaw'].includes(m))
      .map((c) => JSON.stringify(c))
      .join('\n')
    expect(printed).not.toContain(TOKEN)
    expect(printed).not.toContain(PASSWORD.trim())
    // The password is read untrimmed, the other inputs trimmed, and went out with its spaces.
    const options = new Map(of('getInput').map(([name, opts]) => [name, opts]))
    for (const name of ['email', 'api-url', 'timeout', 'retries']) {
      expect(options.get(name)).toEqual({ trimWhitespace: true })
    }
    const body = send.mock.calls[0]?.[0].body as FormData
    expect(body.getBuffer().toString('utf8')).toContain(`\r\n\r\n${PASSWORD}\r\n`)
  })

  it('logs retries as warnings and still succeeds', async () => {
    const { of, clock } = await runWith([response(503, ''), response(200, SUCCESS)])
    expect(of('warning')).toEqual([
      ['Attempt 1 of 4 failed with Personr answered 503 Service Unavailable; retrying in 0.5 s.']
    ])
    expect(clock.sleeps).toEqual([500])
    expect(of('setOutput')).toHaveLength(5)
  })

  it('only warns when the summary cannot be written', async () => {
    const { of } = await runWith(
      [response(200, SUCCESS)],
      {},
      new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY')
    )
    expect(of('warning')).toEqual([
      [
        'Could not write the job summary: Unable to find environment variable for $GITHUB_STEP_SUMMARY'
      ]
    ])
    expect(of('setFailed')).toEqual([])
    expect(of('setOutput')).toHaveLength(5)
  })
})

describe('run: failure', () => {
  it('fails the step on refused credentials, without the password', async () => {
    const body = JSON.stringify({
      reason: 'INVALID_LOGIN_CREDENTIALS',
      message: `Password ${PASSWORD} is wrong for this account`
    })
    const { of, send } = await runWith([response(400, body)])
    const failed = of('setFailed')
    expect(failed).toHaveLength(1)
    const message = String(failed[0]?.[0])
    expect(message).toMatch(/^Personr refused the credentials \(INVALID_LOGIN_CREDENTIALS\)/)
    expect(message).toContain('***')
    expect(message).not.toContain(PASSWORD)
    expect(message).not.toContain(PASSWORD.trim())
    expect(send).toHaveBeenCalledTimes(1)
    expect(of('setOutput')).toEqual([])
  })

  it('fails the step without the token when a success answer is unusable', async () => {
    const body = JSON.stringify({
      status: 'success',
      message: `issued ${TOKEN}`,
      response: { token: TOKEN, expires: YEAR }
    })
    const { of, indexOf } = await runWith([response(200, body)])
    const message = String(of('setFailed')[0]?.[0])
    expect(message).toContain('without a user_id')
    expect(message).not.toContain(TOKEN)
    expect(indexOf('setSecret', TOKEN)).toBeGreaterThanOrEqual(0)
    expect(of('setOutput')).toEqual([])
  })

  it('redacts the password from an unexpected error', async () => {
    const { of } = await runWith([new TypeError(`bad header ${PASSWORD} / ${PASSWORD.trim()}`)])
    const message = String(of('setFailed')[0]?.[0])
    expect(message).toBe('bad header *** / ***')
  })

  it('fails the step on invalid inputs without sending anything, password already masked', async () => {
    const { of, calls, send } = await runWith([], { timeout: 'soon' })
    expect(send).not.toHaveBeenCalled()
    expect(calls[1]).toEqual(['setSecret', PASSWORD])
    expect(String(of('setFailed')[0]?.[0])).toContain('Input `timeout`')
  })

  it('resolves rather than rejects when the request fails', async () => {
    const recorder = fakeCore()
    const send: Send = () => Promise.reject(new Error('boom'))
    await expect(
      run({
        core: recorder.core,
        redactor: new Redactor(),
        cancel: new Cancellation(Date.now),
        send,
        clock: new FakeClock(NOW),
        random: () => 0,
        env: {}
      })
    ).resolves.toBeUndefined()
    expect(recorder.of('setFailed')).toEqual([['boom']])
  })
})

describe('run: outputs are all or nothing', () => {
  it.each([
    ['a user_id with a newline', { user_id: `${USER_ID}\n::stop-commands::x` }],
    ['an expires of 1e13', { expires: 1e13 }],
    ['a token of 15 characters', { token: 'x'.repeat(15) }]
  ])('sets no output at all for %s', async (_what, change) => {
    const body = JSON.stringify({
      status: 'success',
      response: { token: TOKEN, user_id: USER_ID, expires: YEAR, ...change }
    })
    const { of } = await runWith([response(200, body)])
    expect(of('setOutput')).toEqual([])
    expect(of('setFailed')).toHaveLength(1)
  })
})

describe('run: optional inputs given as empty strings', () => {
  it('takes them as their defaults', async () => {
    const { of, send } = await runWith([response(200, SUCCESS)], {
      'api-url': '',
      timeout: '',
      retries: ' '
    })
    expect(of('setFailed')).toEqual([])
    expect(send.mock.calls[0]?.[0].url).toBe(
      'https://enterprise.personr.co/api/1.1/wf/api-token-generate'
    )
  })
})

describe('the redactor handed to run', () => {
  it('hides what run masked from a later failure printed with it, as the entry point’s handlers do', async () => {
    const password = 'only-this-test-uses-this-password'
    const body = JSON.stringify({
      status: 'success',
      response: { token: TOKEN, user_id: USER_ID, expires: YEAR }
    })
    const { redactor } = await runWith([response(200, body)], { password })
    const { core, of } = fakeCore()
    createLog(core, redactor).fail(`Unexpected failure: leaked ${password} and ${TOKEN}`)
    expect(of('setFailed')).toEqual([['Unexpected failure: leaked *** and ***']])
  })

  it('fails the step with the message of non-Error values', async () => {
    const { of } = await runWith(['plain string' as unknown as Error])
    expect(of('setFailed')).toEqual([['plain string']])
  })
})

describe('run: a whitespace-only password', () => {
  it('fails with a readable message naming the input', async () => {
    const recorder = fakeCore({ password: ' ' })
    const send = vi.fn<Send>()
    await run({
      core: recorder.core,
      redactor: new Redactor(),
      cancel: new Cancellation(Date.now),
      send,
      clock: new FakeClock(NOW),
      random: () => 0,
      env: {}
    })
    expect(send).not.toHaveBeenCalled()
    expect(String(recorder.of('setFailed')[0]?.[0])).toContain(
      'Input `password` is required but empty.'
    )
  })
})

describe('defaultDeps', () => {
  it('sends through the real transport, loaded on the first request, with debug lines', async () => {
    const { createServer } = await import('node:http')
    const server = createServer((_req, res) => res.end('pong'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as { port: number }
      const recorder = fakeCore()
      const deps = defaultDeps(new Redactor(), new Cancellation(Date.now), recorder.core)
      const answer = await deps.send(
        { method: 'GET', url: `http://127.0.0.1:${port}/ping`, input: 'api-url', headers: {} },
        new AbortController().signal
      )
      expect(answer).toMatchObject({ status: 200, body: 'pong' })
      expect(recorder.of('debug').flat()).toEqual([
        expect.stringMatching(new RegExp(`^GET 127\\.0\\.0\\.1:${port}/ping: 200 in \\d+ ms$`))
      ])
      expect(deps.env).toBe(process.env)
      expect(deps.clock.now()).toBeGreaterThan(0)
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})

describe('run: the end of the step', () => {
  it('closes the kept connections once, whether the step succeeds or fails', async () => {
    for (const answers of [[response(200, SUCCESS)], [new TypeError('boom')]]) {
      const close = vi.fn()
      const clock = new FakeClock(NOW)
      const { send } = scriptedSend(...answers)
      const cancel = new Cancellation(() => clock.now())
      const deps = { core: fakeCore().core, redactor: new Redactor(), cancel, send, clock }
      await run({ ...deps, random: () => 0, env: {}, close })
      expect(close).toHaveBeenCalledOnce()
    }
  })
})

describe('run: cancelled in token mode', () => {
  /** Runs with a send that lets `during` act on the cancel while the mint request is out. */
  async function cancelled(
    during: (cancel: Cancellation, signal: AbortSignal) => Promise<HttpResponse>,
    before = false
  ) {
    const recorder = fakeCore()
    const clock = new FakeClock(NOW)
    const cancel = new Cancellation(() => clock.now())
    if (before) cancel.cancel()
    const send = vi.fn<Send>((_, signal) => during(cancel, signal))
    await run({
      core: recorder.core,
      redactor: new Redactor(),
      cancel,
      send,
      clock,
      random: () => 0,
      env: {}
    })
    return { ...recorder, send }
  }

  it('before the mint request: sends nothing, outputs nothing, says nothing changed', async () => {
    const { of, send } = await cancelled(async () => response(200, SUCCESS), true)
    expect(send).not.toHaveBeenCalled()
    expect(of('setOutput')).toEqual([])
    expect(of('setFailed')).toEqual([
      [
        'The step was cancelled before the mint request was sent: nothing was minted, and nothing changed.'
      ]
    ])
  })

  it('while Personr refuses connections: stops at once, saying nothing was minted', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      syscall: 'connect'
    })
    const { of, send } = await cancelled(async (cancel) => {
      cancel.cancel()
      throw refused
    })
    expect(send).toHaveBeenCalledTimes(1)
    expect(of('setFailed')).toEqual([
      [
        'The step was cancelled before the mint request was sent: nothing was minted, and nothing changed.'
      ]
    ])
  })

  it('while the answer is on its way: sets the outputs from it, then fails saying so', async () => {
    const { of } = await cancelled(async (cancel) => {
      cancel.cancel()
      return response(200, SUCCESS)
    })
    expect(Object.fromEntries(of('setOutput'))).toMatchObject({ token: TOKEN, rotated: 'true' })
    expect(of('setFailed')).toEqual([
      [
        'The step was cancelled after the mint request was sent: it waited for the answer and set the outputs, so a later step with `if: always()` can still use the token.'
      ]
    ])
  })

  it('stopped by SIGTERM before the answer: says the new token may be lost, outputs nothing', async () => {
    const { of } = await cancelled(async (cancel, signal) => {
      cancel.cancel()
      cancel.terminate()
      signal.throwIfAborted()
      return response(200, SUCCESS)
    })
    expect(of('setOutput')).toEqual([])
    expect(of('setFailed')).toEqual([
      [
        "The runner stopped the step (SIGTERM) before Personr's answer to the mint request came: if Personr minted, the new token reached no step, and earlier tokens of this account no longer work."
      ]
    ])
  })
})
