import type { Cancellation } from './cancel.ts'
import type { Clock } from './clock.ts'
import type { Send } from './http.ts'
import type { Core } from './log.ts'
import type { Redactor } from './redactor.ts'

/** The step's collaborators: what main.ts makes, and every mode takes. */
export interface Deps {
  core: Core
  /** The step's secrets; everything that prints redacts with it. */
  redactor: Redactor
  /** The runner's cancel: stops the work before the mint, cuts it short after. */
  cancel: Cancellation
  send: Send
  clock: Clock
  random: () => number
  env: NodeJS.ProcessEnv
  /** Closes the connections `send` kept open; called once the step is over. */
  close?: () => void
}
