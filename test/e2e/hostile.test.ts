// The committed bundle against a hostile Personr and a hostile GitHub: text the action did not
// write (bodies, user ids, headers, HTML titles, Actions variables) must never become a workflow
// command, and values in the job summary must never become Markdown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorsOf, type ActionRun } from '../support/action.ts'
import { DEFAULT_TOKEN, startFakeGitHub, type FakeGitHub } from '../fakes/github.ts'
import { expectMaskedFirst, expectNoLeak } from '../support/leaks.ts'
import { runRefresh } from '../support/refresh.ts'
import {
  TOKEN,
  USER_ID,
  email,
  password,
  successBody,
  useHostilePersonr
} from '../support/hostile-personr.ts'

const REPO = 'acme/app'

const h = useHostilePersonr()
const { run, respond } = h

/** A 200 answer of api-token-generate with this `response`. */
const success = (response: Record<string, unknown>): void => respond(successBody(response))

const lines = (result: ActionRun): string[] => result.stdout.split('\n')

/**
 * Nothing the runner would read as a command came from outside: no line starts with a forged
 * command, `##[` never appears (the runner reads it anywhere in a line), and every command the
 * action issued is one it issues itself.
 */
function expectNoForgedCommand(result: ActionRun): void {
  for (const line of lines(result)) {
    expect(line, 'a line that stops workflow commands').not.toMatch(/^\s*::stop-commands::/)
    expect(line, 'a forged set-output').not.toMatch(/^\s*::set-output/)
  }
  expect(result.stdout, 'an unbroken ##[').not.toContain('##[')
  for (const { command } of result.commands) {
    expect(['add-mask', 'debug', 'warning', 'error']).toContain(command)
  }
  expect(result.commands.filter((c) => c.command === 'error').length).toBeLessThanOrEqual(1)
}

const warnings = (result: ActionRun): string[] =>
  result.commands.filter((c) => c.command === 'warning').map((c) => c.value)

describe('text from a hostile Personr never becomes a workflow command', () => {
  it('escapes the lines of a 400 error message', async () => {
    h.personr.fault({
      kind: 'status',
      status: 400,
      body: JSON.stringify({
        statusCode: 400,
        reason: 'INVALID_LOGIN_CREDENTIALS',
        message: 'No such login\n::stop-commands::pwned\n::error::forged'
      }),
      headers: { 'Content-Type': 'application/json' }
    })
    const result = await run()
    expect(result.code).toBe(1)
    expectNoForgedCommand(result)
    const errors = result.commands.filter((c) => c.command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.value).toMatch(
      /^Personr refused the credentials \(INVALID_LOGIN_CREDENTIALS\): No such login/
    )
    // The sanitiser's visible escapes, not the runner's %0A (which it turns back into newlines).
    expect(errors[0]?.value).toContain('No such login\\n::stop-commands::pwned\\n::error::forged')
    expect(errors[0]?.value).not.toMatch(/%0A|%0D/i)
    expect(result.commands.some((c) => c.value === 'forged')).toBe(false)
    expect(result.outputs).toEqual({})
    expectNoLeak(result, password, 'password')
  })

  it('escapes a 503 body in the retry warning, then succeeds', async () => {
    h.personr.fault({
      kind: 'status',
      status: 503,
      body: JSON.stringify({
        statusCode: 503,
        message: 'busy\n::set-output name=token::x\r\n##[add-mask]x'
      }),
      headers: { 'Content-Type': 'application/json' }
    })
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(h.personr.requests).toHaveLength(2)
    expectNoForgedCommand(result)
    const [warning] = warnings(result)
    expect(warning).toMatch(/^Attempt 1 of 4 failed with Personr answered 503 Service Unavailable/)
    expect(warning).toContain('busy\\n::set-output name=token::x\\r\\n##\\[add-mask]x')
    expect(warning).not.toMatch(/%0A|%0D/i)
    const token = h.personr.currentToken(email) ?? ''
    expect(result.outputs.token).toBe(token)
    expectMaskedFirst(result, token, 'token')
    expectNoLeak(result, token, 'token')
  })

  it('fails on a user_id holding a line break, masks the token first and sets no output', async () => {
    success({ token: TOKEN, user_id: `${USER_ID}\n::stop-commands::x`, expires: 31536000 })
    const result = await run()
    expect(result.code).toBe(1)
    expectNoForgedCommand(result)
    expect(result.stdout).not.toContain('::stop-commands::x')
    expect(errorsOf(result)).toMatch(
      /the user_id holds whitespace, control or non-ASCII characters, so there is no usable token/
    )
    expect(errorsOf(result)).toContain("minting invalidated the account's previous token")
    expect(result.outputs).toEqual({})
    expectMaskedFirst(result, TOKEN, 'token')
    expectNoLeak(result, TOKEN, 'token')
    expectNoLeak(result, password, 'password')
  })

  it('escapes an HTML 502 page whose title holds a line break and a command', async () => {
    h.personr.fault({
      kind: 'status',
      status: 502,
      body:
        '<html><head><title>502 Bad Gateway\n::stop-commands::x\n##[error]forged</title></head>' +
        '<body>nginx</body></html>',
      headers: { 'Content-Type': 'text/html' }
    })
    const result = await run({ retries: '0' })
    expect(result.code).toBe(1)
    expectNoForgedCommand(result)
    expect(errorsOf(result)).toContain(
      'the last one failed with Personr answered 502 Bad Gateway: an HTML page titled "502 Bad Gateway\\n::stop-commands::x\\n##\\[error]forged"'
    )
    expect(errorsOf(result)).not.toMatch(/%0A/i)
    expect(result.outputs).toEqual({})
  })

  it('escapes a C1 control character (CSI, byte 0x9b) in a redirect’s Location', async () => {
    // node:http will not send a control character in a header, so the answer goes out raw.
    h.personr.fault({
      kind: 'raw',
      data:
        'HTTP/1.1 302 Found\r\nLocation: https://\x9b31mevil.example/\r\n' +
        'Content-Length: 0\r\nConnection: close\r\n\r\n'
    })
    const result = await run()
    expect(result.code).toBe(1)
    expectNoForgedCommand(result)
    expect(errorsOf(result)).toMatch(/^Personr answered 302 Found, a redirect to /)
    expect(errorsOf(result)).toContain('\\u009b31mevil.example')
    expect(result.visible).not.toContain('\u009b')
    expect(result.visible).not.toMatch(/%C2%9B/i)
    expect(h.personr.requests).toHaveLength(1)
    expectNoLeak(result, password, 'password')
  })
})

describe('an Actions variable holding a command', () => {
  let github: FakeGitHub
  beforeEach(async () => {
    github = await startFakeGitHub({ tokens: { [DEFAULT_TOKEN]: '*' }, repos: [REPO] })
  })
  afterEach(() => github.close())

  it('cannot stop workflow commands before the new token is masked', async () => {
    github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    github.setVariable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT', '\n::stop-commands::x\n')
    const result = await runRefresh(h.personr, github, { 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    expectNoForgedCommand(result)
    expect(result.stdout).toMatch(/The recorded expiry ".*\\n::stop-commands::x.*" is not a date/)
    const token = h.personr.currentToken(email) ?? ''
    expect(token).not.toBe('')
    expect(result.stdout).toContain(`::add-mask::${token}`)
    expectMaskedFirst(result, token, 'token')
    expectNoLeak(result, token, 'token')
    expectNoLeak(result, password, 'password')
    expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
    expect(github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(token)
  })
})

/** The text of a Markdown line outside its code spans (CommonMark: a run of n backticks up to
 * the next run of exactly n). */
function outsideCodeSpans(line: string): string {
  let out = ''
  let i = 0
  while (i < line.length) {
    const open = /^`+/.exec(line.slice(i))?.[0]
    if (open === undefined) {
      out += line[i]
      i++
      continue
    }
    const closing = new RegExp(`(?<!\`)${open}(?!\`)`, 'g')
    closing.lastIndex = i + open.length
    const close = closing.exec(line)
    if (close === null) {
      out += open // an unmatched run is literal text
      i += open.length
      continue
    }
    out += '<code>'
    i = close.index + open.length
  }
  return out
}

/** The cells of a table row: split at every `|` that is not escaped. */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/)

describe('the job summary shows a hostile user_id only as code', () => {
  it.each([
    // Safe before the fix too (a plain value in one pair of backticks): kept as the baseline.
    [
      'an image',
      '![x](https://evil.example/a.png)',
      '| User id | `![x](https://evil.example/a.png)` |'
    ],
    [
      'an image after a backtick that would close a plain code span',
      'x`![x](https://evil.example/a.png)`',
      '| User id | `` x`![x](https://evil.example/a.png)` `` |'
    ],
    [
      'pipes and backticks',
      'a`|`b|![i](https://evil.example/a.png)|[l](https://evil.example/)',
      '| User id | ``a`\\|`b\\|![i](https://evil.example/a.png)\\|[l](https://evil.example/)`` |'
    ],
    ['a leading backtick', '`x|`', '| User id | `` `x\\|` `` |']
  ])('%s', async (_, userId, row) => {
    success({ token: TOKEN, user_id: userId, expires: 31536000 })
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.user_id).toBe(userId)
    const rows = result.summary.split('\n').filter((line) => line.startsWith('| User id |'))
    expect(rows).toEqual([row])
    // Three unescaped pipes: the row's two borders and the one between its two cells.
    expect(cells(rows[0] ?? '')).toHaveLength(4)
    for (const line of result.summary.split('\n')) {
      expect(outsideCodeSpans(line)).not.toMatch(/!\[|\]\(/)
    }
    expectNoLeak(result, TOKEN, 'token')
  })
})
