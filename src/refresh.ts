import { ActionError, messageOf } from './errors.ts'
import type { GitHub } from './github.ts'
import type { MintedToken } from './token-response.ts'
import type { SecretInputs } from './secret-inputs.ts'
import { shorten } from './sanitize.ts'
import { provePublicKey, readStoreState, writeExpiry, writeSecret } from './secret-store.ts'
import { UnusableTokenError } from './token-response.ts'

export type RefreshResult =
  { rotated: true; minted: MintedToken } | { rotated: false; expiresAt: Date }

export interface RefreshDeps {
  github: GitHub
  now: () => number
  mint: () => Promise<MintedToken>
  /** Hands the new token to later steps; called before storing, so a failed store loses nothing. */
  publish: (minted: MintedToken) => void
  log: (line: string) => void
}

/**
 * Keeps the token in an Actions secret fresh: proves access first, mints only when due, then
 * stores the token and its expiry. A mint kills the stored token, so nothing is minted unless
 * it can be stored.
 */
export async function refreshSecret(
  secret: SecretInputs,
  deps: RefreshDeps
): Promise<RefreshResult> {
  const { github } = deps
  const state = await readStoreState(github, secret)
  const decision = decide(
    state.secretExists ? state.storedExpiry : undefined,
    secret.renewBeforeMs,
    deps.now()
  )
  deps.log(decision.reason)
  if (!decision.due) return { rotated: false, expiresAt: decision.expiresAt }

  await provePublicKey(secret, state)
  const minted = await mintFor(secret, deps.mint)
  deps.publish(minted)
  try {
    await writeSecret(github, secret, state, minted.token)
  } catch (error) {
    throw new ActionError(
      `Minted a new Personr token but could not store it in the secret ${secret.name} of ${secret.scope.label}: ${messageOf(error)} The token stored there before no longer works, and the new one was not stored. It is in this step's \`token\` output (masked) for a following step to save; or fix the access and re-run this workflow to mint and store another.`
    )
  }
  try {
    await writeExpiry(github, secret, state, minted.expiresAt)
  } catch (error) {
    throw new ActionError(
      `The new token is stored in the secret ${secret.name} of ${secret.scope.label} and works, but its expiry could not be recorded in the variable ${secret.expiryVariable}: ${messageOf(error)} Until it is, \`renew-before\` cannot tell when the token is due; set ${secret.expiryVariable} to ${minted.expiresAt.toISOString()} or fix the access and re-run.`
    )
  }
  return { rotated: true, minted }
}

/** A mint whose response was unusable still killed the stored token: the error must say so. */
async function mintFor(
  secret: SecretInputs,
  mint: () => Promise<MintedToken>
): Promise<MintedToken> {
  try {
    return await mint()
  } catch (error) {
    if (!(error instanceof UnusableTokenError)) throw error
    throw new UnusableTokenError(
      `${error.message} The token stored in the secret ${secret.name} of ${secret.scope.label} no longer works; re-run this workflow to mint and store a new one.`
    )
  }
}

/** A token lives a year; a recorded expiry further ahead (a day allowed for clocks) is not real. */
const MAX_TRUSTED_AHEAD_MS = (365 + 1) * 86_400_000

export type Decision =
  { due: true; reason: string } | { due: false; reason: string; expiresAt: Date }

/** Is the stored token due for rotation? Without `renew-before`, always. */
export function decide(
  storedExpiry: string | undefined,
  renewBeforeMs: number | undefined,
  now: number
): Decision {
  if (renewBeforeMs === undefined)
    return { due: true, reason: 'No `renew-before` given: rotating.' }
  if (storedExpiry === undefined) {
    return { due: true, reason: 'No stored token with a recorded expiry: rotating.' }
  }
  const expiresAt = new Date(storedExpiry)
  if (Number.isNaN(expiresAt.getTime())) {
    return {
      due: true,
      reason: `The recorded expiry "${shorten(storedExpiry, 40)}" is not a date: rotating.`
    }
  }
  const left = expiresAt.getTime() - now
  const days = (left / 86_400_000).toFixed(1)
  if (left > MAX_TRUSTED_AHEAD_MS) {
    return {
      due: true,
      reason: `The recorded expiry ${expiresAt.toISOString()} is ${days} days ahead, more than a token lives (365 days), so it is not trusted: rotating.`
    }
  }
  if (left > renewBeforeMs) {
    return {
      due: false,
      expiresAt,
      reason: `The stored token expires at ${expiresAt.toISOString()}, in ${days} days, later than \`renew-before\`: nothing to do.`
    }
  }
  return {
    due: true,
    reason: `The stored token expires at ${expiresAt.toISOString()}, in ${days} days, within \`renew-before\`: rotating.`
  }
}
