// One simulator per test, and the bundle run against it, for the tests that make Personr answer
// what it should not.
import { afterEach, beforeEach } from 'vitest'
import { runAction, type ActionRun } from './action.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'

export const { email, password } = DEFAULT_ACCOUNT
export const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'
export const USER_ID = '1665086295388x405886519539808060'

export interface HostilePersonr {
  /** This test's simulator; read it inside a test, after the hook has started it. */
  readonly personr: Simulator
  /** The bundle, with this account and this simulator, and these inputs on top. */
  run(inputs?: Record<string, string>): Promise<ActionRun>
  /** The next api-token-generate answers 200 with this body, sent as it is. */
  respond(body: string): void
}

export function useHostilePersonr(): HostilePersonr {
  let personr: Simulator | undefined
  beforeEach(async () => {
    personr = await startSimulator()
  })
  afterEach(() => personr?.close())
  const current = (): Simulator => {
    if (!personr) throw new Error('the simulator starts in beforeEach')
    return personr
  }
  return {
    get personr() {
      return current()
    },
    run: (inputs = {}) =>
      runAction({ inputs: { email, password, 'api-url': current().url, ...inputs } }),
    respond: (body) =>
      current().fault({
        kind: 'status',
        status: 200,
        body,
        headers: { 'Content-Type': 'application/json' }
      })
  }
}

/** The body of a success response with this `response` field. */
export const successBody = (response: Record<string, unknown>): string =>
  JSON.stringify({ status: 'success', response })
