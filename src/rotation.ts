import { BEFORE_MINT, CancelledBeforeMintError, CancelledError } from './cancel.ts'
import { ActionError, messageOf } from './errors.ts'
import type { GitHub } from './github.ts'
import { begunRecord } from './record.ts'
import type { SecretInputs } from './secret-inputs.ts'
import {
  deleteProbe,
  deleteRecord,
  probeName,
  writeProbe,
  writeRecord,
  type StoreState
} from './secret-store.ts'

/** The two clients of a rotation: the step's, and one a cancel does not stop (SIGTERM does). */
export interface RotationGitHub {
  github: GitHub
  /** For putting back what a rotation that minted nothing changed, even after a cancel. */
  finishing: GitHub
}

/**
 * What a rotation writes before its mint, all at once: a probe secret in every target, which
 * proves `github-token` may write there without touching the stored token, and the record of a
 * rotation begun, which proves the variable too, and makes the next run rotate if this one stops
 * at any point after the mint. If any write fails, nothing is minted, and what landed is put
 * back as it was: the record's old value, no probe.
 */
export async function beginRotation(
  { github, finishing }: RotationGitHub,
  secret: SecretInputs,
  state: StoreState,
  now: Date
): Promise<void> {
  const [record, ...probes] = await Promise.allSettled([
    writeRecord(github, secret, state, state.record !== undefined, begunRecord(now)),
    ...state.targets.map((target) => writeProbe(github, secret.name, target))
  ])
  const refused = [record, ...probes].filter((r) => r.status === 'rejected')
  if (refused.length === 0) return
  // A write the runner cut off may have landed; one GitHub refused did not.
  const landed = (r: PromiseSettledResult<void>): boolean =>
    r.status === 'fulfilled' || r.reason instanceof CancelledError
  const undone = await Promise.all([
    landed(record) ? putBack(finishing, secret, state) : undefined,
    ...state.targets.map((target, i) =>
      landed(probes[i] as PromiseSettledResult<void>)
        ? removeProbe(finishing, secret.name, target)
        : undefined
    )
  ])
  const notes = undone.filter((note) => note !== undefined).map((note) => ` ${note}`)
  const reasons = refused.map((r) => r.reason as unknown)
  if (reasons.some((reason) => reason instanceof CancelledError)) {
    throw new CancelledBeforeMintError(`${BEFORE_MINT}${notes.join('')}`)
  }
  // Every refusal is named: each wants its own permission.
  const said = [...new Set(reasons.map(messageOf))].join(' ')
  throw new ActionError(
    `${said} This was a write to prove write access before minting: nothing was minted, and the stored token still works.${notes.join('')}`
  )
}

/**
 * Puts the record back as it was before a rotation that minted nothing (the variable deleted if
 * there was none). Returns what a person must know when that failed, otherwise undefined.
 */
export async function putBack(
  github: GitHub,
  secret: SecretInputs,
  state: StoreState
): Promise<string | undefined> {
  const was = state.record?.value.raw
  try {
    if (was === undefined) await deleteRecord(github, secret)
    else await writeRecord(github, secret, state, true, was)
    return undefined
  } catch (error) {
    const fix =
      was === undefined
        ? `delete ${secret.expiryVariable}`
        : `set ${secret.expiryVariable} back to "${was}"`
    return `The variable ${secret.expiryVariable} could not be put back as it was (${messageOf(error)}): it says a rotation began, so the next run will rotate; ${fix} to avoid that.`
  }
}

/** Deletes the probes once the mint is on its way; a probe left behind is only told. */
export async function removeProbes(
  github: GitHub,
  secret: SecretInputs,
  state: StoreState
): Promise<string[]> {
  const left = await Promise.all(
    state.targets.map((target) => removeProbe(github, secret.name, target))
  )
  return left.filter((line) => line !== undefined)
}

/** Deletes one probe; returns what a person must know when it stays, otherwise undefined. */
async function removeProbe(
  github: GitHub,
  name: string,
  target: StoreState['targets'][number]
): Promise<string | undefined> {
  try {
    await deleteProbe(github, name, target)
    return undefined
  } catch (error) {
    return `Could not delete the probe secret ${probeName(name)} of ${target.target.label} (${messageOf(error)}). It holds no token: delete it, or leave it for the next rotation to write and delete again.`
  }
}
