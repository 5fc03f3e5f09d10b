import * as core from '@actions/core'
import { realClock, type Clock } from './clock.ts'
import { messageOf, redact } from './errors.ts'
import type { Send } from './http.ts'
import { readTokenInputs, type ReadInput, type TokenInputs } from './inputs.ts'
import type { MintedToken } from './personr.ts'
import { readSecretInputs, type SecretInputs } from './secret-inputs.ts'
import { notDueSummary, tokenSummary } from './summary.ts'
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
  env: NodeJS.ProcessEnv
}

/** The real collaborators. Code that only a request needs loads on the first request. */
export function defaultDeps(): Deps {
  let sender: Promise<Send> | undefined
  const send: Send = async (request, signal) => {
    sender ??= import('./network.ts').then((n) => n.createSender(USER_AGENT, n.MAX_ANSWER_BYTES))
    return (await sender)(request, signal)
  }
  return {
    core,
    send,
    clock: realClock,
    random: Math.random,
    env: process.env
  }
}

/** Mints a token and hands it to later steps, or keeps a stored secret fresh. Never throws. */
export async function run(deps: Deps = defaultDeps()): Promise<void> {
  const { core } = deps
  const mask = (secret: string): void => {
    // A blank value is no secret, and masking it would garble every message. A padded one is
    // masked trimmed too, since error bodies are read trimmed.
    for (const value of new Set([secret, secret.trim()])) {
      if (value.trim() === '') continue
      core.setSecret(value)
      secretsShown.add(value)
    }
  }
  try {
    // The password is taken as given: leading or trailing spaces may be part of it.
    const read: ReadInput = (name) => core.getInput(name, { trimWhitespace: name !== 'password' })
    const inputs = readTokenInputs(read, mask)
    const secret = readSecretInputs(read, mask, deps.env.GITHUB_REPOSITORY)
    const mint = async (): Promise<MintedToken> => {
      core.info(`Minting a Personr API token at ${inputs.endpoint.href}`)
      const { mintToken } = await import('./network.ts')
      return mintToken(inputs, { ...deps, mask, log: (line) => core.warning(line) })
    }
    if (secret) {
      await refresh(deps, inputs, secret, mint)
    } else {
      const minted = await mint()
      publish(core, minted)
      await writeSummary(core, tokenSummary(minted, deps.clock.now()))
    }
  } catch (error) {
    failStep(core, error)
  }
}

async function refresh(
  deps: Deps,
  inputs: TokenInputs,
  secret: SecretInputs,
  mint: () => Promise<MintedToken>
): Promise<void> {
  const { core, clock } = deps
  const { refreshSecret, createGitHub } = await import('./network.ts')
  const github = createGitHub({
    ...deps,
    apiUrl: secret.apiUrl,
    token: secret.githubToken,
    retries: inputs.retries,
    timeoutMs: inputs.timeoutMs,
    log: (line) => core.warning(line)
  })
  const stored = { name: secret.name, label: secret.scope.label }
  const result = await refreshSecret(secret, {
    github,
    now: () => clock.now(),
    mint,
    publish: (minted) => publish(core, minted),
    log: (line) => core.info(line)
  })
  if (result.rotated) {
    core.info(`Stored the new token in the secret ${secret.name} of ${secret.scope.label}.`)
    await writeSummary(core, tokenSummary(result.minted, clock.now(), stored))
  } else {
    core.setOutput('rotated', 'false')
    core.setOutput('expires_at', result.expiresAt.toISOString())
    await writeSummary(core, notDueSummary(result.expiresAt, clock.now(), stored))
  }
}

function publish(core: Core, minted: MintedToken): void {
  core.setOutput('token', minted.token)
  core.setOutput('user_id', minted.userId)
  core.setOutput('expires', String(minted.expires))
  core.setOutput('expires_at', minted.expiresAt.toISOString())
  core.setOutput('rotated', 'true')
  core.info(
    `Minted a token for Personr user ${minted.userId}; it expires at ${minted.expiresAt.toISOString()}. Earlier tokens of this account no longer work.`
  )
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
