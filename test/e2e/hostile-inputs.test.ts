// The committed bundle with inputs as workflows really pass them: a password saved with a
// trailing newline, optional inputs that are empty strings, numbers in other notations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, type ActionRun } from '../support/action.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'

const { email, password } = DEFAULT_ACCOUNT

let personr: Simulator
afterEach(() => personr.close())

/**
 * A secret is shown nowhere but in the runner's `::add-mask::` commands: not in any other stdout
 * line, not in stderr, not in the summary.
 */
function expectOnlyMasked(result: ActionRun, secret: string, label: string): void {
  result.stdout.split('\n').forEach((line, i) => {
    if (line.startsWith('::add-mask::')) return
    expect(line.includes(secret), `${label} in stdout line ${i + 1}`).toBe(false)
  })
  expect(result.stderr.includes(secret), `${label} in stderr`).toBe(false)
  expect(result.summary.includes(secret), `${label} in the job summary`).toBe(false)
}

describe('a password that ends with a newline', () => {
  const account = { email: 'ci-bot@example.test', password: 'Hq4!nR8$vT2@kW6' }
  beforeEach(async () => {
    personr = await startSimulator({ accounts: [account] })
  })

  it('says the password is sent exactly as given and ends with a line feed', async () => {
    const result = await runAction({
      inputs: { ...account, password: `${account.password}\n`, 'api-url': personr.url }
    })
    expect(result.code).toBe(1)
    // The action sent it as given; the simulator, like Personr, refused it.
    expect(personr.requests).toHaveLength(1)
    expect(personr.requests[0]?.fields?.password).toBe(`${account.password}\n`)
    const error = errorsOf(result)
    expect(error).toMatch(
      /^Personr refused the credentials \(INVALID_LOGIN_CREDENTIALS\): We didn’t find an account with those login credentials\./
    )
    expect(error).toContain(
      'The password is sent exactly as given, and it ends with a line feed: if that is not part of the password, save the secret again without it.'
    )
    expect(result.outputs).toEqual({})
    expectOnlyMasked(result, account.password, 'password')
  })
})

describe('optional inputs', () => {
  beforeEach(async () => {
    personr = await startSimulator()
  })
  const run = (inputs: Record<string, string>): Promise<ActionRun> =>
    runAction({ inputs: { email, password, 'api-url': personr.url, ...inputs } })

  it('take their default when given as empty strings', async () => {
    const result = await run({ timeout: '', retries: '' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token).toBe(personr.currentToken(email))
    expect(result.outputs.rotated).toBe('true')
  })

  it.each(['0x10', '0b11', '1e2'])('refuse timeout %s before any request', async (timeout) => {
    const result = await run({ timeout })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toBe(
      `Input \`timeout\` must be a number of seconds above 0 and at most 600 (got "${timeout}").`
    )
    expect(personr.requests).toEqual([])
    expect(result.outputs).toEqual({})
  })

  it('accept a decimal timeout of 0.5 seconds', async () => {
    const result = await run({ timeout: '0.5' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.token).toBe(personr.currentToken(email))
  })
})
