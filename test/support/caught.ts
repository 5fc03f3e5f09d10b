import { expect } from 'vitest'
import { ActionError } from '../../src/errors.ts'

/** The ActionError that `run` throws; fails the test if it throws nothing or something else. */
export function thrown(run: () => unknown): ActionError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError)
    return error as ActionError
  }
  throw new Error('expected an ActionError')
}

/** What `promise` rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}
