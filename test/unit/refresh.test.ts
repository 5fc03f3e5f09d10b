// The refresh decisions and their order, with the real GitHub client talking to the one fake
// GitHub through its in-process `send`, and a fake clock: no sockets, no waiting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import { createGitHub } from '../../src/github.ts'
import { withDefaults } from '../../src/inputs.ts'
import { Limit } from '../../src/limit.ts'
import { refreshFailure, refreshSecret, type RefreshDeps } from '../../src/refresh.ts'
import {
  BEFORE_MINT,
  CancelledBeforeMintError,
  CancelledError,
  TERMINATED
} from '../../src/cancel.ts'
import type { GitHub } from '../../src/github.ts'
import { NotMintedError } from '../../src/errors.ts'
import { fingerprint, tokenRecord } from '../../src/record.ts'
import { makeTarget } from '../../src/targets.ts'
import { readSecretInputs, type SecretInputs } from '../../src/secret-inputs.ts'
import { NO_CURRENT_TOKEN, type CheckResult } from '../../src/token-check.ts'
import { UnusableTokenError, type MintedToken } from '../../src/token-response.ts'
import { rejection } from '../support/caught.ts'
import { keep } from '../support/redaction.ts'
import { FakeClock } from '../fakes/clock.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { fakeInputs } from '../fakes/inputs.ts'
import { withUserAgent } from '../fakes/send.ts'
import { calls, maxInFlight, writes } from '../support/requests.ts'

const NOW = Date.UTC(2025, 0, 1)
const DAY = 86_400_000
const REPO = 'acme/app'
const STORED = 'bus|1111111111111x111111111111111111|0000000000000x000000000000000000'
const NEW_TOKEN = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
const MINTED: MintedToken = {
  token: NEW_TOKEN,
  userId: '1111111111111x111111111111111111',
  expires: 31_536_000,
  expiresAt: new Date(NOW + 365 * DAY)
}
const ALIVE: CheckResult = { state: 'alive', seen: '400 Bad Request', by: 'api-applicant-status' }
const DEAD: CheckResult = { state: 'dead', seen: '401 Unauthorized', by: 'api-applicant-status' }
const SKIPPED: CheckResult = { state: 'skipped', seen: NO_CURRENT_TOKEN }

let github: FakeGitHub
let clock: FakeClock
beforeEach(async () => {
  clock = new FakeClock(NOW)
  github = await startFakeGitHub({
    tokens: {
      [DEFAULT_TOKEN]: '*',
      ghp_read_only: ['read:actions:repo:acme/app', 'read:dependabot:repo:acme/app']
    },
    repos: [REPO, 'acme/web'],
    environments: [`${REPO}:production`],
    now: () => clock.now()
  })
})
afterEach(() => github.close())

function inputs(overrides: Record<string, string> = {}): SecretInputs {
  const { read, mask } = fakeInputs({
    'secret-name': 'PERSONR_TOKEN',
    'github-token': DEFAULT_TOKEN,
    'github-api-url': github.url,
    ...overrides
  })
  const secret = readSecretInputs(withDefaults(read), mask, REPO, new URL('https://p.example/wf'))
  if (!secret) throw new Error('no secret inputs')
  return secret
}

/**
 * The refresh's collaborators, recording when the mint happened among GitHub's requests. `wrap`
 * stands between the refresh and GitHub, to fail or cut off a call.
 */
function deps(
  check: CheckResult = SKIPPED,
  token = DEFAULT_TOKEN,
  wrap: (github: GitHub) => GitHub = (g) => g
) {
  const events: string[] = []
  const client = createGitHub({
    apiUrl: new URL(github.url),
    token,
    send: withUserAgent(github.send),
    clock,
    random: () => 0,
    retries: 1,
    timeoutMs: 10_000,
    redact: keep,
    limit: new Limit(8),
    log: () => {}
  })
  const mint = vi.fn(async (): Promise<MintedToken> => {
    events.push(`mint after ${github.requests.length} requests`)
    return MINTED
  })
  const publish = vi.fn<(minted: MintedToken) => void>()
  const log = vi.fn<(line: string) => void>()
  const warn = vi.fn<(line: string) => void>()
  const refresh: RefreshDeps = {
    github: wrap(client),
    finishing: client,
    read: keep,
    now: () => clock.now(),
    check: async () => check,
    mint,
    publish,
    log,
    warn
  }
  return { refresh, mint, publish, log, warn, events }
}

const actions = `actions:repo:${REPO}`
const RECORD = 'PERSONR_TOKEN_EXPIRES_AT'
const PROBE = 'PERSONR_TOKEN_WRITE_PROBE'
const BEGUN = `incomplete: rotation begun ${new Date(NOW).toISOString()}`
const DONE = tokenRecord(MINTED.expiresAt, NEW_TOKEN, true)
const record = (): string | undefined => github.variable(actions, RECORD)

/** The stored token, written `writtenDaysAgo`, and a record of it expiring in `expiresInDays`. */
function stored(expiresInDays: number, writtenDaysAgo = 0, token = STORED): void {
  github.setSecret(actions, 'PERSONR_TOKEN', token, {
    updatedAt: new Date(NOW - writtenDaysAgo * DAY)
  })
  github.setVariable(actions, RECORD, tokenRecord(new Date(NOW + expiresInDays * DAY), token, true))
}

describe('refreshSecret: the first rotation', () => {
  it('reads, begins the rotation (probe and record), mints once, writes the secret, then records the token', async () => {
    const d = deps()
    const result = await refreshSecret(inputs(), d.refresh)
    expect(result.minted).toBe(MINTED)
    expect(result.outcomes.map((o) => o.result)).toEqual(['written'])
    // The probe's deletion goes out as the mint does.
    expect(d.events).toEqual(['mint after 6 requests'])
    expect(calls(github).slice(0, 3).sort()).toEqual([
      `GET /repos/${REPO}/actions/secrets/PERSONR_TOKEN`,
      `GET /repos/${REPO}/actions/secrets/public-key`,
      `GET /repos/${REPO}/actions/variables/${RECORD}`
    ])
    expect(calls(github).slice(3, 5).sort()).toEqual([
      `POST /repos/${REPO}/actions/variables`,
      `PUT /repos/${REPO}/actions/secrets/${PROBE}`
    ])
    expect(github.requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: RECORD,
      value: BEGUN
    })
    expect(writes(github).slice(2)).toEqual([
      `DELETE /repos/${REPO}/actions/secrets/${PROBE}`,
      `PUT /repos/${REPO}/actions/secrets/PERSONR_TOKEN`,
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`
    ])
    expect(github.secret(actions, 'PERSONR_TOKEN')?.value).toBe(NEW_TOKEN)
    expect(github.secret(actions, PROBE)).toBeUndefined()
    expect(record()).toBe(DONE)
    expect(DONE).toBe(`${MINTED.expiresAt.toISOString()} token ${fingerprint(NEW_TOKEN)}`)
    expect(d.publish).toHaveBeenCalledWith(MINTED)
  })

  it('sends its reads together, not one after another', async () => {
    await refreshSecret(inputs(), deps().refresh)
    const reads = github.requests.slice(0, 3)
    const firstEnd = Math.min(...reads.map((r) => r.end))
    for (const read of reads) expect(read.start).toBeLessThanOrEqual(firstEnd)
  })
})

describe('refreshSecret: due or not', () => {
  it('mints nothing and writes nothing when not due, and says when it is next due', async () => {
    stored(100, 10)
    const d = deps()
    const result = await refreshSecret(inputs({ 'current-token': STORED }), d.refresh)
    expect(result.decision.due).toBe(false)
    expect(result.view).toEqual({ kind: 'stored', token: fingerprint(STORED) })
    expect(result.minted).toBeUndefined()
    expect(result.outcomes.map((o) => o.result)).toEqual(['unchanged'])
    expect(result.nextDue).toEqual(new Date(NOW + 70 * DAY))
    expect(d.mint).not.toHaveBeenCalled()
    expect(writes(github)).toEqual([])
  })

  it('rotates on every run with renew-before always', async () => {
    stored(300)
    const d = deps(ALIVE)
    const result = await refreshSecret(
      inputs({ 'current-token': STORED, 'renew-before': 'always' }),
      d.refresh
    )
    expect(result.decision.reason).toBe('`renew-before: always`: rotating.')
    expect(result.nextDue).toBeUndefined()
    expect(d.mint).toHaveBeenCalledOnce()
  })

  it.each([
    // Dead: rotate whatever the expiry says; the decision says why, no line of the check's own.
    [DEAD, true, undefined, undefined],
    [ALIVE, false, expect.stringContaining('its 30-day idle window starts again'), undefined],
    [
      { state: 'inconclusive', seen: '502 Bad Gateway', by: 'check-url' } as CheckResult,
      false,
      undefined,
      'Could not tell whether the stored token works (check-url: 502 Bad Gateway). Deciding from the recorded expiry instead; the step goes on.'
    ],
    [SKIPPED, false, `The stored token is not checked: ${NO_CURRENT_TOKEN}.`, undefined]
  ])('decides on a check that says %j, and logs or warns it', async (check, due, line, warning) => {
    stored(300)
    const d = deps(check)
    const result = await refreshSecret(inputs({ 'current-token': STORED }), d.refresh)
    expect(result.decision.due).toBe(due)
    expect(result.decision.reason).toMatch(
      due ? /^The stored token was refused by api-applicant-status \(401/ : /: not due/
    )
    expect(d.mint).toHaveBeenCalledTimes(due ? 1 : 0)
    expect(d.log.mock.calls[0]).toEqual([
      `\`current-token\` is the token the record names (token ${fingerprint(STORED)}).`
    ])
    expect(d.log.mock.calls[1]).toEqual(
      line === undefined ? [expect.stringMatching(/not due|otating/)] : [line]
    )
    expect(d.warn.mock.calls).toEqual(warning === undefined ? [] : [[warning]])
  })

  it('rotates when the secret was written longer ago than max-age', async () => {
    stored(300, 26)
    const d = deps()
    const result = await refreshSecret(inputs({ 'max-age': '25d' }), d.refresh)
    expect(result.decision.reason).toBe(
      `The secret of the Actions secret of repository ${REPO} was last written 26.0 days ago, longer ago than \`max-age\`: rotating.`
    )
    expect(d.mint).toHaveBeenCalledOnce()
  })

  it('takes max-age from the target written longest ago', async () => {
    stored(300, 10)
    github.setSecret(`dependabot:repo:${REPO}`, 'PERSONR_TOKEN', STORED, {
      updatedAt: new Date(NOW - 26 * DAY)
    })
    github.setSecret(`codespaces:repo:${REPO}`, 'PERSONR_TOKEN', STORED, {
      updatedAt: new Date(NOW - 20 * DAY)
    })
    const result = await refreshSecret(
      inputs({ 'max-age': '25d', 'secret-targets': 'repo\napp=dependabot\napp=codespaces' }),
      deps().refresh
    )
    expect(result.decision.reason).toBe(
      `The secret of the Dependabot secret of repository ${REPO} was last written 26.0 days ago, longer ago than \`max-age\`: rotating.`
    )
  })

  it('says it is next due when the oldest secret reaches max-age', async () => {
    stored(300, 10)
    github.setSecret(`dependabot:repo:${REPO}`, 'PERSONR_TOKEN', STORED, {
      updatedAt: new Date(NOW - 20 * DAY)
    })
    const result = await refreshSecret(
      inputs({ 'max-age': '25d', 'secret-targets': 'repo\napp=dependabot' }),
      deps().refresh
    )
    expect(result.decision.due).toBe(false)
    expect(result.nextDue).toEqual(new Date(NOW + 5 * DAY))
  })

  it('rotates when one of several targets lacks the secret', async () => {
    stored(300)
    const d = deps()
    const result = await refreshSecret(
      inputs({ 'secret-targets': 'repo\napp=dependabot' }),
      d.refresh
    )
    expect(result.decision.reason).toBe(
      `The secret is missing from the Dependabot secret of repository ${REPO}: rotating.`
    )
    expect(result.outcomes.map((o) => o.result)).toEqual(['written', 'written'])
  })
})

describe('refreshSecret: a token another run replaced', () => {
  it('takes the latest write among the targets: one written after the record makes a fresh view', async () => {
    stored(300, 1)
    clock.advance(60_000)
    github.setSecret(`dependabot:repo:${REPO}`, 'PERSONR_TOKEN', 'bus|pasted|by-a-person')
    const result = await refreshSecret(
      inputs({
        'current-token': 'bus|pasted|by-a-person',
        'secret-targets': 'repo\napp=dependabot'
      }),
      deps(ALIVE).refresh
    )
    expect(result.view.kind).toBe('fresh')
  })

  const OLD = 'bus|1111111111111x111111111111111111|0000000000000x999999999999999999'

  it('changes nothing when the record names a later token and nothing wrote the secret since', async () => {
    stored(300, 1)
    const d = deps(DEAD)
    const result = await refreshSecret(inputs({ 'current-token': OLD }), d.refresh)
    expect(result.view).toMatchObject({ kind: 'stale', handed: fingerprint(OLD) })
    expect(result.decision).toMatchObject({ due: false, stale: true })
    expect(result.outcomes.map((o) => o.result)).toEqual(['unchanged'])
    expect(d.mint).not.toHaveBeenCalled()
    expect(writes(github)).toEqual([])
    // The decision is the only word, and it goes out as a notice from the step.
    expect(d.log).not.toHaveBeenCalled()
  })

  it('checks a token written after the record as usual, and heals it when dead', async () => {
    stored(300, 1)
    clock.advance(60_000)
    github.setSecret(actions, 'PERSONR_TOKEN', OLD) // pasted by a person, now
    const d = deps(DEAD)
    const result = await refreshSecret(inputs({ 'current-token': OLD }), d.refresh)
    expect(result.view).toMatchObject({ kind: 'fresh', handed: fingerprint(OLD) })
    expect(d.mint).toHaveBeenCalledOnce()
    expect(record()).toBe(DONE)
  })

  it('heals a dead token under a record from an earlier version, which names no token', async () => {
    github.setSecret(actions, 'PERSONR_TOKEN', OLD)
    github.setVariable(actions, RECORD, new Date(NOW + 300 * DAY).toISOString())
    const d = deps(DEAD)
    const result = await refreshSecret(inputs({ 'current-token': OLD }), d.refresh)
    expect(result.view.kind).toBe('unknown')
    expect(d.mint).toHaveBeenCalledOnce()
    expect(record()).toBe(DONE)
  })

  it('mints once for four runs handed the same dead token', async () => {
    github.setSecret(actions, 'PERSONR_TOKEN', OLD)
    github.setVariable(actions, RECORD, tokenRecord(new Date(NOW + 300 * DAY), OLD, true))
    const d = deps(DEAD)
    for (let run = 0; run < 4; run++) {
      clock.advance(1000)
      await refreshSecret(inputs({ 'current-token': OLD }), d.refresh)
    }
    expect(d.mint).toHaveBeenCalledOnce()
    expect(github.secret(actions, 'PERSONR_TOKEN')?.value).toBe(NEW_TOKEN)
  })
})

describe('refreshSecret: many targets', () => {
  const TARGETS = [
    'repo',
    'env=production',
    'repo=acme/web',
    'org=acme visibility=selected repos=app,acme/web',
    'app=dependabot',
    'app=codespaces org=acme'
  ].join('\n')
  const SCOPES = [
    actions,
    `actions:env:${REPO}:production`,
    'actions:repo:acme/web',
    'actions:org:acme',
    `dependabot:repo:${REPO}`,
    'codespaces:org:acme'
  ]

  it('proves each target with a probe, mints once, writes every target with its own key, then records the token once', async () => {
    const d = deps()
    const result = await refreshSecret(inputs({ 'secret-targets': TARGETS }), d.refresh)
    expect(d.mint).toHaveBeenCalledOnce()
    expect(result.outcomes.map((o) => o.result)).toEqual(Array(6).fill('written'))
    for (const scope of SCOPES) {
      expect(github.secret(scope, 'PERSONR_TOKEN')?.value, scope).toBe(NEW_TOKEN)
      expect(github.secret(scope, PROBE), scope).toBeUndefined()
    }
    const probes = writes(github).filter((w) => w.startsWith('PUT ') && w.endsWith(PROBE))
    expect(probes).toHaveLength(6)
    expect(github.secret('actions:org:acme', 'PERSONR_TOKEN')?.selectedRepositoryIds).toEqual([
      github.repoIds[REPO],
      github.repoIds['acme/web']
    ])
    expect(github.secret('codespaces:org:acme', 'PERSONR_TOKEN')?.visibility).toBe('private')
    expect(writes(github).filter((w) => w.includes('variables'))).toEqual([
      `POST /repos/${REPO}/actions/variables`,
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`
    ])
  })

  it('never has more than 8 requests in flight', async () => {
    await refreshSecret(inputs({ 'secret-targets': TARGETS }), deps().refresh)
    expect(maxInFlight(github.requests)).toBeLessThanOrEqual(8)
  })

  it('writes the rest when some writes fail, records the rotation as incomplete, and says who holds what', async () => {
    github.fail({
      method: 'PUT',
      path: /dependabot\/secrets\/PERSONR_TOKEN$/,
      status: 403,
      times: Infinity
    })
    const secret = inputs({ 'secret-targets': 'repo\napp=dependabot' })
    const result = await refreshSecret(secret, deps().refresh)
    expect(result.outcomes.map((o) => o.result)).toEqual(['written', 'failed'])
    expect(github.secret(actions, 'PERSONR_TOKEN')?.value).toBe(NEW_TOKEN)
    expect(record()).toBe(tokenRecord(MINTED.expiresAt, NEW_TOKEN, false))
    expect(refreshFailure(result, false)).toMatch(
      new RegExp(
        `^Minted a new Personr token but could not store it everywhere\\. Hold the new token: the Actions secret of repository ${REPO}\\. Still hold the old token, which no longer works: the Dependabot secret of repository ${REPO}\\. Could not write the Dependabot secret PERSONR_TOKEN`
      )
    )
  })

  it('says a write the runner cut off may have landed, and leaves the rotation incomplete', async () => {
    const cut: (g: GitHub) => GitHub = (g) => (call) =>
      call.method === 'PUT' && call.path.endsWith('dependabot/secrets/PERSONR_TOKEN')
        ? Promise.reject(new CancelledError(TERMINATED))
        : g(call)
    const result = await refreshSecret(
      inputs({ 'secret-targets': 'repo\napp=dependabot' }),
      deps(SKIPPED, DEFAULT_TOKEN, cut).refresh
    )
    expect(result.outcomes.map((o) => o.result)).toEqual(['written', 'may have landed'])
    expect(record()).toBe(tokenRecord(MINTED.expiresAt, NEW_TOKEN, false))
    expect(refreshFailure(result, true)).toContain(
      `May hold either token, as the runner cut the write off before GitHub answered: the Dependabot secret of repository ${REPO}.`
    )
  })
})

describe('refreshFailure: a cancel that found nothing left to stop', () => {
  const AFTER =
    'The step was cancelled after the mint request was sent, so it finished what the mint started before ending: the new token is stored in'
  const target = (result: 'written' | 'failed') => ({
    target: makeTarget({ app: 'actions', repo: REPO }),
    result
  })
  it.each([
    [undefined, [target('written')], BEFORE_MINT],
    [
      MINTED,
      [target('written'), target('written')],
      `${AFTER} every target (2) and its expiry recorded.`
    ],
    [{ ...MINTED, problem: 'Odd' }, [target('written')], `${AFTER} 1 of 1 targets. Odd.`],
    [
      MINTED,
      [target('written'), target('failed')],
      `${AFTER} 1 of 2 targets. Minted a new Personr token but`
    ]
  ])('after minting %j, with %j, starts with %j', (minted, outcomes, said) => {
    const decision = { due: true as const, reason: 'Due.' }
    const view = { kind: 'unknown', why: 'x' } as const
    const result = { decision, check: SKIPPED, view, outcomes, minted, nextDue: undefined }
    expect(refreshFailure(result, true)).toMatch(
      new RegExp(`^${said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
    )
    expect(refreshFailure(result, false)?.startsWith('The step was cancelled')).not.toBe(true)
  })
})

describe('refreshSecret: proving write access before the mint', () => {
  it('stops before the mint when cancelled while it proves access, and puts the record back', async () => {
    stored(5)
    const was = record()
    const cancelled: (g: GitHub) => GitHub = (g) => (call) =>
      call.method === 'PUT' && call.path.endsWith(PROBE)
        ? Promise.reject(new CancelledBeforeMintError())
        : g(call)
    const d = deps(SKIPPED, DEFAULT_TOKEN, cancelled)
    const error = await rejection(refreshSecret(inputs(), d.refresh))
    expect(error).toBeInstanceOf(CancelledBeforeMintError)
    expect(error.message).toBe(BEFORE_MINT)
    expect(d.mint).not.toHaveBeenCalled()
    expect(record()).toBe(was)
  })

  it('says so when a probe that landed cannot be deleted after a refusal', async () => {
    github.fail({ method: 'POST', path: /variables$/, status: 403 })
    github.fail({ method: 'DELETE', path: /PROBE$/, status: 500, times: Infinity })
    const error = await rejection(refreshSecret(inputs(), deps().refresh))
    expect(error.message).toMatch(
      /^Could not write the variable PERSONR_TOKEN_EXPIRES_AT.+ This was a write to prove write access before minting: nothing was minted, and the stored token still works\. Could not delete the probe secret PERSONR_TOKEN_WRITE_PROBE of repository acme\/app \(.+\)\. It holds no token: delete it, or leave it for the next rotation to write and delete again\.$/
    )
  })

  it('takes a probe already gone, and a record already gone, as deleted', async () => {
    github.fail({ method: 'POST', path: /variables$/, status: 403 })
    github.fail({ method: 'DELETE', path: /PROBE$/, status: 404 })
    const error = await rejection(refreshSecret(inputs(), deps().refresh))
    expect(error.message).not.toContain('Could not delete')
    github.fail({ method: 'PUT', path: /PROBE$/, status: 403 })
    github.fail({ method: 'DELETE', path: /variables\//, status: 404 })
    const again = await rejection(refreshSecret(inputs(), deps().refresh))
    expect(again.message).not.toContain('could not be put back')
  })

  it('never touches the stored secret before the mint: a probe beside it proves the access', async () => {
    stored(5)
    const d = deps(ALIVE)
    await refreshSecret(inputs({ 'current-token': STORED }), d.refresh)
    const before = Number(/after (\d+)/.exec(d.events[0] ?? '')?.[1])
    const early = github.requests.slice(0, before).filter((r) => r.method !== 'GET')
    expect(early.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      `DELETE /repos/${REPO}/actions/secrets/${PROBE}`,
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`,
      `PUT /repos/${REPO}/actions/secrets/${PROBE}`
    ])
    expect(early.find((r) => r.method === 'PATCH')?.body).toMatchObject({ value: BEGUN })
  })

  it.each([
    ['with current-token', { 'current-token': STORED }],
    ['on a first run, with no current-token', {}]
  ])(
    'mints nothing when a probe is refused (a read-only github-token), %s, and leaves the record as it was',
    async (_, extra) => {
      github.setSecret(actions, 'PERSONR_TOKEN', STORED)
      const d = deps(SKIPPED, 'ghp_read_only')
      const error = await rejection(refreshSecret(inputs(extra), d.refresh))
      expect(error).toBeInstanceOf(ActionError)
      expect(error.message).toMatch(
        /^Could not write the variable PERSONR_TOKEN_EXPIRES_AT of repository acme\/app: GitHub answered 403 Forbidden: .+ Could not write the Actions secret PERSONR_TOKEN_WRITE_PROBE of repository acme\/app: GitHub answered 403 Forbidden: Resource not accessible by personal access token\. Give `github-token` the repository permission "Secrets"/
      )
      expect(error.message).toContain(
        'This was a write to prove write access before minting: nothing was minted, and the stored token still works.'
      )
      expect(d.mint).not.toHaveBeenCalled()
      expect(github.secret(actions, 'PERSONR_TOKEN')?.value).toBe(STORED)
    }
  )

  it('puts the record back when the probe of another store is refused', async () => {
    stored(5)
    const was = record()
    github.fail({ method: 'PUT', path: /dependabot\/secrets\//, status: 403 })
    const d = deps()
    const error = await rejection(
      refreshSecret(inputs({ 'secret-targets': 'repo\napp=dependabot' }), d.refresh)
    )
    expect(error.message).toMatch(
      /^Could not write the Dependabot secret PERSONR_TOKEN_WRITE_PROBE/
    )
    expect(d.mint).not.toHaveBeenCalled()
    expect(record()).toBe(was)
    expect(github.secret(actions, PROBE)).toBeUndefined()
    expect(writes(github).slice(-2).sort()).toEqual([
      `DELETE /repos/${REPO}/actions/secrets/${PROBE}`,
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`
    ])
  })

  it('deletes the record it created, when there was none, and says so if it cannot', async () => {
    github.fail({ method: 'PUT', path: /secrets\/PERSONR_TOKEN_WRITE_PROBE$/, status: 403 })
    github.fail({ method: 'DELETE', path: /variables\//, status: 500, times: Infinity })
    const error = await rejection(refreshSecret(inputs(), deps().refresh))
    expect(error.message).toContain(
      `The variable ${RECORD} could not be put back as it was (Could not delete the variable ${RECORD} of repository acme/app after 2 attempts`
    )
    expect(error.message).toMatch(
      /so the next run will rotate; delete PERSONR_TOKEN_EXPIRES_AT to avoid that\.$/
    )
    expect(record()).toBe(BEGUN)
  })

  it('writes no probe and no record when the record write is refused', async () => {
    github.fail({ method: 'POST', path: /variables$/, status: 403 })
    const d = deps()
    const error = await rejection(refreshSecret(inputs(), d.refresh))
    expect(error.message).toMatch(/^Could not write the variable PERSONR_TOKEN_EXPIRES_AT/)
    expect(record()).toBeUndefined()
    expect(github.secret(actions, PROBE)).toBeUndefined()
    expect(d.mint).not.toHaveBeenCalled()
  })

  it('warns of a probe it could not delete after the mint, and rotates all the same', async () => {
    github.fail({ method: 'DELETE', path: /PROBE$/, status: 500, times: Infinity })
    const d = deps()
    const result = await refreshSecret(inputs(), d.refresh)
    expect(result.outcomes.map((o) => o.result)).toEqual(['written'])
    expect(d.warn.mock.calls.at(-1)?.[0]).toMatch(
      /^Could not delete the probe secret PERSONR_TOKEN_WRITE_PROBE of repository acme\/app \(.+\)\. It holds no token: delete it, or leave it for the next rotation to write and delete again\.$/
    )
  })
})

describe('refreshSecret: a half-right answer everywhere', () => {
  it('records the rotation as incomplete even when every target holds the token', async () => {
    const d = deps()
    const problem = 'Personr answered 200 OK with success, but it was odd'
    d.mint.mockRejectedValueOnce(
      new UnusableTokenError('unused', {
        token: NEW_TOKEN,
        userId: undefined,
        expiry: undefined,
        problem
      })
    )
    const result = await refreshSecret(inputs(), d.refresh)
    expect(result.outcomes.map((o) => o.result)).toEqual(['written'])
    expect(record()).toMatch(/^incomplete: /)
  })
})

describe('refreshSecret: a mint that minted nothing', () => {
  it.each([
    ['refused', new NotMintedError('Personr refused the credentials.')],
    ['cancelled before it went out', new CancelledBeforeMintError()]
  ])('puts the record back when the mint was %s, and passes the error on', async (_, failure) => {
    stored(5)
    const was = record()
    const d = deps()
    d.mint.mockRejectedValueOnce(failure)
    await expect(refreshSecret(inputs(), d.refresh)).rejects.toBe(failure)
    expect(record()).toBe(was)
    expect(github.secret(actions, PROBE)).toBeUndefined()
  })

  it('leaves the record of a rotation begun after any other failure: the mint may have killed the token', async () => {
    stored(5)
    const d = deps()
    const failure = new ActionError('Could not mint a Personr token after 4 attempts.')
    d.mint.mockRejectedValueOnce(failure)
    await expect(refreshSecret(inputs(), d.refresh)).rejects.toBe(failure)
    expect(record()).toBe(BEGUN)
  })

  it('says so when the record cannot be put back', async () => {
    stored(5)
    const was = record()
    github.fail({ method: 'PATCH', path: /variables\//, status: 204 }) // the begun record lands
    github.fail({ method: 'PATCH', path: /variables\//, status: 500, times: Infinity })
    const d = deps()
    d.mint.mockRejectedValueOnce(new NotMintedError('Personr refused the credentials.'))
    const error = await rejection(refreshSecret(inputs(), d.refresh))
    expect(error).toBeInstanceOf(NotMintedError)
    expect(error.message).toMatch(
      new RegExp(
        `^Personr refused the credentials\\. The variable ${RECORD} could not be put back as it was \\(.+\\): it says a rotation began, so the next run will rotate; set ${RECORD} back to "${was?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" to avoid that\\.$`
      )
    )
  })
})
describe('refreshSecret: dry run', () => {
  it('reads and decides, then mints and writes nothing, saying what it would write', async () => {
    const d = deps()
    const result = await refreshSecret(
      inputs({ 'dry-run': 'true', 'secret-targets': 'repo\napp=dependabot' }),
      d.refresh
    )
    expect(result.decision.due).toBe(true)
    expect(result.outcomes.map((o) => o.result)).toEqual(['would write', 'would write'])
    expect(d.mint).not.toHaveBeenCalled()
    expect(writes(github)).toEqual([])
  })
})

describe('refreshSecret: refusals before minting', () => {
  it.each([
    ['the public key', /public-key/, 'read the Actions secrets public key of repository acme/app'],
    [
      'the secret',
      /secrets\/PERSONR_TOKEN/,
      'read whether the Actions secret PERSONR_TOKEN of repository acme/app exists'
    ],
    [
      'the variable',
      /variables/,
      'read the variable PERSONR_TOKEN_EXPIRES_AT of repository acme/app'
    ]
  ])(
    'mints nothing when reading %s is refused, saying what it could not do',
    async (_what, path, what) => {
      github.fail({ method: 'GET', path, status: 403, times: Infinity })
      const d = deps()
      const error = await rejection(refreshSecret(inputs(), d.refresh))
      expect(error.message).toMatch(new RegExp(`^Could not ${what}: GitHub answered 403 Forbidden`))
      expect(d.mint).not.toHaveBeenCalled()
      expect(writes(github)).toEqual([])
    }
  )

  it.each([
    ['too short', Buffer.alloc(31).toString('base64')],
    ['not base64', `${'!'.repeat(43)}=`],
    ['with bits past the 32 bytes', `${'A'.repeat(42)}B=`]
  ])('mints nothing when a public key is %s', async (_what, key) => {
    github.fail({ path: /public-key/, status: 200, body: { key_id: '1', key } })
    const d = deps()
    const error = await rejection(refreshSecret(inputs(), d.refresh))
    expect(error.message).toBe(
      `GitHub's Actions public key for repository ${REPO} is not a base64-encoded 32-byte key, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`
    )
    expect(d.mint).not.toHaveBeenCalled()
  })

  it('says an environment may not exist when GitHub does not find it', async () => {
    const d = deps()
    const error = await rejection(
      refreshSecret(inputs({ 'secret-environment': 'staging' }), d.refresh)
    )
    expect(error.message).toContain(
      'The environment "staging" may not exist in acme/app: create it under Settings → Environments, or correct `secret-environment`.'
    )
    expect(d.mint).not.toHaveBeenCalled()
  })
})

describe('refreshSecret: the expiry variable', () => {
  it('updates (PATCH) a variable that exists, with the new record', async () => {
    stored(5)
    await refreshSecret(inputs(), deps().refresh)
    expect(writes(github).filter((w) => w.includes('variables'))).toEqual([
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`,
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`
    ])
    expect(record()).toBe(DONE)
  })

  it('updates it when creating it answers 409 (someone created it meanwhile)', async () => {
    github.fail({ method: 'POST', path: /variables$/, status: 409 })
    github.setVariable(actions, 'PERSONR_TOKEN_EXPIRES_AT', 'old')
    const d = deps()
    // Absent when read, present when written: the 409 branch.
    github.fail({ method: 'GET', path: /variables\//, status: 404 })
    await refreshSecret(inputs(), d.refresh)
    expect(writes(github).filter((w) => w.includes('variables'))).toEqual([
      `POST /repos/${REPO}/actions/variables`,
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`,
      `PATCH /repos/${REPO}/actions/variables/${RECORD}`
    ])
    expect(record()).toBe(DONE)
  })

  it('gives an organization variable the secret’s visibility and selected repositories', async () => {
    await refreshSecret(
      inputs({ 'secret-targets': 'org=acme visibility=selected repos=app,web' }),
      deps().refresh
    )
    const post = github.requests.find((r) => r.method === 'POST')
    expect(post?.path).toBe('/orgs/acme/actions/variables')
    const patch = github.requests.find((r) => r.method === 'PATCH')
    for (const [write, value] of [
      [post, BEGUN],
      [patch, DONE]
    ] as const) {
      expect(write?.body).toEqual({
        name: RECORD,
        value,
        visibility: 'selected',
        selected_repository_ids: [github.repoIds[REPO], github.repoIds['acme/web']]
      })
    }
  })

  it('takes a variable whose value is not a string as no expiry', async () => {
    github.setSecret(actions, 'PERSONR_TOKEN', STORED)
    github.fail({
      method: 'GET',
      path: /variables\//,
      status: 200,
      body: { name: 'PERSONR_TOKEN_EXPIRES_AT', value: 12345 }
    })
    const result = await refreshSecret(inputs(), deps().refresh)
    expect(result.decision.reason).toBe('No recorded expiry for the stored token: rotating.')
  })

  it('takes a secret whose updated_at is not a date as of unknown age', async () => {
    github.setVariable(actions, 'PERSONR_TOKEN_EXPIRES_AT', new Date(NOW + 200 * DAY).toISOString())
    github.fail({
      method: 'GET',
      path: /secrets\/PERSONR_TOKEN$/,
      status: 200,
      body: { name: 'PERSONR_TOKEN', updated_at: 'yesterday' }
    })
    const result = await refreshSecret(inputs({ 'max-age': '25d' }), deps().refresh)
    expect(result.decision.due).toBe(false)
    expect(result.decision.reason).not.toContain('last written')
  })
})

describe('refreshSecret: odd answers from GitHub', () => {
  const NO_KEY = `GitHub's response for the Actions public key of repository ${REPO} has no key and key_id, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`
  const SELECTED = { 'secret-targets': 'org=acme visibility=selected repos=web' }
  it.each([
    [
      'a public key that cannot seal (a low-order point)',
      { path: /public-key/, status: 200, body: { key_id: '1', key: `${'A'.repeat(43)}=` } },
      {},
      /^Could not encrypt with GitHub's Actions public key for repository acme\/app \(.+\)\. Nothing was minted; check `github-api-url`\.$/
    ],
    [
      'a key answer without key',
      { path: /public-key/, status: 200, body: { key_id: '1' } },
      {},
      NO_KEY
    ],
    [
      'a key answer without key_id',
      { path: /public-key/, status: 200, body: { key: Buffer.alloc(32).toString('base64') } },
      {},
      NO_KEY
    ],
    [
      'a numeric key_id',
      {
        path: /public-key/,
        status: 200,
        body: { key_id: 5, key: Buffer.alloc(32).toString('base64') }
      },
      {},
      NO_KEY
    ],
    [
      'a selected repository it cannot look up',
      { method: 'GET', path: /^\/repos\/acme\/web$/, status: 404 },
      SELECTED,
      /^Could not look up the repository acme\/web for the selected repositories: GitHub answered 404 Not Found.* Give `github-token` read access \("Metadata"\) to acme\/web;/
    ],
    [
      'a selected repository without id',
      { method: 'GET', path: /^\/repos\/acme\/web$/, status: 200, body: { name: 'web' } },
      SELECTED,
      "GitHub's response for the repository acme/web has no id."
    ]
  ])('mints nothing on %s, and says why', async (_, rule, extra, message) => {
    github.fail(rule)
    const d = deps()
    const error = await rejection(refreshSecret(inputs(extra), d.refresh))
    if (typeof message === 'string') expect(error.message).toBe(message)
    else expect(error.message).toMatch(message)
    expect(d.mint).not.toHaveBeenCalled()
  })

  it('says the token works but was not recorded when only the last record write fails', async () => {
    github.fail({ method: 'PATCH', path: /variables/, status: 403, times: Infinity })
    const error = await rejection(refreshSecret(inputs(), deps().refresh))
    expect(error.message).toMatch(
      /^The new token is stored in every target and works, but the variable PERSONR_TOKEN_EXPIRES_AT of repository acme\/app could not record it: Could not write the variable/
    )
    expect(error.message).toContain(
      `. Unless it says "${DONE}", it says a rotation began, and the next run rotates again; set it to that, or fix the access and re-run.`
    )
    expect(github.secret(actions, 'PERSONR_TOKEN')?.value).toBe(NEW_TOKEN)
    expect(record()).toBe(BEGUN)
  })

  it('says the record may have landed when the runner cut its write off', async () => {
    const cut: (g: GitHub) => GitHub = (g) => (call) =>
      call.method === 'PATCH' && record() !== undefined
        ? Promise.reject(new CancelledError(TERMINATED))
        : g(call)
    const error = await rejection(
      refreshSecret(inputs(), deps(SKIPPED, DEFAULT_TOKEN, cut).refresh)
    )
    expect(error.message).toMatch(
      /^The new token is stored in every target and works, but the variable PERSONR_TOKEN_EXPIRES_AT of repository acme\/app the runner cut its write off, so it may or may not have landed\. Unless it says/
    )
  })

  it('does not fail twice when the record write fails after some secret writes failed', async () => {
    github.fail({
      method: 'PUT',
      path: /dependabot\/secrets\/PERSONR_TOKEN$/,
      status: 403,
      times: Infinity
    })
    github.fail({ method: 'PATCH', path: /variables/, status: 403, times: Infinity })
    const result = await refreshSecret(
      inputs({ 'secret-targets': 'repo\napp=dependabot' }),
      deps().refresh
    )
    expect(result.outcomes.map((o) => o.result)).toEqual(['written', 'failed'])
  })
})

describe('refreshSecret: an unusable success answer', () => {
  it('adds that the stored token no longer works, naming every target', async () => {
    const d = deps()
    d.mint.mockRejectedValueOnce(
      new UnusableTokenError('Personr answered 200 OK with success, but …')
    )
    const error = await rejection(
      refreshSecret(inputs({ 'secret-targets': 'repo\napp=dependabot' }), d.refresh)
    )
    expect(error).toBeInstanceOf(UnusableTokenError)
    expect(error.message).toBe(
      `Personr answered 200 OK with success, but … The token stored in the secret PERSONR_TOKEN (the Actions secret of repository ${REPO}, the Dependabot secret of repository ${REPO}) no longer works; re-run this workflow to mint and store a new one.`
    )
    expect(writes(github).filter((w) => !w.includes('PROBE'))).toEqual([
      `POST /repos/${REPO}/actions/variables`
    ])
    expect(record()).toBe(BEGUN)
  })

  it.each([
    [
      'expires',
      { userId: MINTED.userId, expiry: undefined },
      tokenRecord(new Date(NOW + 365 * DAY), NEW_TOKEN, false),
      ' (a year from the mint, as Personr documents)'
    ],
    [
      'user_id',
      { userId: undefined, expiry: { expires: 60, expiresAt: new Date(NOW + 60_000) } },
      tokenRecord(new Date(NOW + 60_000), NEW_TOKEN, false),
      ''
    ]
  ])(
    'stores the token of an answer with an unusable %s anyway, records it incomplete and fails',
    async (_, partial, recorded, assumed) => {
      github.fail({
        method: 'PUT',
        path: /dependabot\/secrets\/PERSONR_TOKEN$/,
        status: 403,
        times: Infinity
      })
      const d = deps()
      const problem = 'Personr answered 200 OK with success, but it was odd'
      d.mint.mockRejectedValueOnce(
        new UnusableTokenError('unused', { token: NEW_TOKEN, ...partial, problem })
      )
      const secret = inputs({ 'secret-targets': 'repo\napp=dependabot' })
      const result = await refreshSecret(secret, d.refresh)
      expect(result.minted).toMatchObject({ token: NEW_TOKEN, problem })
      expect(d.publish).toHaveBeenCalledWith(result.minted)
      expect(github.secret(actions, 'PERSONR_TOKEN')?.value).toBe(NEW_TOKEN)
      expect(github.variable(actions, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(recorded)
      expect(refreshFailure(result, false)).toBe(
        `${problem}. The token itself passed its checks, and minting killed the stored one, so it was stored anyway. Hold the new token: the Actions secret of repository ${REPO}. Still hold the old token, which no longer works: the Dependabot secret of repository ${REPO}. ${result.outcomes[1]?.error} Its record says \`${recorded}\`${assumed}, so the next run rotates again. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`
      )
    }
  )
})
