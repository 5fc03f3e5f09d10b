import { BEFORE_MINT, CancelledBeforeMintError, CancelledError } from './cancel.ts'
import { decide, nextDue, type Decision, type Facts } from './decision.ts'
import { ActionError, messageOf, NotMintedError } from './errors.ts'
import { tokenRecord } from './record.ts'
import { beginRotation, putBack, removeProbes, type RotationGitHub } from './rotation.ts'
import { shorten } from './sanitize.ts'
import { loadSodium } from './sealed-box.ts'
import type { SecretInputs } from './secret-inputs.ts'
import {
  provePublicKeys,
  readStoreState,
  writeRecord,
  writeSecret,
  type StoreState,
  type TargetState
} from './secret-store.ts'
import type { Target } from './targets.ts'
import type { CheckResult } from './token-check.ts'
import { UnusableTokenError, type MintedToken } from './token-response.ts'
import { describeView, viewOf, type View } from './view.ts'

/** Personr's documented lifetime, assumed when a half-right answer's `expires` is unusable. */
const ASSUMED_LIFETIME_MS = 365 * 86_400_000

/** What happened to one target in this run. */
export interface TargetOutcome {
  target: Target
  /** `may have landed`: the runner cut the write off before GitHub answered. */
  result: 'written' | 'unchanged' | 'failed' | 'may have landed' | 'would write'
  /** Why a write failed, for the summary. */
  error?: string
}

export interface RefreshResult {
  decision: Decision
  check: CheckResult
  /** Whether the token this run was handed is the one stored. */
  view: View
  outcomes: TargetOutcome[]
  /** The new token, when one was minted. */
  minted: MintedToken | undefined
  /** When the stored token will next be due, if nothing else happens. */
  nextDue: Date | undefined
}

export interface RefreshDeps extends RotationGitHub {
  now: () => number
  /** Proves the stored token (or answers `skipped`, saying why). */
  check: () => Promise<CheckResult>
  mint: () => Promise<MintedToken>
  /** Hands the new token to later steps; called before storing, so a failed store loses nothing. */
  publish: (minted: MintedToken) => void
  /** Reads text GitHub sent as a person would, without any secret: the record, in messages. */
  read: (text: string) => string
  log: (line: string) => void
  warn: (line: string) => void
}

/**
 * Keeps every target's copy of the token fresh with one mint. Reads all targets and proves the
 * stored token first; changes nothing when another run replaced the token this run was handed;
 * mints only when due, and only once every key and write access is proven, since a mint kills
 * the token every target holds now.
 */
export async function refreshSecret(
  secret: SecretInputs,
  deps: RefreshDeps
): Promise<RefreshResult> {
  const { github } = deps
  // libsodium loads while the network is busy: sealing is needed before any mint (the key
  // check, the probes), and loading it then would put 70 ms on the critical path.
  void loadSodium().catch(() => undefined)
  // The check does not depend on the reads: both go out at once.
  const [state, check] = await Promise.all([readStoreState(github, secret), deps.check()])
  const view = viewOf(secret.currentToken, { record: state.record, newestSecret: newest(state) })
  if (view.kind !== 'stale') {
    deps.log(describeView(view, secret.name))
    const said = checkLine(check, secret.maxAgeMs !== undefined)
    if (said !== undefined) (check.state === 'inconclusive' ? deps.warn : deps.log)(said)
  }
  const facts = factsOf(secret, state, check, view, deps)
  const decision = decide(facts)
  if (!('stale' in decision)) deps.log(decision.reason)
  const result = { decision, check, view, minted: undefined }
  const unchanged = (outcome: TargetOutcome['result']): TargetOutcome[] =>
    state.targets.map(({ target }) => ({ target, result: outcome }))

  if (!decision.due || secret.dryRun) {
    return {
      ...result,
      outcomes: unchanged(decision.due ? 'would write' : 'unchanged'),
      nextDue:
        decision.due || decision.expiresAt === undefined
          ? undefined
          : nextDue(
              decision.expiresAt,
              facts.oldest?.updatedAt ?? new Date(deps.now()),
              secret.renewBefore,
              secret.maxAgeMs
            )
    }
  }

  await provePublicKeys(state)
  await beginRotation(deps, secret, state, new Date(deps.now()))
  // The probes have proven what they were for; they go while Personr answers.
  const probes = removeProbes(deps.finishing, secret, state).then((left) => left.map(deps.warn))
  const minted = await mintFor(secret, deps, state).catch(async (error: unknown) => {
    await probes
    throw error
  })
  deps.publish(minted)
  const outcomes = await Promise.all(
    state.targets.map((target) => write(github, secret.name, target, minted.token))
  )
  const complete = outcomes.every((o) => o.result === 'written') && minted.problem === undefined
  // Until every target holds the new token, the record says the rotation is incomplete, so the
  // next run rotates again instead of trusting a token some targets do not have.
  const record = tokenRecord(minted.expiresAt, minted.token, complete)
  try {
    await writeRecord(github, secret, state, true, record)
  } catch (error) {
    if (complete) {
      // Cut off by the runner, the write may have landed: then nothing is left to do.
      const how =
        error instanceof CancelledError
          ? 'the runner cut its write off, so it may or may not have landed'
          : `could not record it: ${messageOf(error)}`
      throw new ActionError(
        `The new token is stored in every target and works, but the variable ${secret.expiryVariable} of ${secret.expiry.label} ${how}. Unless it says "${record}", it says a rotation began, and the next run rotates again; set it to that, or fix the access and re-run.`
      )
    }
  } finally {
    await probes
  }
  return {
    ...result,
    outcomes,
    minted,
    nextDue: nextDue(minted.expiresAt, new Date(deps.now()), secret.renewBefore, secret.maxAgeMs)
  }
}

/** The latest write of the secret among the targets, as GitHub reports it. */
function newest(state: StoreState): Date | undefined {
  const times = state.targets.flatMap((t) => (t.updatedAt ? [t.updatedAt.getTime()] : []))
  return times.length === 0 ? undefined : new Date(Math.max(...times))
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

function factsOf(
  secret: SecretInputs,
  state: StoreState,
  check: CheckResult,
  view: View,
  deps: Pick<RefreshDeps, 'now' | 'read'>
): Facts {
  // The target whose secret was written longest ago: it is the first to pass `max-age`.
  let oldest: Facts['oldest']
  for (const target of state.targets) {
    if (target.updatedAt && !(oldest && oldest.updatedAt <= target.updatedAt)) {
      oldest = { label: nameOf(target), updatedAt: target.updatedAt }
    }
  }
  const record = state.record?.value
  return {
    now: deps.now(),
    renewBefore: secret.renewBefore,
    maxAgeMs: secret.maxAgeMs,
    secretName: secret.name,
    record,
    quoted: shorten(deps.read(record?.raw ?? ''), 80),
    view,
    missing: state.targets.filter((t) => !t.exists).map(nameOf),
    oldest,
    check
  }
}

/** "the Dependabot secret of repository o/r" */
export function nameOf({ target }: { target: Target }): string {
  return `the ${target.store} secret of ${target.label}`
}

async function write(
  github: RefreshDeps['github'],
  name: string,
  state: TargetState,
  token: string
): Promise<TargetOutcome> {
  try {
    await writeSecret(github, name, state, token)
    return { target: state.target, result: 'written' }
  } catch (error) {
    // Cut off by the runner: the request may have reached GitHub, and its answer not us.
    const result = error instanceof CancelledError ? 'may have landed' : 'failed'
    return { target: state.target, result, error: messageOf(error) }
  }
}

/**
 * A mint that minted nothing (refused, never sent, cancelled before it went out) puts the record
 * back: the stored token still works. One whose answer was unusable still killed the stored
 * token: a usable token in a half-right answer is stored anyway (the step fails afterwards);
 * otherwise the error says what was lost, and the record of a rotation begun stays, so the next
 * run rotates.
 */
async function mintFor(
  secret: SecretInputs,
  deps: Pick<RefreshDeps, 'mint' | 'now' | 'finishing'>,
  state: StoreState
): Promise<MintedToken> {
  try {
    return await deps.mint()
  } catch (error) {
    if (error instanceof NotMintedError || error instanceof CancelledBeforeMintError) {
      const note = await putBack(deps.finishing, secret, state)
      if (note === undefined) throw error
      const Failure = error instanceof CancelledError ? CancelledBeforeMintError : NotMintedError
      throw new Failure(`${error.message} ${note}`)
    }
    if (!(error instanceof UnusableTokenError || error instanceof CancelledError)) throw error
    const partial = error instanceof UnusableTokenError ? error.partial : undefined
    if (partial) {
      return {
        token: partial.token,
        userId: partial.userId ?? '',
        expires: partial.expiry?.expires ?? 0,
        expiresAt: partial.expiry?.expiresAt ?? new Date(deps.now() + ASSUMED_LIFETIME_MS),
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
  const cut = outcomes.some((o) => o.result === 'may have landed')
  const others = [
    failed.length === 0
      ? ''
      : ` Still hold the old token, which no longer works: ${names(outcomes, 'failed')}. ${failed.map((o) => o.error).join(' ')}`,
    cut
      ? ` May hold either token, as the runner cut the write off before GitHub answered: ${names(outcomes, 'may have landed')}.`
      : ''
  ].join('')
  if (minted?.problem !== undefined) {
    return `${minted.problem}. The token itself passed its checks, and minting killed the stored one, so it was stored anyway. Hold the new token: ${names(outcomes, 'written')}.${others} Its record says \`${tokenRecord(minted.expiresAt, minted.token, false)}\`${minted.expires === 0 ? ' (a year from the mint, as Personr documents)' : ''}, so the next run rotates again. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`
  }
  if (failed.length === 0 && !cut) return undefined
  return `Minted a new Personr token but could not store it everywhere. Hold the new token: ${names(outcomes, 'written')}.${others} The record says the rotation is incomplete, so the next run rotates again. The new token is in this step's \`token\` output (masked) for a following step to save; or fix the access and re-run this workflow.`
}
