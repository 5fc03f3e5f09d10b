// Issue 24, end to end over the bundle: a rotation the runner cuts short at its harshest (a
// write that never answers, through SIGINT, SIGTERM and the kill) leaves a record that makes
// the next run rotate, and the next normal run ends with a live token in every target.
import { afterEach, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../fakes/personr.ts'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { recordOf } from '../support/record.ts'
import { REPO, runRefresh } from '../support/refresh.ts'
import { mints, writes } from '../support/requests.ts'

const SCOPES = [`repo:${REPO}`, `dependabot:repo:${REPO}`]
const TARGETS = { 'secret-targets': 'repo\napp=dependabot' }

let personr: Simulator | undefined
let github: FakeGitHub | undefined
afterEach(async () => {
  await personr?.close()
  await github?.close()
})

it('rotates again after a rotation whose Dependabot write hung through SIGINT, SIGTERM and the kill', async () => {
  personr = await startSimulator()
  github = await startFakeGitHub({ repos: [REPO] })
  const p = personr
  const g = github
  // The daily refresh left a live token and its record.
  const first = await runRefresh(p, g, TARGETS)
  expect(first.code, first.stdout).toBe(0)
  const was = g.variable(SCOPES[0] ?? '', 'PERSONR_TOKEN_EXPIRES_AT')
  expect(was).toBe(recordOf(first))

  // Due by `always`; the Dependabot write never answers; the runner cancels once the mint is out
  // (Personr answers once the action has taken the SIGINT in), terminates once the Dependabot
  // write hangs, and kills at once.
  g.fail({ method: 'PUT', path: /dependabot\/secrets\/PERSONR_TOKEN$/, status: 0, hang: true })
  p.hold()
  const minted = (): boolean => mints(p) > 1
  // SIGTERM once the Dependabot write hangs and the action has read GitHub's answer to the
  // Actions one (its debug line follows the answer).
  const actionsWritten =
    /^::debug::PUT \S+\/repos\/acme\/app\/actions\/secrets\/PERSONR_TOKEN: 204 /m
  const hangs = (stdout: string): boolean =>
    writes(g).includes(`PUT /repos/${REPO}/dependabot/secrets/PERSONR_TOKEN`) &&
    actionsWritten.test(stdout)
  const cut = await runRefresh(
    p,
    g,
    // No check: Personr holds every answer now, and the mint must be its first request.
    {
      ...TARGETS,
      'current-token': first.outputs.token ?? '',
      'renew-before': 'always',
      'check-url': 'none'
    },
    {
      cancel: { when: minted, termWhen: hangs, killAfterMs: 0 },
      onStdout: (stdout) => {
        if (stdout.includes('::warning::Cancelled after the mint request was sent')) p.release()
      }
    }
  )
  expect(cut.signals).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL'])
  const repoToken = g.secret(SCOPES[0] ?? '', 'PERSONR_TOKEN')?.value ?? ''
  expect(p.isValid(repoToken)).toBe(true)
  expect(p.isValid(g.secret(SCOPES[1] ?? '', 'PERSONR_TOKEN')?.value ?? '')).toBe(false)
  // No expiry was trusted: the record says a rotation began.
  expect(g.variable(SCOPES[0] ?? '', 'PERSONR_TOKEN_EXPIRES_AT')).toMatch(
    /^incomplete: rotation begun /
  )

  // The next normal run, handed the repository's (live) token, rotates and heals every target.
  const next = await runRefresh(p, g, { ...TARGETS, 'current-token': repoToken })
  expect(next.code, next.stdout).toBe(0)
  expect(next.stdout).toMatch(
    /^The last rotation did not finish \(recorded "incomplete: rotation begun \S+"\): rotating\.$/m
  )
  for (const scope of SCOPES) {
    expect(p.isValid(g.secret(scope, 'PERSONR_TOKEN')?.value ?? ''), scope).toBe(true)
  }
  expect(g.variable(SCOPES[0] ?? '', 'PERSONR_TOKEN_EXPIRES_AT')).toBe(recordOf(next))
})
