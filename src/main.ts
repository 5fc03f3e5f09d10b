import * as core from '@actions/core'
import { realClock, type Clock } from './clock.ts'
import { messageOf, redact } from './errors.ts'
import { createSender, type Send } from './http.ts'
import { readTokenInputs } from './inputs.ts'
import { MAX_ANSWER_BYTES, mintToken } from './personr.ts'
import { tokenSummary } from './summary.ts'
import { USER_AGENT } from './version.ts'

/** The parts of @actions/core the action uses; tests pass their own. */
export type Core = Pick<
  typeof core,
  'getInput' | 'setSecret' | 'setOutput' | 'info' | 'warning' | 'setFailed' | 'summary'
>

export interface Deps {
  core: Core
  send: Send
  clock: Clock
  random: () => number
}

export function defaultDeps(): Deps {
  return {
    core,
    send: createSender(USER_AGENT, MAX_ANSWER_BYTES),
    clock: realClock,
    random: Math.random
  }
}

/** Mints a token and hands it to later steps. Never throws: every failure fails the step. */
export async function run(deps: Deps = defaultDeps()): Promise<void> {
  const { core } = deps
  const mask = (secret: string): void => {
    core.setSecret(secret)
    secretsShown.add(secret)
  }
  try {
    // The password is taken as given: leading or trailing spaces may be part of it.
    const inputs = readTokenInputs(
      (name) => core.getInput(name, { trimWhitespace: name !== 'password' }),
      mask
    )
    core.info(`Minting a Personr API token at ${inputs.endpoint.href}`)
    const minted = await mintToken(inputs, { ...deps, mask, log: (line) => core.warning(line) })

    core.setOutput('token', minted.token)
    core.setOutput('user_id', minted.userId)
    core.setOutput('expires', String(minted.expires))
    core.setOutput('expires_at', minted.expiresAt.toISOString())
    core.info(
      `Minted a token for Personr user ${minted.userId}; it expires at ${minted.expiresAt.toISOString()}. Earlier tokens of this account no longer work.`
    )
    await writeSummary(core, tokenSummary(minted, deps.clock.now()))
  } catch (error) {
    failStep(core, error)
  }
}

/** Every value masked so far, so that no failure message can carry one. */
const secretsShown = new Set<string>()

/** Fails the step with the error's message, minus any secret it might carry. */
export function failStep(core: Pick<Core, 'setFailed'>, error: unknown, prefix = ''): void {
  core.setFailed(prefix + redact(messageOf(error), secretsShown))
}

/** A summary that cannot be written (no GITHUB_STEP_SUMMARY, say) must not fail the token step. */
async function writeSummary(core: Core, markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
}
