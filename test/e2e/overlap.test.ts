// Issue 23, end to end over the bundle, with one fake GitHub shared by consecutive runs: a run
// is handed the repository secret as it was when the run was queued, so a run that waited
// behind another refresh holds the token of before that refresh's rotation. The refresh must
// tell, from the record it keeps, whether the token it was handed is still the one stored.
import { describe, expect, it } from 'vitest'
import { errorsOf, type ActionRun } from '../support/action.ts'
import { recordOf } from '../support/record.ts'
import { DAY, REPO, useFakes } from '../support/refresh.ts'
import { mints, writes, mintElsewhere } from '../support/requests.ts'

const SCOPE = `repo:${REPO}`
const RECORD = 'PERSONR_TOKEN_EXPIRES_AT'
const READ_ONLY = 'ghp_read_only'

const f = useFakes({ tokens: { [READ_ONLY]: [`read:actions:${SCOPE}`] } })

/** The README's refresh, handed `current` as `secrets.PERSONR_TOKEN` was when it was queued. */
const refresh = (current: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
  f.run({ 'current-token': current, ...inputs })

const stored = (): string | undefined => f.github.secret(SCOPE, 'PERSONR_TOKEN')?.value
const record = (): string | undefined => f.github.variable(SCOPE, RECORD)

/** A first run stores a token and its record; returns that token. */
async function firstRun(): Promise<string> {
  const first = await refresh('')
  expect(first.code, first.stdout).toBe(0)
  expect(record()).toBe(recordOf(first))
  return first.outputs.token ?? ''
}

describe('a run handed the token of before another run’s rotation', () => {
  it('mints nothing, writes nothing, exits 0, and says when the token was replaced', async () => {
    const before = await firstRun()
    await mintElsewhere(f.personr) // the stored token dies
    const healing = await refresh(before)
    expect(healing.outputs).toMatchObject({ token_check: 'dead', rotated: 'true' })
    const now = stored()
    const written = writes(f.github).length
    const queued = await refresh(before) // queued before the heal wrote
    expect(queued.code, queued.stdout).toBe(0)
    expect(queued.outputs).toEqual({
      rotated: 'false',
      expires_at: healing.outputs.expires_at,
      targets: '0',
      token_check: 'stale'
    })
    expect(writes(f.github)).toHaveLength(written)
    expect(stored()).toBe(now)
    expect(f.personr.isValid(now ?? '')).toBe(true)
    const notice = queued.commands.filter((c) => c.command === 'notice').map((c) => c.value)
    expect(notice).toEqual([
      expect.stringMatching(
        /^PERSONR_TOKEN was replaced at \S+ by a later rotation \(token [0-9a-f]{8}\); this run was handed the token from before it \(token [0-9a-f]{8}\), as GitHub reads repository and organization secrets when a run is queued\. Nothing to do: the stored token is the newer one\.$/
      )
    ])
    expect(queued.summary).toMatch(
      /^### Personr API token not rotated: a later rotation replaced it$/m
    )
    f.expectNoCredentialShown(queued)
  })

  it('mints exactly once for four runs handed the same dead token, queued before any wrote', async () => {
    const dead = await firstRun()
    await mintElsewhere(f.personr)
    const before = mints(f.personr)
    const runs = []
    for (let i = 0; i < 4; i++) runs.push(await refresh(dead))
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0])
    expect(runs.map((r) => r.outputs.token_check)).toEqual(['dead', 'stale', 'stale', 'stale'])
    expect(mints(f.personr) - before).toBe(1)
    expect(f.personr.isValid(stored() ?? '')).toBe(true)
    expect(stored()).toBe(runs[0]?.outputs.token)
  })
})

describe('a dry run', () => {
  it('reports which case it found: the stored token, or one another run replaced', async () => {
    const before = await firstRun()
    const stored = await refresh(before, { 'dry-run': 'true' })
    expect(stored.stdout).toMatch(
      /^`current-token` is the token the record names \(token [0-9a-f]{8}\)\.$/m
    )
    expect(stored.stdout).toContain('Dry run: a real run would change nothing.')
    await mintElsewhere(f.personr)
    const healing = await refresh(before)
    expect(healing.outputs.rotated).toBe('true')
    const stale = await refresh(before, { 'dry-run': 'true' })
    expect(stale.outputs.token_check).toBe('stale')
    expect(stale.commands.filter((c) => c.command === 'notice')).toHaveLength(1)
    expect(stale.stdout).toContain('Dry run: a real run would change nothing.')
  })
})

describe('a token someone else stored', () => {
  it('checks a hand-set token as usual, and heals it once it is dead', async () => {
    await firstRun()
    // A person mints and pastes the token into the secret, after the action's record (GitHub
    // stamps whole seconds: a second later).
    const pasted = await mintElsewhere(f.personr)
    f.github.setSecret(SCOPE, 'PERSONR_TOKEN', pasted, { updatedAt: new Date(Date.now() + 1000) })
    const alive = await refresh(pasted)
    expect(alive.outputs).toMatchObject({ token_check: 'alive', rotated: 'false', token: pasted })
    expect(alive.stdout).toMatch(
      /^PERSONR_TOKEN was written at \S+, after the record, by someone other than this action/m
    )
    await mintElsewhere(f.personr) // the pasted token dies
    const healed = await refresh(pasted)
    expect(healed.outputs).toMatchObject({ token_check: 'dead', rotated: 'true' })
    expect(f.personr.isValid(stored() ?? '')).toBe(true)
    expect(record()).toBe(recordOf(healed)) // from here on the record follows
  })

  it('heals a dead token under a record written by an earlier version', async () => {
    const token = await mintElsewhere(f.personr)
    f.github.setSecret(SCOPE, 'PERSONR_TOKEN', token)
    f.github.setVariable(SCOPE, RECORD, new Date(Date.now() + 200 * DAY).toISOString())
    await mintElsewhere(f.personr)
    const result = await refresh(token)
    expect(result.outputs).toMatchObject({ token_check: 'dead', rotated: 'true' })
    expect(result.stdout).toContain(
      'Which token is stored is not known: the record names no token (it was set by hand, or by an earlier version).'
    )
    expect(f.personr.isValid(stored() ?? '')).toBe(true)
    expect(record()).toBe(recordOf(result))
  })
})

describe('safe defaults', () => {
  it('does not rotate a live token that is not due without renew-before, and does with always', async () => {
    const token = await firstRun()
    const before = mints(f.personr)
    const kept = await refresh(token)
    expect(kept.outputs).toMatchObject({ rotated: 'false', token_check: 'alive', token })
    expect(mints(f.personr)).toBe(before)
    const forced = await refresh(token, { 'renew-before': 'always' })
    expect(forced.outputs).toMatchObject({ rotated: 'true' })
    expect(forced.stdout).toMatch(/^`renew-before: always`: rotating\.$/m)
    expect(mints(f.personr)).toBe(before + 1)
  })

  it('mints nothing on a first run whose github-token cannot write secrets', async () => {
    const production = await mintElsewhere(f.personr) // set by hand, in use somewhere
    const result = await refresh('', { 'github-token': READ_ONLY })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toMatch(
      /Could not write the Actions secret PERSONR_TOKEN_WRITE_PROBE of repository acme\/app: GitHub answered 403 Forbidden.* This was a write to prove write access before minting: nothing was minted, and the stored token still works\./
    )
    expect(mints(f.personr)).toBe(1) // production's own
    expect(f.personr.isValid(production)).toBe(true)
    expect(record()).toBeUndefined()
    expect(f.github.secret(SCOPE, 'PERSONR_TOKEN_WRITE_PROBE')).toBeUndefined()
    f.expectNoCredentialShown(result, { githubToken: READ_ONLY })
  })
})
