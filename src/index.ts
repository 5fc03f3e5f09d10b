import * as core from '@actions/core'
import { Cancellation } from './cancel.ts'
import { messageOf } from './errors.ts'
import { createLog } from './log.ts'
import { defaultDeps, run } from './main.ts'
import { Redactor } from './redactor.ts'

// One redactor for the whole step: whatever prints, the handlers below included, hides every
// secret masked so far.
const redactor = new Redactor()
const log = createLog(core, redactor)

// Whatever escapes run() still fails the step with a message instead of ending it green or silent.
const fail = (error: unknown): void => log.fail(`Unexpected failure: ${messageOf(error)}`)
process.on('unhandledRejection', fail)
process.on('uncaughtException', fail)

// GitHub cancels a step with SIGINT, then SIGTERM; Node would exit at once on either, losing a
// token that Personr may already have minted (and so killing the stored one for nothing).
const cancel = new Cancellation(() => Date.now())
process.on('SIGINT', () => {
  const line = cancel.cancel()
  if (line !== undefined) log.warning(line)
})
process.on('SIGTERM', () => log.warning(cancel.terminate()))

void run(defaultDeps(redactor, cancel))
