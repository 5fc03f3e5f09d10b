import * as core from '@actions/core'
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

void run(defaultDeps(redactor))
