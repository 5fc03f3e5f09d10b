// Vitest setup file: when a test ends, however it ends (a timeout too), the processes it started
// and still runs are killed, so none outlives it.
import { afterEach } from 'vitest'
import { killRunning } from '../support/children.ts'

afterEach(() => {
  killRunning()
})
