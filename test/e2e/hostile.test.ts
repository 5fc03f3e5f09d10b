// The bundle against a hostile Personr and a hostile GitHub: text the action did not write
// (bodies, user ids, headers, Actions variables) never becomes a workflow command, values in the
// job summary never become Markdown, and a success answer is checked before any output. One case
// of each family; the unit tests of sanitize, markdown, token-response and refresh hold the tables.
import { describe, expect, it } from 'vitest'
import { errorsOf, runAction, warnings, type ActionRun } from '../support/action.ts'
import { DEFAULT_TOKEN } from '../fakes/github.ts'
import { DEFAULT_ACCOUNT } from '../fakes/personr.ts'
import { expectHidden, expectMaskedFirst, expectNoLeak } from '../support/leaks.ts'
import { REPO, useFakes } from '../support/refresh.ts'
import { writes } from '../support/requests.ts'

const { email, password } = DEFAULT_ACCOUNT
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'
const USER_ID = '4242424242424x424242424242424242'
const INVALIDATED = "minting invalidated the account's previous token"

const f = useFakes()
const run = (): Promise<ActionRun> =>
  runAction({ inputs: { email, password, 'api-url': f.personr.url } })
/** The next mint answers with this status and JSON body, sent as it is. */
const answer = (status: number, body: string | object): void =>
  f.personr.fault({
    kind: 'status',
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' }
  })

/**
 * Nothing the runner would read as a command came from outside: no line starts with a forged
 * command, `##[` never appears (the runner reads it anywhere in a line), and every command the
 * action issued is one it issues itself.
 */
function expectNoForgedCommand(result: ActionRun): void {
  for (const line of result.stdout.split('\n')) {
    expect(line, 'a line that stops workflow commands').not.toMatch(/^\s*::stop-commands::/)
    expect(line, 'a forged set-output').not.toMatch(/^\s*::set-output/)
  }
  expect(result.stdout, 'an unbroken ##[').not.toContain('##[')
  for (const { command } of result.commands) {
    expect(['add-mask', 'debug', 'warning', 'error']).toContain(command)
  }
  expect(result.commands.filter((c) => c.command === 'error').length).toBeLessThanOrEqual(1)
}

describe('text from a hostile Personr never becomes a workflow command', () => {
  it('escapes the lines of a 400 error message', async () => {
    answer(400, {
      statusCode: 400,
      reason: 'INVALID_LOGIN_CREDENTIALS',
      message: 'No such login\n::stop-commands::pwned\n::error::forged'
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
    expect(result.outputs).toEqual({})
    expectNoLeak(result, password, 'password')
  })

  it('escapes a 503 body in the retry warning, then succeeds', async () => {
    answer(503, { statusCode: 503, message: 'busy\n::set-output name=token::x\r\n##[add-mask]x' })
    const result = await run()
    expect(result.code, result.stdout).toBe(0)
    expect(f.personr.requests).toHaveLength(2)
    expectNoForgedCommand(result)
    const [warning] = warnings(result)
    expect(warning).toMatch(
      /^Attempt 1 of 4 failed with Personr answered 503 Service Unavailable.*; retrying in \d\.\d s\.$/
    )
    expect(warning).toContain('busy\\n::set-output name=token::x\\r\\n##\\[add-mask]x')
    expect(warning).not.toMatch(/%0A|%0D/i)
    const token = f.personr.currentToken(email) ?? ''
    expect(result.outputs.token).toBe(token)
    expectHidden(result, token, 'token')
  })

  it('fails on a user_id holding a line break, masks the token first and sets no output', async () => {
    answer(200, {
      status: 'success',
      response: { token: TOKEN, user_id: `${USER_ID}\n::stop-commands::x`, expires: 31536000 }
    })
    const result = await run()
    expect(result.code).toBe(1)
    expectNoForgedCommand(result)
    expect(result.stdout).not.toContain('::stop-commands::x')
    expect(errorsOf(result)).toMatch(
      /the user_id holds whitespace, control or non-ASCII characters, so there is no usable token/
    )
    expect(errorsOf(result)).toContain(INVALIDATED)
    expect(result.outputs).toEqual({})
    expectHidden(result, TOKEN, 'token')
    expectNoLeak(result, password, 'password')
  })

  it('escapes a C1 control character (CSI, byte 0x9b) in a redirect’s Location, not followed', async () => {
    // node:http will not send a control character in a header, so the answer goes out raw.
    f.personr.fault({
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
    expect(f.personr.requests).toHaveLength(1)
    expectNoLeak(result, password, 'password')
  })

  it('cannot stop workflow commands from an Actions variable before the new token is masked', async () => {
    f.github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    f.github.setVariable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT', '\n::stop-commands::x\n')
    const result = await f.run({ 'renew-before': '30d' })
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.rotated).toBe('true')
    expectNoForgedCommand(result)
    expect(result.stdout).toMatch(/The recorded expiry ".*\\n::stop-commands::x.*" is not a date/)
    const token = f.personr.currentToken(email) ?? ''
    expect(token).not.toBe('')
    expectMaskedFirst(result, token, 'token')
    f.expectNoCredentialShown(result)
    expect(f.github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe(token)
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

it('shows a user_id of pipes, backticks and links in the job summary only as code', async () => {
  // A backtick that would close a plain code span, then pipes that would end the cell.
  const userId = 'a`|`b|![i](https://evil.example/a.png)|[l](https://evil.example/)'
  answer(200, { status: 'success', response: { token: TOKEN, user_id: userId, expires: 31536000 } })
  const result = await run()
  expect(result.code, result.stdout).toBe(0)
  expect(result.outputs.user_id).toBe(userId)
  const rows = result.summary.split('\n').filter((line) => line.startsWith('| User id |'))
  expect(rows).toEqual([
    '| User id | ``a`\\|`b\\|![i](https://evil.example/a.png)\\|[l](https://evil.example/)`` |'
  ])
  // Three unescaped pipes: the row's two borders and the one between its two cells.
  expect(rows[0]?.split(/(?<!\\)\|/)).toHaveLength(4)
  for (const line of result.summary.split('\n')) {
    expect(outsideCodeSpans(line)).not.toMatch(/!\[|\]\(/)
  }
  expectNoLeak(result, TOKEN, 'token')
})

describe('a success answer is checked before any output', () => {
  it('fails the step on an expires that is not whole seconds, without a retry', async () => {
    // A JSON number written as a server could write it.
    answer(
      200,
      `{"status":"success","response":{"token":${JSON.stringify(TOKEN)},"user_id":"${USER_ID}","expires":1e13}}`
    )
    const result = await run()
    expect(result.code).toBe(1)
    expect(result.outputs).toEqual({})
    expect(errorsOf(result)).toMatch(
      /^Personr answered 200 OK with success, but .*`expires` is 10000000000000, not a whole number of seconds/
    )
    expect(errorsOf(result)).toContain(INVALIDATED)
    expect(errorsOf(result)).not.toMatch(/Invalid time value|Unexpected failure/)
    expect(f.personr.requests).toHaveLength(1) // not retried: another mint would kill this one
    expectHidden(result, TOKEN, 'token')
    expectNoLeak(result, password, 'password')
  })

  it('in refresh mode, says the stored token no longer works when the new one is unusable', async () => {
    f.github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    const unusable = `${TOKEN} x`
    answer(
      200,
      `{"status":"success","response":{"token":${JSON.stringify(unusable)},"user_id":"${USER_ID}","expires":1e13}}`
    )
    const result = await f.run()
    expect(result.code).toBe(1)
    expect(result.outputs).toEqual({})
    const error = errorsOf(result)
    expect(error).toMatch(/the token holds whitespace, control or non-ASCII characters/)
    expect(error).toContain(INVALIDATED)
    expect(error).toMatch(
      /The token stored in the secret PERSONR_TOKEN \(the Actions secret of repository acme\/app\) no longer works/
    )
    expect(f.github.secret(`repo:${REPO}`, 'PERSONR_TOKEN')?.value).toBe('bus|stored|token')
    // Only the rotation begun is recorded, so the next run rotates; the probe is gone.
    expect(f.github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT')).toMatch(
      /^incomplete: rotation begun /
    )
    expect(f.github.secret(`repo:${REPO}`, 'PERSONR_TOKEN_WRITE_PROBE')).toBeUndefined()
    expect(
      writes(f.github).filter((w) => w.startsWith('PUT ') && w.endsWith('/PERSONR_TOKEN'))
    ).toEqual([])
    expectHidden(result, unusable, 'token')
    expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
  })

  it('in refresh mode, stores a usable token of a half-right answer everywhere, and fails', async () => {
    f.github.setSecret(`repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    f.github.setSecret(`dependabot:repo:${REPO}`, 'PERSONR_TOKEN', 'bus|stored|token')
    answer(200, { status: 'success', response: { token: TOKEN, user_id: 1.5, expires: 0.5 } })
    const minted = Date.now()
    const result = await f.run({ 'secret-targets': 'repo\napp=dependabot' })
    expect(result.code).toBe(1)
    for (const scope of [`repo:${REPO}`, `dependabot:repo:${REPO}`]) {
      expect(f.github.secret(scope, 'PERSONR_TOKEN')?.value, scope).toBe(TOKEN)
    }
    const recorded = f.github.variable(`repo:${REPO}`, 'PERSONR_TOKEN_EXPIRES_AT') ?? ''
    expect(recorded).toMatch(/^incomplete: \d{4}-\d\d-\d\dT\S+ token [0-9a-f]{8}$/)
    // Unknown, so assumed: a year from the mint, as Personr documents.
    const assumed = Date.parse(recorded.split(' ')[1] ?? '') - minted
    expect(Math.abs(assumed - 365 * 86_400_000)).toBeLessThan(60_000)
    expect(result.outputs).toEqual({
      token: TOKEN,
      rotated: 'true',
      targets: '2',
      token_check: 'skipped'
    })
    expect(errorsOf(result)).toMatch(
      /^Personr answered 200 OK with success, but .+\. The token itself passed its checks, and minting killed the stored one, so it was stored anyway\. Hold the new token: the Actions secret of repository acme\/app; the Dependabot secret of repository acme\/app\. Its record says `incomplete: .+ token [0-9a-f]{8}` \(a year from the mint, as Personr documents\), so the next run rotates again\./
    )
    expect(result.summary).toMatch(/^### Personr API token rotated from a half-right answer$/m)
    expectHidden(result, TOKEN, 'token')
  })
})

it('names a renamed or transferred repository, and neither follows GitHub nor mints', async () => {
  // GitHub's answer for any path under a repository's old name.
  const moved = `${f.github.url}/repositories/4242/actions/secrets/public-key`
  f.github.fail({
    method: 'GET',
    path: /^\/repos\/acme\/old-name\//,
    status: 301,
    headers: { location: moved },
    body: { message: 'Moved Permanently', url: moved },
    times: Infinity
  })
  const result = await f.run({ 'secret-targets': 'repo\nrepo=acme/old-name' })
  expect(result.code).toBe(1)
  expect(errorsOf(result)).toContain(
    `GitHub answered 301 Moved Permanently, pointing to ${moved}. The repository acme/old-name, as written in \`secret-targets\`, \`secret-repository\` or \`secret-repositories\`, was probably renamed or transferred: write its new owner/name there.`
  )
  expect(f.personr.requests).toEqual([])
  expect(f.github.requests.filter((r) => !r.path.startsWith('/repos/'))).toEqual([])
  expect(writes(f.github)).toEqual([])
  expectNoLeak(result, DEFAULT_TOKEN, 'github-token')
})
