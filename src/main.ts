import * as actionsCore from '@actions/core'
import { CancelledBeforeMintError, CancelledError, type Cancellation } from './cancel.ts'
import { realClock } from './clock.ts'
import type { Deps } from './deps.ts'
import { messageOf, NotMintedError } from './errors.ts'
import type { Send, Transport } from './http.ts'
import { basicAuthorization, readTokenInputs, withDefaults, type ReadInput } from './inputs.ts'
import { createLog, type Core, type Log, type Mask } from './log.ts'
import type { Redactor } from './redactor.ts'
import { readSecretInputs } from './secret-inputs.ts'
import { tokenSummary } from './summary.ts'
import type { MintedToken } from './token-response.ts'
import { USER_AGENT } from './version.ts'

export type { Core } from './log.ts'
export type { Deps } from './deps.ts'

/** SIGTERM while the mint's answer was awaited: Personr may have minted for no one. */
export const MINT_LOST =
  "The runner stopped the step (SIGTERM) before Personr's answer to the mint request came: if Personr minted, the new token reached no step, and earlier tokens of this account no longer work."
const CANCELLED_AFTER_MINT =
  'The step was cancelled after the mint request was sent: it waited for the answer and set the outputs, so a later step with `if: always()` can still use the token.'

/** The real collaborators. Code that only a request needs loads on the first request. */
export function defaultDeps(
  redactor: Redactor,
  cancel: Cancellation,
  core: Core = actionsCore
): Deps {
  const debug = (line: string): void => createLog(core, redactor).debug(line)
  let transport: Promise<Transport> | undefined
  const send: Send = async (request, signal) => {
    transport ??= import('./network.ts').then((n) =>
      n.createTransport(USER_AGENT, n.MAX_RESPONSE_BYTES, debug)
    )
    const response = await (await transport).send(request, signal)
    // Whatever a server says may be quoted in a message: the redactor must be able to read it.
    await redactor.prepare(`${response.body} ${response.headers.location ?? ''}`)
    return response
  }
  const close = (): void => void transport?.then((t) => t.close())
  return {
    core,
    redactor,
    cancel,
    send,
    close,
    clock: realClock,
    random: Math.random,
    env: process.env
  }
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
    const mask: Mask = (secret, options) => log.mask(secret, options)
    const inputs = readTokenInputs(read, mask)
    // The Basic header is the credentials in another form: masked before it can be sent.
    if (inputs.auth === 'basic') mask(basicAuthorization(inputs))
    const secret = readSecretInputs(read, mask, deps.env.GITHUB_REPOSITORY, inputs.apiUrl)
    const mint = async (): Promise<MintedToken> => {
      const { mintToken } = await import('./network.ts')
      deps.cancel.signal.throwIfAborted()
      log.info(`Minting a Personr API token at ${inputs.endpoint.href}`)
      try {
        return await mintToken(inputs, {
          ...deps,
          send: async (request, signal) => {
            deps.cancel.startMint()
            return deps.send(request, signal).catch((error: unknown) => {
              deps.cancel.mintFailed(error)
              throw error
            })
          },
          stop: deps.cancel,
          mask,
          redact: (text) => deps.redactor.read(text),
          log: (line) => log.warning(line)
        })
      } catch (error) {
        if (error instanceof CancelledBeforeMintError || error instanceof NotMintedError)
          throw error
        if (error instanceof CancelledError) throw new CancelledError(MINT_LOST)
        // Every attempt failed before it was sent: nothing reached Personr.
        if (!deps.cancel.minted) throw new NotMintedError(messageOf(error))
        throw error
      }
    }
    if (secret) {
      const { runRefresh } = await import('./network.ts')
      await runRefresh({
        ...deps,
        log,
        inputs,
        secret,
        mint,
        publish: (m) => publish(core, log, m)
      })
    } else {
      const minted = await mint()
      publish(core, log, minted)
      await log.summary(tokenSummary(minted, deps.clock.now(), deps.redactor))
      if (deps.cancel.cancelled) log.fail(CANCELLED_AFTER_MINT)
    }
  } catch (error) {
    log.fail(messageOf(error))
  } finally {
    deps.close?.()
  }
}

/**
 * Sets the outputs of a minted token; its values were all checked before this is called. A
 * half-right answer's token (refresh only) sets what is known of it.
 */
export function publish(core: Core, log: Log, minted: MintedToken): void {
  // The token carries its user id, which is printed on purpose, and read as any server text is.
  log.redactor.show(minted.userId)
  const userId = log.redactor.read(minted.userId)
  const known = minted.expires > 0
  const outputs = {
    token: minted.token,
    user_id: minted.userId || undefined,
    expires: known ? String(minted.expires) : undefined,
    expires_at: known ? minted.expiresAt.toISOString() : undefined,
    rotated: 'true'
  }
  for (const [name, value] of Object.entries(outputs)) {
    if (value !== undefined) core.setOutput(name, value)
  }
  log.info(
    minted.problem === undefined
      ? `Minted a token for Personr user ${userId}; it expires at ${outputs.expires_at}. Earlier tokens of this account no longer work.`
      : `Minted a token from a half-right answer (the error says what was wrong). Earlier tokens of this account no longer work, so it is stored anyway.`
  )
}
