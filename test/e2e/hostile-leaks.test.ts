// The committed bundle against servers that echo credentials back: no part of the password or
// the github-token may be shown, whole, cut, or in any encoding a server might use.
import { afterEach, describe, expect, it } from 'vitest'
import { errorsOf, runAction, type ActionRun } from '../support/action.ts'
import { startSimulator, type Account, type Simulator } from '../fakes/personr.ts'
import { useFakes } from '../support/refresh.ts'

/**
 * What a user could see: everything but the `::add-mask::` commands, which the runner eats, with
 * the runner's decoding of command values applied (`%25` is shown as `%`, so a URL-encoded
 * secret must be looked for after decoding).
 */
function shown(result: ActionRun): string {
  const decode = (line: string): string =>
    line.startsWith('::')
      ? line.replace(/%(25|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      : line
  return result.visible
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .map(decode)
    .join('\n')
}

/** No four consecutive characters of `secret` are visible anywhere. */
function expectNoPiece(result: ActionRun, secret: string, label: string): void {
  const text = shown(result)
  for (let i = 0; i + 4 <= secret.length; i++) {
    const piece = secret.slice(i, i + 4)
    expect(text.includes(piece), `characters ${i + 1}–${i + 4} of the ${label} are shown`).toBe(
      false
    )
  }
}

/** The forms in which a gateway or a server may echo a value. */
function encodings(value: string): [string, string][] {
  const html = value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  )
  return [
    ['URL-encoded (%20)', encodeURIComponent(value)],
    ['form-encoded (+)', new URLSearchParams({ v: value }).toString().slice(2)],
    ['HTML-escaped', html],
    ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
    ['base64', Buffer.from(value, 'utf8').toString('base64')]
  ]
}

describe('a password echoed by Personr or a gateway', () => {
  let personr: Simulator
  const start = async (account: Account): Promise<void> => {
    personr = await startSimulator({ accounts: [account] })
  }
  afterEach(() => personr.close())

  const run = (account: Account, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction({ inputs: { ...account, 'api-url': personr.url, ...inputs } })

  /** A 400 answer whose message is `message`. */
  function refuse(message: string): void {
    personr.fault({
      kind: 'status',
      status: 400,
      body: JSON.stringify({ statusCode: 400, reason: 'INVALID_LOGIN_CREDENTIALS', message }),
      headers: { 'Content-Type': 'application/json' }
    })
  }

  const account: Account = {
    email: 'ci-bot@example.test',
    password: `Zq9#xK2!mW7$ pL4@vR&<ü>"q'\\e`
  }

  // The quote limit is 300 characters: a cut before redaction would leave 10 of them.
  it('shows no piece of a password echoed 290 characters into a long message', async () => {
    await start(account)
    refuse(`${'x'.repeat(290)}${account.password} was not accepted for this account`)
    const result = await run(account)
    expect(result.code).toBe(1)
    expectNoPiece(result, account.password, 'password')
    expect(errorsOf(result)).toMatch(
      /^Personr refused the credentials \(INVALID_LOGIN_CREDENTIALS\): x{290}\*\*\*/
    )
  })

  it('shows the password in none of the forms a gateway echoes it in, Basic header included', async () => {
    await start(account)
    const basic = Buffer.from(`${account.email}:${account.password}`).toString('base64')
    const forms: [string, string][] = [
      ...encodings(account.password).filter(([name]) => name !== 'base64'),
      ['in a Basic authorization header', basic]
    ]
    refuse(`Gateway says: ${forms.map(([, form], i) => `${i}=${form}`).join(' ')}`)
    const result = await run(account)
    expect(result.code).toBe(1)
    for (const [name, form] of forms) expect(shown(result), name).not.toContain(form)
    expectNoPiece(result, account.password, 'password')
    expect(errorsOf(result)).toContain('Gateway says: 0=*** 1=*** 2=*** 3=*** 4=')
    // The characters that encode the password alone: drop the group it shares with the email
    // and the last, partial group.
    const start64 = Math.ceil(`${account.email}:`.length / 3) * 4
    const end64 = Math.floor(Buffer.byteLength(`${account.email}:${account.password}`) / 3) * 4
    expect(shown(result)).not.toContain(basic.slice(start64, end64))
  })

  it('does not show the password in a page that writes some of it as character references', async () => {
    // Plain letters beside named, decimal and hex references, some without their semicolon.
    const mixed = [...account.password]
      .map((c, i) => {
        const code = c.codePointAt(0) ?? 0
        if (/[a-z0-9]/i.test(c)) return i % 5 === 0 ? `&#x${code.toString(16)};` : c
        const named = {
          '&': '&amp',
          '<': '&lt;',
          '>': '&gt;',
          '"': '&quot;',
          ü: '&uuml;',
          $: '&dollar;'
        }[c]
        return named ?? (i % 2 ? `&#${code};` : `&#X${code.toString(16)};`)
      })
      .join('')
    await start(account)
    personr.fault({
      kind: 'status',
      status: 502,
      body: `<html><head><title>Refused ${mixed} at the gateway</title></head></html>`,
      headers: { 'Content-Type': 'text/html' }
    })
    const result = await run(account, { retries: '0' })
    expect(result.code).toBe(1)
    expect(errorsOf(result)).toContain('an HTML page titled "Refused *** at the gateway"')
    expectNoPiece(result, account.password, 'password')
    expect(shown(result)).not.toMatch(/&#|&[a-z]+;/i)
  })
})

describe('a github-token echoed by a hostile GitHub', () => {
  const TOKEN = `ghp_Q7x'K2<m&Wz"9Lw>t5ü`
  const f = useFakes({ tokens: { [TOKEN]: '*' } })

  it('does not show the github-token, as it is or in any form, in a 403 answer', async () => {
    const forms: [string, string][] = [['as it is', TOKEN], ...encodings(TOKEN)]
    const echoed = forms.map(([, form], i) => `${i}=${form}`).join(' ')
    f.github.fail({
      method: 'GET',
      path: /\/secrets\/public-key$/,
      status: 403,
      body: { message: `Bad credentials for Authorization: ${echoed}` }
    })
    const result = await f.run({ 'github-token': TOKEN })
    expect(result.code).toBe(1)
    for (const [name, form] of forms) expect(shown(result), name).not.toContain(form)
    expectNoPiece(result, TOKEN, 'github-token')
    expect(errorsOf(result)).toContain(
      'Could not read the Actions secrets public key of repository acme/app: GitHub answered 403 Forbidden: Bad credentials for Authorization: 0=*** 1=*** 2=*** 3=*** 4=*** 5=***.'
    )
    expect(f.personr.requests).toHaveLength(0)
  })
})
