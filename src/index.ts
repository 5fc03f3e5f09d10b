import * as core from '@actions/core'
import { failStep, run } from './main.ts'

// Whatever escapes run() still fails the step with a message instead of ending it green or silent.
const fail = (error: unknown): void => failStep(core, error, 'Unexpected failure: ')
process.on('unhandledRejection', fail)
process.on('uncaughtException', fail)

void run()
