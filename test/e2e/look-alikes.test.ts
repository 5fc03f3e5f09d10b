// The bundle against a server that echoes the password back: a password that itself looks like
// an escape (`%41`, `&lt`, `\b`), cut short, or encoded in base64url must never become
// readable, whole or in any run of eight characters of it or of any reading of it.
import { afterEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, type ActionRun } from '../support/action.ts'
import { expectNoRun } from '../support/runs.ts'
import { startSimulator, type Simulator } from '../fakes/personr.ts'

const EMAIL = 'ci-bot@example.test'

/** What the runner shows: everything but the `::add-mask::` lines it eats. */
const seen = (run: ActionRun): string =>
  run.visible
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')

describe('a password that looks like an escape, echoed by the server', () => {
  let personr: Simulator | undefined
  afterEach(() => personr?.close())

  async function refusedWith(password: string, answer: Parameters<Simulator['fault']>[0]) {
    personr = await startSimulator({ accounts: [{ email: EMAIL, password }] })
    personr.fault(answer)
    const result = await runAction({
      inputs: { email: EMAIL, password, 'api-url': personr.url, retries: '0' }
    })
    expect(result.code).toBe(1)
    expect(result.outputs).toEqual({})
    return result
  }

  const passwords = ['Tr0ub%41dor-x9Q', 'Tr0ub&ltdor-x9Q', 'Tr0ub\\bdor-x9Q']

  it.each(passwords)('shows nothing of %s pasted into a JSON message', async (password) => {
    const result = await refusedWith(password, {
      kind: 'status',
      status: 401,
      body: `{"message":"Invalid password: ${password}"}`,
      headers: { 'Content-Type': 'application/json' }
    })
    expect(errorsOf(result)).toContain('Invalid password: ***')
    expectNoRun(seen(result), password, 'password')
  })

  it.each(passwords)('shows nothing of %s in an HTML page title', async (password) => {
    const result = await refusedWith(password, {
      kind: 'status',
      status: 502,
      body: `<html><head><title>Refused ${password}</title></head><body></body></html>`,
      headers: { 'Content-Type': 'text/html' }
    })
    expect(errorsOf(result)).toContain('an HTML page titled "Refused ***"')
    expectNoRun(seen(result), password, 'password')
  })

  it.each(passwords)('shows nothing of %s percent-encoded in a redirect', async (password) => {
    const result = await refusedWith(password, {
      kind: 'status',
      status: 302,
      headers: { Location: `https://login.example/retry?p=${encodeURIComponent(password)}` }
    })
    expect(errorsOf(result)).toContain('a redirect to https://login.example/retry?p=***')
    expectNoRun(seen(result), password, 'password')
  })

  it('shows nothing of a password the server cut short', async () => {
    const password = 'Qz7-Lm4!Xc9#Wb2$Yd5%'
    const result = await refusedWith(password, {
      kind: 'status',
      status: 400,
      body: JSON.stringify({ message: `Value too long: ${password.slice(0, 12)}...` }),
      headers: { 'Content-Type': 'application/json' }
    })
    expect(errorsOf(result)).toContain('Value too long: ***...')
    expectNoRun(seen(result), password, 'password')
  })

  it.each([1, 2])('shows nothing of the password in base64url at offset %i', async (offset) => {
    const password = 'Qz7-Lm4!Xc9#Wb2$Yd5%~>?'
    const encoded = Buffer.from(`${'x'.repeat(offset)}${password}`).toString('base64url')
    const result = await refusedWith(password, {
      kind: 'status',
      status: 400,
      body: JSON.stringify({ message: `Rejected credential ${encoded}` }),
      headers: { 'Content-Type': 'application/json' }
    })
    const plain = Buffer.from(password).toString('base64url')
    expect(errorsOf(result)).toContain('***')
    expectNoRun(seen(result), plain, 'base64url of the password')
  })
})
