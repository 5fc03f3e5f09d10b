// The refresh as the step runs it, through run(): the real GitHub client against the one fake
// GitHub (in-process), scripted Personr responses, a fake clock, a recording core.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import type { HttpRequest, Send } from '../../src/http.ts'
import { MINT_LOST, run } from '../../src/main.ts'
import { Redactor } from '../../src/redactor.ts'
import { BEFORE_MINT, Cancellation } from '../../src/cancel.ts'
import { FakeClock } from '../fakes/clock.ts'
import { recordingCore } from '../fakes/core.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { response, scriptedSend, withUserAgent } from '../fakes/send.ts'
import { inputDefaults } from '../support/action.ts'
import { writes } from '../support/requests.ts'
import { tokenRecord } from '../../src/record.ts'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const NOW = Date.UTC(2025, 0, 1)
const DAY = 86_400_000
const REPO = 'acme/app'
const ACTIONS = `actions:repo:${REPO}`
const TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
const STORED = 'bus|1111111111111x111111111111111111|0000000000000x000000000000000000'
const API = 'https://p.example/api/1.1/wf'
const SUCCESS = JSON.stringify({
  status: 'success',
  response: { token: TOKEN, user_id: '1111111111111x111111111111111111', expires: 31_536_000 }
})

let github: FakeGitHub
let clock: FakeClock
let cancel: Cancellation
/** Called as each request to Personr goes out: where a test cancels the step. */
let onPersonr: (request: HttpRequest) => void
/** The run's environment beside GITHUB_REPOSITORY: what started it. */
let runEnv: Record<string, string>
beforeEach(async () => {
  runEnv = {}
  clock = new FakeClock(NOW)
  cancel = new Cancellation(() => clock.now())
  onPersonr = () => {}
  github = await startFakeGitHub({
    tokens: {
      [DEFAULT_TOKEN]: '*',
      ghp_expiring: { grants: '*', expiresAt: '2025-01-20 10:00:00 UTC' },
      ghp_midyear: { grants: '*', expiresAt: '2025-06-01 00:00:00 UTC' },
      ghp_lasting: { grants: '*', expiresAt: '2027-01-20 10:00:00 UTC' }
    },
    repos: [REPO],
    now: () => clock.now()
  })
})
afterEach(() => github.close())

/** Runs the action: GitHub requests go to the fake GitHub, the rest to `personr`. */
async function step(inputs: Record<string, string>, ...personr: Parameters<typeof scriptedSend>) {
  const recorder = recordingCore({
    ...inputDefaults({ api_url: github.url }),
    email: 'ci@example.test',
    password: 'pass word',
    'api-url': API,
    retries: '1',
    'secret-name': 'PERSONR_TOKEN',
    'github-token': DEFAULT_TOKEN,
    ...inputs
  })
  const scripted = scriptedSend(...personr)
  const send: Send = (request: HttpRequest, signal) => {
    if (request.url.startsWith(github.url)) return withUserAgent(github.send)(request, signal)
    onPersonr(request)
    return scripted.send(request, signal)
  }
  await run({
    core: recorder.core,
    redactor: new Redactor(),
    cancel,
    send,
    clock,
    random: () => 0,
    env: { GITHUB_REPOSITORY: REPO, ...runEnv }
  })
  const failure = recorder.of('setFailed')[0]?.[0] as string | undefined
  return { ...recorder, personr: scripted.requests, failure }
}

describe('the refresh step', () => {
  it('changes nothing when another run replaced the token it was handed: a notice, token_check stale, no token', async () => {
    const newer = tokenRecord(new Date(NOW + 300 * DAY), TOKEN, true)
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', TOKEN, { updatedAt: new Date(NOW - 1000) })
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', newer)
    const result = await step({ 'current-token': STORED }, response(401))
    expect(result.failure).toBeUndefined()
    expect(Object.entries(result.outputs())).toEqual([
      ['rotated', 'false'],
      ['expires_at', new Date(NOW + 300 * DAY).toISOString()],
      ['targets', '0'],
      ['token_check', 'stale']
    ])
    expect(result.of('notice').flat()).toEqual([
      expect.stringMatching(
        /^PERSONR_TOKEN was replaced at 2025-01-01T00:00:00\.000Z by a later rotation \(token [0-9a-f]{8}\); this run was handed the token from before it/
      )
    ])
    expect(result.summaryTexts[0]).toMatch(
      /^### Personr API token not rotated: a later rotation replaced it\n/
    )
    expect(writes(github)).toEqual([])
  })

  it('says in the log and the summary which failed run started it, with a link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'personr-event-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const path = join(dir, 'event.json')
    const run = {
      name: 'API tests',
      run_number: 7,
      conclusion: 'failure',
      html_url: 'https://github.com/acme/app/actions/runs/99'
    }
    writeFileSync(path, JSON.stringify({ workflow_run: run }))
    runEnv = { GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: path }
    const result = await step({}, response(200, SUCCESS))
    expect(result.of('info')[0]).toEqual([
      'Started because the run "API tests" #7 failed: https://github.com/acme/app/actions/runs/99.'
    ])
    expect(result.summaryTexts[0]).toContain(
      '[\\"API tests\\" \\#7](https://github.com/acme/app/actions/runs/99) failed\\.'
    )
  })

  it('sets rotated, targets and token_check, and writes a summary row per target', async () => {
    const result = await step({ 'secret-targets': 'repo\napp=dependabot' }, response(200, SUCCESS))
    expect(result.failure).toBeUndefined()
    expect(result.outputs()).toMatchObject({
      token: TOKEN,
      rotated: 'true',
      targets: '2',
      token_check: 'skipped'
    })
    expect(result.summaryTexts[0]).toContain('| Dependabot | `repository acme/app` | written |')
    expect(result.of('info').flat()).toContain(
      'Stored the new token in the Dependabot secret of repository acme/app.'
    )
    // Not a dry run, and GitHub named no expiry for github-token: nothing of either is said.
    expect(
      result
        .of('info')
        .flat()
        .filter((l) => String(l).startsWith('Dry run'))
    ).toEqual([])
    expect(result.of('warning')).toEqual([])
    expect(result.of('notice')).toEqual([])
  })

  it('puts the record back when no mint attempt left the runner (Personr refused connections)', async () => {
    const was = new Date(NOW + 5 * DAY).toISOString()
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', was)
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' })
    const result = await step({}, refused(), refused())
    expect(result.failure).toMatch(/^Could not mint a Personr token after 2 attempts/)
    expect(github.variable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(was)
  })

  it('leaves the record of a rotation begun when an attempt may have reached Personr', async () => {
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 5 * DAY).toISOString())
    const result = await step({}, response(502), response(502))
    expect(result.failure).toMatch(/^Could not mint a Personr token after 2 attempts/)
    expect(github.variable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT')).toMatch(
      /^incomplete: rotation begun /
    )
  })

  it('says not due, with the recorded expiry as expires_at and no token output', async () => {
    const expiry = new Date(NOW + 200 * DAY).toISOString()
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', expiry)
    const result = await step({ 'renew-before': '30d' })
    expect(Object.entries(result.outputs())).toEqual([
      ['rotated', 'false'],
      ['expires_at', expiry],
      ['targets', '0'],
      ['token_check', 'skipped']
    ])
    expect(result.personr).toEqual([])
  })

  it('proves the stored token by default at api-applicant-status, masked, and outputs it', async () => {
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 200 * DAY).toISOString())
    const result = await step({ 'renew-before': '30d', 'current-token': STORED }, response(400))
    expect(result.outputs()).toMatchObject({
      token_check: 'alive',
      token: STORED,
      rotated: 'false'
    })
    expect(result.personr).toMatchObject([
      {
        method: 'POST',
        url: `${API}/api-applicant-status`,
        headers: { authorization: `Bearer ${STORED}` }
      }
    ])
    expect(result.of('setSecret').flat()).toContain(STORED)
  })

  it('outputs no token when the stored one was found dead and could not be replaced', async () => {
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 200 * DAY).toISOString())
    const result = await step(
      { 'renew-before': '30d', 'current-token': STORED, 'dry-run': 'true' },
      response(401)
    )
    expect(result.outputs().token_check).toBe('dead')
    expect(result.outputs()).not.toHaveProperty('token')
  })

  it('fails naming who holds what when a write fails, after writing the summary', async () => {
    github.fail({
      method: 'PUT',
      path: /dependabot\/secrets\/PERSONR_TOKEN$/,
      status: 500,
      times: Infinity
    })
    const result = await step({ 'secret-targets': 'repo\napp=dependabot' }, response(200, SUCCESS))
    expect(result.outputs()).toMatchObject({ token: TOKEN, targets: '1' })
    expect(result.failure).toMatch(/^Minted a new Personr token but could not store it everywhere/)
    expect(result.summaryTexts[0]).toContain('**failed**')
    expect(result.indexOf('summary.write')).toBeLessThan(
      result.indexOf('setFailed', result.failure)
    )
  })

  it('names in the log each target a dry run would write, or leave', async () => {
    const due = await step({ 'dry-run': 'true', 'secret-targets': 'repo\napp=dependabot' })
    expect(due.of('info').flat()).toEqual(
      expect.arrayContaining([
        'Dry run: would write the Actions secret of repository acme/app.',
        'Dry run: would write the Dependabot secret of repository acme/app.',
        'Dry run: a real run would mint one token and write it to 2 targets. Nothing was minted or written.'
      ])
    )
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 200 * DAY).toISOString())
    const notDue = await step({ 'dry-run': 'true', 'renew-before': '30d' })
    expect(notDue.of('info').flat()).toEqual(
      expect.arrayContaining([
        'Dry run: would leave unchanged the Actions secret of repository acme/app.',
        'Dry run: a real run would change nothing.'
      ])
    )
  })

  it('decides by the clock it is given', async () => {
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 10 * DAY).toISOString())
    const result = await step({ 'renew-before': '30d' }, response(200, SUCCESS))
    expect(result.outputs().rotated).toBe('true')
  })

  it('reports retries of GitHub and of check-url as warnings, and the decision as info', async () => {
    github.fail({ method: 'GET', path: /public-key/, status: 502 })
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 200 * DAY).toISOString())
    const result = await step(
      { 'renew-before': '30d', 'current-token': STORED, 'check-url': `${API}/me` },
      response(503),
      response(200, '{}')
    )
    const warnings = result.of('warning').flat() as string[]
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Attempt 1 of 2 failed with GitHub answered 502 Bad Gateway/),
        expect.stringMatching(/^Attempt 1 of 2 failed with check-url answered 503/)
      ])
    )
    expect(result.of('info').flat()).toContainEqual(
      expect.stringMatching(/: not due, nothing to do\.$/)
    )
  })

  it('warns about a github-token that expires in exactly 30 days, and says 1 day in the singular', async () => {
    const at = (days: number) =>
      new Date(NOW + days * DAY)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
    await github.close()
    github = await startFakeGitHub({
      tokens: {
        [DEFAULT_TOKEN]: '*',
        ghp_30: { grants: '*', expiresAt: at(30) },
        ghp_1: { grants: '*', expiresAt: at(1.5) },
        ghp_31: { grants: '*', expiresAt: at(31) }
      },
      repos: [REPO],
      now: () => clock.now()
    })
    const max = { 'max-age': '1d' }
    expect(
      (await step({ ...max, 'github-token': 'ghp_30' }, response(200, SUCCESS)))
        .of('warning')
        .flat()
    ).toContainEqual(expect.stringContaining(', in 30 days.'))
    expect(
      (await step({ ...max, 'github-token': 'ghp_1' }, response(200, SUCCESS))).of('warning').flat()
    ).toContainEqual(expect.stringContaining(', in 1 day.'))
    expect(
      (await step({ ...max, 'github-token': 'ghp_31' }, response(200, SUCCESS))).of('warning')
    ).toEqual([])
  })

  it('reports a dry run in the log, and changes nothing', async () => {
    const result = await step({ 'dry-run': 'true', 'secret-targets': 'repo\napp=dependabot' })
    expect(result.failure).toBeUndefined()
    expect(result.of('info').flat()).toContain(
      'Dry run: a real run would mint one token and write it to 2 targets. Nothing was minted or written.'
    )
    expect(result.outputs()).toMatchObject({ rotated: 'false', targets: '0' })
    expect(result.personr).toEqual([])
  })

  it('warns when github-token expires within 30 days, with the date, in the log and summary', async () => {
    const result = await step({ 'github-token': 'ghp_expiring' }, response(200, SUCCESS))
    const warning =
      '`github-token` expires at 2025-01-20T10:00:00.000Z, in 19 days. Renew it and update the secret that holds it before then, or the refresh will fail and the stored Personr token will expire.'
    expect(result.of('warning').flat()).toContain(warning)
    expect(result.summaryTexts[0]).toContain('> [!WARNING]')
  })

  it('warns when github-token expires before the stored token is next due', async () => {
    const result = await step(
      { 'github-token': 'ghp_midyear', 'renew-before': '30d' },
      response(200, SUCCESS)
    )
    expect(result.of('warning').flat()).toContain(
      '`github-token` expires at 2025-06-01T00:00:00.000Z, before the stored Personr token is next due (2025-12-02T00:00:00.000Z). Renew it and update the secret that holds it before then, or the refresh will fail and the stored Personr token will expire.'
    )
  })

  it('does not warn about a github-token that lasts past the next due date', async () => {
    const result = await step(
      { 'github-token': 'ghp_lasting', 'max-age': '25d' },
      response(200, SUCCESS)
    )
    expect(result.of('warning')).toEqual([])
  })

  it('masks the Basic authorization header of auth: basic before sending it', async () => {
    const result = await step({ auth: 'basic' }, response(200, SUCCESS))
    const header = result.personr[0]?.headers.authorization
    expect(header).toBe(`Basic ${Buffer.from('ci@example.test:pass word').toString('base64')}`)
    expect(result.of('setSecret').flat()).toContain(header)
    expect(result.personr[0]?.url).toBe(`${API}/api-basic-auth`)
  })
})

describe('the refresh step, cancelled', () => {
  const STORE = () => {
    for (const scope of [ACTIONS, `dependabot:repo:${REPO}`]) {
      github.setSecret(scope, 'PERSONR_TOKEN', STORED)
    }
  }
  const TARGETS = { 'secret-targets': 'repo\napp=dependabot', 'current-token': STORED }

  it('during the check, before the mint: stops, mints and writes nothing, says so', async () => {
    STORE()
    onPersonr = () => void cancel.cancel()
    const result = await step(TARGETS, new Error('aborted'))
    expect(result.failure).toBe(BEFORE_MINT)
    expect(result.personr.map((r) => r.url)).toEqual([`${API}/api-applicant-status`])
    expect(writes(github)).toEqual([])
  })

  it('while the mint answer is on its way: stores it everywhere, then fails saying so', async () => {
    STORE()
    onPersonr = (request) => void (request.url.endsWith('/api-token-generate') && cancel.cancel())
    const result = await step(TARGETS, response(400), response(200, SUCCESS))
    expect(github.secret(`dependabot:repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(TOKEN)
    expect(result.outputs().token).toBe(TOKEN)
    expect(result.failure).toBe(
      'The step was cancelled after the mint request was sent, so it finished what the mint started before ending: the new token is stored in every target (2) and its expiry recorded.'
    )
  })

  it('stopped by SIGTERM before the mint answer: says the stored token may be dead', async () => {
    STORE()
    onPersonr = (request) => {
      if (request.url.endsWith('/api-token-generate')) cancel.terminate()
    }
    const result = await step(TARGETS, response(400), new Error('aborted'))
    expect(result.failure).toBe(
      `${MINT_LOST} The token stored in the secret PERSONR_TOKEN (the Actions secret of repository ${REPO}, the Dependabot secret of repository ${REPO}) no longer works; re-run this workflow to mint and store a new one.`
    )
    expect(github.secret(ACTIONS, 'PERSONR_TOKEN')?.value).toBe(STORED)
  })
})

describe('the refresh step, with a check that cannot tell', () => {
  it('warns, and decides from the recorded expiry', async () => {
    github.setSecret(ACTIONS, 'PERSONR_TOKEN', STORED)
    github.setVariable(ACTIONS, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 200 * DAY).toISOString())
    const result = await step({ 'renew-before': '30d', 'current-token': STORED }, response(404))
    expect(result.of('warning').flat()).toEqual([
      'Could not tell whether the stored token works (api-applicant-status: 404 Not Found). Deciding from the recorded expiry instead; the step goes on.'
    ])
    expect(result.outputs()).toMatchObject({ token_check: 'inconclusive', rotated: 'false' })
  })
})

describe('the refresh step, from a half-right answer', () => {
  it('sets the outputs it knows, and the summary says what it does not', async () => {
    const half = JSON.stringify({ status: 'success', response: { token: TOKEN, expires: 1.5 } })
    const result = await step({}, response(200, half))
    expect(result.outputs()).toEqual({
      token: TOKEN,
      rotated: 'true',
      targets: '1',
      token_check: 'skipped'
    })
    expect(result.summaryTexts[0]).toMatch(
      /^### Personr API token rotated from a half-right answer$/m
    )
    expect(result.summaryTexts[0]).toContain('| User id | unknown |\n| Expires | unknown |')
    expect(result.failure).toMatch(
      /^Personr answered 200 OK with success, but without a user_id, and `expires` is 1\.5,/
    )
  })
})
