// Issue 17, end to end over the bundle: the step cancelled as the runner cancels it (SIGINT, then
// SIGTERM, then a kill), before the mint request and while it is out, in both modes. A mint kills
// the stored token, so once the request is out the step finishes what it started, and a SIGTERM
// ends it saying who holds which token. The fakes hold the answers a test cancels around until the
// action has said it took the signal in, and a test that waits for SIGTERM sends it on a cue
// instead of the runner's 7.5 s: what each signal interrupts does not depend on the machine's
// load. The action's own budget is the real one.
import { recordOf } from '../support/record.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, type ActionRun, type RunOptions } from '../support/action.ts'
import { expectHidden, expectNoLeak } from '../support/leaks.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'
import { REPO, runRefresh } from '../support/refresh.ts'
import { mints, writes } from '../support/requests.ts'

const STORED = 'bus|stored|token-from-the-last-rotation'
const SCOPES = [`repo:${REPO}`, `dependabot:repo:${REPO}`]

let personr: Simulator
let github: FakeGitHub
afterEach(async () => {
  await personr.close()
  await github.close()
})

async function start(): Promise<void> {
  personr = await startSimulator()
  github = await startFakeGitHub({ repos: [REPO] })
  for (const scope of SCOPES) github.setSecret(scope, 'PERSONR_TOKEN', STORED)
}

const mintSent = (): boolean => mints(personr) > 0

/** What the action prints when SIGINT comes while a mint request is out. */
const CANCELLED_AFTER_MINT = '::warning::Cancelled after the mint request was sent'
/** Sends Personr's held mint answer once the action has taken the SIGINT in. */
const answerOnceCancelled = (stdout: string): void => {
  if (stdout.includes(CANCELLED_AFTER_MINT)) personr.release()
}

const refresh = (options: Pick<RunOptions, 'cancel' | 'onStdout'>): Promise<ActionRun> =>
  runRefresh(personr, github, { 'secret-targets': 'repo\napp=dependabot' }, options)

/** Neither the password nor the github-token is shown. */
function expectCredentialsHidden(result: ActionRun): void {
  expectNoLeak(result, DEFAULT_ACCOUNT.password, 'password')
  expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
}

/** Nor the token output, masked before anything printed it. */
function expectTokenHidden(result: ActionRun, token: string | undefined): void {
  expectCredentialsHidden(result)
  expect(token, 'a minted token').toEqual(expect.any(String))
  expect(result.outputs.token, 'token output').toBe(token)
  expectHidden(result, token ?? '', 'token')
}

describe('refresh mode', () => {
  it('cancelled before the mint request: stops at once, mints and writes nothing', async () => {
    // GitHub holds its answers to the reads: the step is cancelled while they are out.
    await start()
    github.hold()
    const result = await refresh({ cancel: { when: () => github.requests.length > 0 } })
    expect(result.signals).toEqual(['SIGINT']) // it ended before SIGTERM was due
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toBe(
      'The step was cancelled before the mint request was sent: nothing was minted, and nothing changed.'
    )
    expect(result.stdout).toContain('Cancelled before the mint request was sent: stopping.')
    expect(personr.requests).toEqual([])
    expect(writes(github)).toEqual([])
    expect(result.outputs).toEqual({})
    expectCredentialsHidden(result)
  })

  it('cancelled while the mint answer is on its way: stores it everywhere, then fails saying so', async () => {
    await start()
    personr.hold()
    const result = await refresh({ cancel: { when: mintSent }, onStdout: answerOnceCancelled })
    expect(result.signals).toEqual(['SIGINT'])
    expect(result.code).toBe(1)
    const token = personr.currentToken(DEFAULT_ACCOUNT.email)
    for (const scope of SCOPES) expect(github.secret(scope, 'PERSONR_TOKEN')?.value).toBe(token)
    expect(github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT')).toBe(recordOf(result))
    expect(result.outputs).toMatchObject({ token, rotated: 'true', targets: '2' })
    expect(errorsOf(result)).toBe(
      'The step was cancelled after the mint request was sent, so it finished what the mint started before ending: the new token is stored in every target (2) and its expiry recorded.'
    )
    expect(mints(personr)).toBe(1)
    expectTokenHidden(result, token)
  })

  it('stopped by SIGTERM while a write hangs: says who holds the new token and who the dead one', async () => {
    await start()
    personr.hold()
    github.fail({
      method: 'PUT',
      path: /\/dependabot\/secrets\/PERSONR_TOKEN$/,
      status: 0,
      hang: true
    })
    // SIGTERM once the Dependabot write hangs and the action has read GitHub's answer to the
    // Actions one (its debug line follows the answer, in the same turn that settles the write).
    const hangs = () =>
      writes(github).some((w) => w === `PUT /repos/${REPO}/dependabot/secrets/PERSONR_TOKEN`)
    const actionsWritten =
      /^::debug::PUT \S+\/repos\/acme\/app\/actions\/secrets\/PERSONR_TOKEN: 204 /m
    const result = await refresh({
      cancel: { when: mintSent, termWhen: (stdout) => hangs() && actionsWritten.test(stdout) },
      onStdout: answerOnceCancelled
    })
    expect(result.signals).toEqual(['SIGINT', 'SIGTERM']) // ended before the kill
    expect(result.code).toBe(1)
    const token = personr.currentToken(DEFAULT_ACCOUNT.email)
    expect(github.secret(SCOPES[0] ?? '', 'PERSONR_TOKEN')?.value).toBe(token)
    expect(github.secret(SCOPES[1] ?? '', 'PERSONR_TOKEN')?.value).toBe(STORED)
    expect(errorsOf(result)).toContain(
      'The step was cancelled after the mint request was sent, so it finished what the mint started before ending: the new token is stored in 1 of 2 targets. Minted a new Personr token but could not store it everywhere. Hold the new token: the Actions secret of repository acme/app. May hold either token, as the runner cut the write off before GitHub answered: the Dependabot secret of repository acme/app. The record says the rotation is incomplete, so the next run rotates again.'
    )
    expect(result.stdout).toContain(
      'Stopped by the runner (SIGTERM): not waiting for anything more.'
    )
    expect(result.outputs.token).toBe(token)
    expectTokenHidden(result, token)
  })
})

describe('token mode', () => {
  it('cancelled while the mint answer is on its way: sets the outputs, then fails saying so', async () => {
    await start()
    personr.hold()
    const result = await runAction({
      inputs: { ...DEFAULT_ACCOUNT, 'api-url': personr.url },
      cancel: { when: mintSent },
      onStdout: answerOnceCancelled
    })
    expect(result.signals).toEqual(['SIGINT'])
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({
      token: personr.currentToken(DEFAULT_ACCOUNT.email),
      rotated: 'true'
    })
    expect(errorsOf(result)).toBe(
      'The step was cancelled after the mint request was sent: it waited for the answer and set the outputs, so a later step with `if: always()` can still use the token.'
    )
    expectTokenHidden(result, personr.currentToken(DEFAULT_ACCOUNT.email))
  })

  it('cancelled while Personr refuses connections: stops at once, nothing minted', async () => {
    await start()
    const closed = personr.url
    await personr.close()
    const result = await runAction({
      inputs: { ...DEFAULT_ACCOUNT, 'api-url': closed },
      cancel: { when: (stdout) => stdout.includes('::warning::Attempt 1 of 4 failed') }
    })
    expect(result.signals).toEqual(['SIGINT'])
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toBe(
      'The step was cancelled before the mint request was sent: nothing was minted, and nothing changed.'
    )
    // SIGINT comes during the wait after attempt 1, or during a later attempt or wait on a slow
    // machine (the wait is 0.5 s to 1 s): either way no attempt is made once it came.
    const cancelled = result.stdout.indexOf('::warning::Cancelled')
    expect(cancelled, result.stdout).toBeGreaterThan(-1)
    expect(result.stdout.slice(cancelled)).not.toContain('Attempt ')
    expect(result.outputs).toEqual({})
    expectCredentialsHidden(result)
  })

  it('stopped by SIGTERM before the answer came: says the new token may be lost', async () => {
    await start()
    personr.fault({ kind: 'hang' })
    const result = await runAction({
      inputs: { ...DEFAULT_ACCOUNT, 'api-url': personr.url },
      // SIGTERM once the action has taken SIGINT in and is waiting for the answer.
      cancel: { when: mintSent, termWhen: (stdout) => stdout.includes(CANCELLED_AFTER_MINT) }
    })
    expect(result.signals).toEqual(['SIGINT', 'SIGTERM'])
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toBe(
      "The runner stopped the step (SIGTERM) before Personr's answer to the mint request came: if Personr minted, the new token reached no step, and earlier tokens of this account no longer work."
    )
    expect(result.outputs).toEqual({})
    expectCredentialsHidden(result)
  })
})
