import * as actionsCore from '@actions/core'
import { realClock, type Clock } from './clock.ts'
import { messageOf } from './errors.ts'
import type { Send } from './http.ts'
import { readTokenInputs, withDefaults, type ReadInput, type TokenInputs } from './inputs.ts'
import { createLog, type Core, type Log } from './log.ts'
import { Redactor } from './redactor.ts'
import { readSecretInputs, type SecretInputs } from './secret-inputs.ts'
import { notDueSummary, tokenSummary } from './summary.ts'
import type { MintedToken } from './token-response.ts'
import { USER_AGENT } from './version.ts'

export type { Core } from './log.ts'

export interface Deps {
  core: Core
  /** The step's secrets; everything that prints redacts with it. */
  redactor: Redactor
  send: Send
  clock: Clock
  random: () => number
  env: NodeJS.ProcessEnv
}

/** The real collaborators. Code that only a request needs loads on the first request. */
export function defaultDeps(redactor: Redactor, core: Core = actionsCore): Deps {
  const debug = (line: string): void => createLog(core, redactor).debug(line)
  let sender: Promise<Send> | undefined
  const send: Send = async (request, signal) => {
    sender ??= import('./network.ts').then((n) =>
      n.createSender(USER_AGENT, n.MAX_RESPONSE_BYTES, debug)
    )
    return (await sender)(request, signal)
  }
  return { core, redactor, send, clock: realClock, random: Math.random, env: process.env }
}

/** Mints a token and hands it to later steps, or keeps a stored secret fresh. Never throws. */
export async function run(deps: Deps): Promise<void> {
  const { core } = deps
  const log = createLog(core, deps.redactor)
  try {
    // The password is taken as given: leading or trailing spaces may be part of it.
    const read: ReadInput = withDefaults((name) =>
      core.getInput(name, { trimWhitespace: name !== 'password' })
    )
    const mask = (secret: string): void => log.mask(secret)
    const inputs = readTokenInputs(read, mask)
    const secret = readSecretInputs(read, mask, deps.env.GITHUB_REPOSITORY)
    const mint = async (): Promise<MintedToken> => {
      log.info(`Minting a Personr API token at ${inputs.endpoint.href}`)
      const { mintToken } = await import('./network.ts')
      return mintToken(inputs, {
        ...deps,
        mask,
        redact: (text) => deps.redactor.redact(text),
        log: (line) => log.warning(line)
      })
    }
    if (secret) {
      await refresh(deps, log, inputs, secret, mint)
    } else {
      const minted = await mint()
      publish(core, log, minted)
      await log.summary(tokenSummary(minted, deps.clock.now()))
    }
  } catch (error) {
    log.fail(messageOf(error))
  }
}

async function refresh(
  deps: Deps,
  log: Log,
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
    redact: (text) => deps.redactor.redact(text),
    log: (line) => log.warning(line)
  })
  const stored = { name: secret.name, label: secret.scope.label }
  const result = await refreshSecret(secret, {
    github,
    now: () => clock.now(),
    mint,
    publish: (minted) => publish(core, log, minted),
    log: (line) => log.info(line)
  })
  if (result.rotated) {
    log.info(`Stored the new token in the secret ${secret.name} of ${secret.scope.label}.`)
    await log.summary(tokenSummary(result.minted, clock.now(), stored))
  } else {
    core.setOutput('rotated', 'false')
    core.setOutput('expires_at', result.expiresAt.toISOString())
    await log.summary(notDueSummary(result.expiresAt, clock.now(), stored))
  }
}

/** Sets every output of a minted token; its values were all checked before this is called. */
function publish(core: Core, log: Log, minted: MintedToken): void {
  const outputs = {
    token: minted.token,
    user_id: minted.userId,
    expires: String(minted.expires),
    expires_at: minted.expiresAt.toISOString(),
    rotated: 'true'
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  log.info(
    `Minted a token for Personr user ${minted.userId}; it expires at ${outputs.expires_at}. Earlier tokens of this account no longer work.`
  )
}
