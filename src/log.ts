import type * as actionsCore from '@actions/core'
import { messageOf } from './errors.ts'
import type { Redactor } from './redactor.ts'
import { sanitize } from './sanitize.ts'

/**
 * Registers a secret before anything could print it. A Personr token says so (`token`): it
 * carries its user id, which the step prints on purpose (Redactor.show).
 */
export type Mask = (secret: string, options?: { token: boolean }) => void

/** The parts of @actions/core the action uses; tests pass their own. */
export type Core = Pick<
  typeof actionsCore,
  | 'getInput'
  | 'setSecret'
  | 'setOutput'
  | 'info'
  | 'notice'
  | 'warning'
  | 'debug'
  | 'setFailed'
  | 'summary'
>

/**
 * The only way the action prints. Every line is redacted of every secret (in every encoding)
 * and then sanitised, so text from a server, a variable or a Node error can neither show a
 * credential nor start a workflow command.
 */
export interface Log {
  /** Registers a secret with the runner's masking and with the redactor. */
  mask: Mask
  /** The step's secrets: server text is read with it, summary values redacted with it. */
  readonly redactor: Redactor
  info(line: string): void
  /** A line the run page shows above the log: what a person should know even when all went well. */
  notice(line: string): void
  warning(line: string): void
  debug(line: string): void
  /** Fails the step with this message. */
  fail(message: string): void
  /** Writes the job summary (Markdown); a summary that cannot be written only warns. */
  summary(markdown: string): Promise<void>
}

export function createLog(core: Core, redactor: Redactor): Log {
  const clean = (text: string): string => sanitize(redactor.redact(text))
  const log: Log = {
    redactor,
    mask(secret, options) {
      // A blank value is no secret, and masking it would garble every line. A padded one is
      // masked trimmed too, since servers often echo values trimmed.
      for (const value of new Set([secret, secret.trim()])) {
        if (value.trim() !== '') core.setSecret(value)
      }
      redactor.add(secret, options)
    },
    info: (line) => core.info(clean(line)),
    notice: (line) => core.notice(clean(line)),
    warning: (line) => core.warning(clean(line)),
    debug: (line) => core.debug(clean(line)),
    fail: (message) => core.setFailed(clean(message)),
    async summary(markdown) {
      try {
        await core.summary.addRaw(redactor.redact(markdown)).write()
      } catch (error) {
        log.warning(`Could not write the job summary: ${messageOf(error)}`)
      }
    }
  }
  return log
}
