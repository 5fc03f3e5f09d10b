import { BEFORE_MINT, CancelledBeforeMintError, CancelledError } from './cancel.ts'
import { decide, nextDue, type Decision, type Facts } from './decision.ts'
import { ActionError, messageOf } from './errors.ts'
import type { GitHub } from './github.ts'
import { loadSodium } from './sealed-box.ts'
import type { SecretInputs } from './secret-inputs.ts'
import {
  provePublicKeys,
  readStoreState,
  writeExpiry,
  writeSecret,
  type StoreState,
  type TargetState
} from './secret-store.ts'
import type { Target } from './targets.ts'
import type { CheckResult } from './token-check.ts'
import { UnusableTokenError, type MintedToken } from './token-response.ts'

/** Personr's documented lifetime, assumed when a half-right answer's `expires` is unusable. */
const ASSUMED_LIFETIME_MS = 365 * 86_400_000

/** What happened to one target in this run. */
export interface TargetOutcome {
  target: Target
  result: 'written' | 'unchanged' | 'failed' | 'would write'
  /** Why a write failed, for the summary. */
  error?: string
}

export interface RefreshResult {
  decision: Decision
  check: CheckResult
  outcomes: TargetOutcome[]
  /** The new token, when one was minted. */
  minted: MintedToken | undefined
  /** When the stored token will next be due, if nothing else happens. */
  nextDue: Date | undefined
}

export interface RefreshDeps {
  github: GitHub
  now: () => number
  /** Proves the stored token (or answers `skipped`, saying why). */
  check: () => Promise<CheckResult>
  mint: () => Promise<MintedToken>
  /** Hands the new token to later steps; called before storing, so a failed store loses nothing. */
  publish: (minted: MintedToken) => void
  log: (line: string) => void
  warn: (line: string) => void
}

/**
 * Keeps every target's copy of the token fresh with one mint. Reads all targets and proves the
 * stored token first; mints only when due, and only once every key and (with `current-token`)
 * write access is proven, since a mint kills the token every target holds now.
 */
export async function refreshSecret(
  secret: SecretInputs,
  deps: RefreshDeps
): Promise<RefreshResult> {
  const { github } = deps
  // libsodium loads while the network is busy: sealing is needed before any mint (the key
  // check, the write-back), and loading it then would put 70 ms on the critical path.
  void loadSodium().catch(() => undefined)
  // The check does not depend on the reads: both go out at once.
  const [state, check] = await Promise.all([readStoreState(github, secret), deps.check()])
  const said = checkLine(check, secret.maxAgeMs !== undefined)
  if (said !== undefined) (check.state === 'inconclusive' ? deps.warn : deps.log)(said)
  const facts = factsOf(secret, state, check, deps.now())
  const decision = decide(facts)
  deps.log(decision.reason)
  const unchanged = (result: TargetOutcome['result']): TargetOutcome[] =>
    state.targets.map(({ target }) => ({ target, result }))

  if (!decision.due || secret.dryRun) {
    return {
      decision,
      check,
      outcomes: unchanged(decision.due ? 'would write' : 'unchanged'),
      minted: undefined,
      nextDue: decision.due
        ? undefined
        : nextDue(
            decision.expiresAt,
            facts.oldest?.updatedAt ?? new Date(deps.now()),
            secret.renewBeforeMs,
            secret.maxAgeMs
          )
    }
  }

  await provePublicKeys(state)
  if (secret.currentToken !== undefined) {
    // A dead token is never written back: only the variable can prove write access then.
    const current = check.state === 'dead' ? undefined : secret.currentToken
    await proveWriteAccess(github, secret, state, current)
  }
  const minted = await mintFor(secret, deps.mint, deps.now())
  deps.publish(minted)
  const outcomes = await Promise.all(
    state.targets.map((target) => write(github, secret.name, target, minted.token))
  )
  const complete = outcomes.every((o) => o.result === 'written') && minted.problem === undefined
  // An incomplete rotation is recorded as such, so the next run rotates again instead of
  // trusting an expiry that some targets' dead tokens, or a half-right answer, do not have.
  const recorded = complete
    ? minted.expiresAt.toISOString()
    : `incomplete: ${minted.expiresAt.toISOString()}`
  try {
    await writeExpiry(github, secret, state, recorded)
  } catch (error) {
    if (complete) {
      throw new ActionError(
        `The new token is stored in every target and works, but its expiry could not be recorded in the variable ${secret.expiryVariable} of ${secret.expiry.label}: ${messageOf(error)} Until it is, the refresh cannot tell when the token is due; set ${secret.expiryVariable} to ${minted.expiresAt.toISOString()} or fix the access and re-run.`
      )
    }
  }
  return {
    decision,
    check,
    outcomes,
    minted,
    nextDue: nextDue(minted.expiresAt, new Date(deps.now()), secret.renewBeforeMs, secret.maxAgeMs)
  }
}

/** What the check found, in one line for the log; a dead token is the decision's to say. */
function checkLine(check: CheckResult, maxAge: boolean): string | undefined {
  switch (check.state) {
    case 'alive':
      return `${check.by} accepted the stored token (${check.seen}); the call also counted as a use, so its 30-day idle window starts again.`
    case 'dead':
      return undefined
    case 'inconclusive':
      return `Could not tell whether the stored token works (${check.by}: ${check.seen}). Deciding from the recorded expiry${maxAge ? ' and `max-age`' : ''} instead; the step goes on.`
    case 'skipped':
      return `The stored token is not checked: ${check.seen}.`
  }
}

function factsOf(secret: SecretInputs, state: StoreState, check: CheckResult, now: number): Facts {
  // The target whose secret was written longest ago: it is the first to pass `max-age`.
  let oldest: Facts['oldest']
  for (const target of state.targets) {
    if (target.updatedAt && !(oldest && oldest.updatedAt <= target.updatedAt)) {
      oldest = { label: nameOf(target), updatedAt: target.updatedAt }
    }
  }
  return {
    now,
    renewBeforeMs: secret.renewBeforeMs,
    maxAgeMs: secret.maxAgeMs,
    storedExpiry: state.storedExpiry,
    missing: state.targets.filter((t) => !t.exists).map(nameOf),
    oldest,
    check
  }
}

/** "the Dependabot secret of repository o/r" */
export function nameOf({ target }: { target: Target }): string {
  return `the ${target.store} secret of ${target.label}`
}

/**
 * Writes the stored token back where it is, unchanged in value, and the expiry variable with
 * its own value: the only proof that `github-token` may write there, before a mint makes
 * the difference between a refused write and a lost token.
 */
async function proveWriteAccess(
  github: GitHub,
  secret: SecretInputs,
  state: StoreState,
  current: string | undefined
): Promise<void> {
  const writes =
    current === undefined
      ? []
      : state.targets.map((target) => writeSecret(github, secret.name, target, current))
  if (state.storedExpiry !== undefined) {
    writes.push(writeExpiry(github, secret, state, state.storedExpiry))
  }
  const refused = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected')
  if (refused?.reason instanceof CancelledError) throw refused.reason
  if (refused) {
    throw new ActionError(
      `${messageOf(refused.reason)} This was a write of the stored token's own value, to prove write access before minting: nothing was minted, and the stored token still works.`
    )
  }
}

async function write(
  github: GitHub,
  name: string,
  state: TargetState,
  token: string
): Promise<TargetOutcome> {
  try {
    await writeSecret(github, name, state, token)
    return { target: state.target, result: 'written' }
  } catch (error) {
    return { target: state.target, result: 'failed', error: messageOf(error) }
  }
}

/**
 * A mint whose answer was unusable still killed the stored token. A usable token in a half-right
 * answer is stored anyway (the step fails afterwards); otherwise the error says what was lost.
 */
async function mintFor(
  secret: SecretInputs,
  mint: () => Promise<MintedToken>,
  now: number
): Promise<MintedToken> {
  try {
    return await mint()
  } catch (error) {
    const lost = error instanceof UnusableTokenError || error instanceof CancelledError
    if (!lost || error instanceof CancelledBeforeMintError) throw error
    const partial = error instanceof UnusableTokenError ? error.partial : undefined
    if (partial) {
      return {
        token: partial.token,
        userId: partial.userId ?? '',
        expires: partial.expiry?.expires ?? 0,
        expiresAt: partial.expiry?.expiresAt ?? new Date(now + ASSUMED_LIFETIME_MS),
        problem: partial.problem
      }
    }
    const Failure = error instanceof CancelledError ? CancelledError : UnusableTokenError
    throw new Failure(
      `${error.message} The token stored in the secret ${secret.name} (${secret.targets.map((t) => nameOf({ target: t })).join(', ')}) no longer works; re-run this workflow to mint and store a new one.`
    )
  }
}

/** The targets with this result, named, or `none`. */
function names(outcomes: TargetOutcome[], result: TargetOutcome['result']): string {
  return (
    outcomes
      .filter((o) => o.result === result)
      .map((o) => nameOf(o))
      .join('; ') || 'none'
  )
}

/**
 * Why a refresh must fail the step although it stored what it could: a cancel (saying what was
 * finished), a half-right answer, or writes that did not all land (which targets hold the new
 * token, which the one the mint killed). Undefined when it went as it should.
 */
export function refreshFailure(result: RefreshResult, cancelled: boolean): string | undefined {
  const parts = [cancelled ? cancelNote(result) : undefined, rotationFailure(result)]
  const said = parts.filter((part) => part !== undefined)
  return said.length === 0 ? undefined : said.join(' ')
}

/** A cancel that came when there was nothing left to stop: what the step had done. */
function cancelNote({ minted, outcomes }: RefreshResult): string {
  if (!minted) return BEFORE_MINT
  const written = outcomes.filter((o) => o.result === 'written').length
  const stored =
    written === outcomes.length && minted.problem === undefined
      ? `the new token is stored in every target (${written}) and its expiry recorded.`
      : `the new token is stored in ${written} of ${outcomes.length} targets.`
  return `The step was cancelled after the mint request was sent, so it finished what the mint started before ending: ${stored}`
}

function rotationFailure(result: RefreshResult): string | undefined {
  const { minted, outcomes } = result
  const failed = outcomes.filter((o) => o.result === 'failed')
  if (minted?.problem !== undefined) {
    const old =
      failed.length === 0
        ? ''
        : ` Still hold the old token, which no longer works: ${names(outcomes, 'failed')}. ${failed.map((o) => o.error).join(' ')}`
    return `${minted.problem}. The token itself passed its checks, and minting killed the stored one, so it was stored anyway. Hold the new token: ${names(outcomes, 'written')}.${old} Its expiry is recorded as \`incomplete: ${minted.expiresAt.toISOString()}\`${minted.expires === 0 ? ' (a year from the mint, as Personr documents)' : ''}, so the next run rotates again. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`
  }
  if (failed.length === 0) return undefined
  return `Minted a new Personr token but could not store it everywhere. Hold the new token: ${names(outcomes, 'written')}. Still hold the old token, which no longer works: ${names(outcomes, 'failed')}. ${failed.map((o) => o.error).join(' ')} The new token is in this step's \`token\` output (masked) for a following step to save; or fix the access and re-run this workflow, which will rotate again.`
}
