import { describe, expect, it } from 'vitest'
import { formatDetails, readErrorBody } from '../../src/error-body.ts'
import { isRecord } from '../../src/json.ts'
import { fixture } from '../support/fixtures.ts'
import { keep } from '../support/redaction.ts'

/** The 400 example exactly as Personr's documentation publishes it: trailing comma, curly ’. */
const PUBLISHED_400 = fixture('personr/invalid-login.json')

describe('readErrorBody', () => {
  it('reads the published 400 example despite its trailing comma', () => {
    expect(() => JSON.parse(PUBLISHED_400)).toThrow()
    expect(readErrorBody(PUBLISHED_400, keep)).toStrictEqual({
      reason: 'INVALID_LOGIN_CREDENTIALS',
      message: 'We didn’t find an account with those login credentials'
    })
  })

  it('reads strict top-level JSON', () => {
    const body = JSON.stringify({
      statusCode: 400,
      reason: 'INVALID_LOGIN_CREDENTIALS',
      message: 'We didn’t find an account with those login credentials'
    })
    expect(readErrorBody(body, keep)).toStrictEqual({
      reason: 'INVALID_LOGIN_CREDENTIALS',
      message: 'We didn’t find an account with those login credentials'
    })
  })

  it('reads Bubble’s nested body.status and body.message', () => {
    const body =
      '{"statusCode":400,"body":{"status":"MISSING_DATA","message":"Missing parameter for workflow api-token-generate: parameter email"}}'
    expect(readErrorBody(body, keep)).toStrictEqual({
      reason: 'MISSING_DATA',
      message: 'Missing parameter for workflow api-token-generate: parameter email'
    })
  })

  it('names the title of an HTML 502 page', () => {
    const body =
      '<!DOCTYPE html>\n<html><head><title> 502 Bad Gateway </title></head><body><h1>502</h1></body></html>'
    expect(readErrorBody(body, keep)).toStrictEqual({
      message: 'an HTML page titled "502 Bad Gateway"'
    })
  })

  it.each([
    ['a closing tag without an opening one', '<p>Gateway</title>'],
    ['an opening tag that never closes', '<html><title</title>']
  ])('says "an HTML page" for %s', (_, body) => {
    expect(readErrorBody(body, keep)).toStrictEqual({ message: 'an HTML page' })
  })

  it('names the title that starts the page', () => {
    expect(readErrorBody('<title>Maintenance</title>', keep)).toStrictEqual({
      message: 'an HTML page titled "Maintenance"'
    })
  })

  it('keeps a message with an escape JSON does not know as it was written', () => {
    expect(readErrorBody('oops "message": "bad \\q escape"', keep)).toStrictEqual({
      message: 'bad \\q escape'
    })
  })

  it('says "an HTML page" when the page has no title', () => {
    expect(readErrorBody('<html><body>Bad gateway</body></html>', keep)).toStrictEqual({
      message: 'an HTML page'
    })
    expect(readErrorBody('<html><head><title>  </title></head></html>', keep)).toStrictEqual({
      message: 'an HTML page'
    })
  })

  it.each(['', '   ', '\n\t'])('returns nothing for the empty body %j', (body) => {
    expect(readErrorBody(body, keep)).toStrictEqual({})
  })

  it('returns nothing for plain text without fields', () => {
    expect(readErrorBody('Service Unavailable', keep)).toStrictEqual({})
  })

  it('returns nothing for a JSON array', () => {
    expect(readErrorBody('[{"reason":"NOPE","message":"inside an array"}]', keep)).toStrictEqual({})
  })

  it('returns nothing for JSON that is not an object', () => {
    expect(readErrorBody('"just a string"', keep)).toStrictEqual({})
    expect(readErrorBody('42', keep)).toStrictEqual({})
    expect(readErrorBody('null', keep)).toStrictEqual({})
  })

  it('picks the fields out of JSON that is broken beyond a trailing comma', () => {
    const body = '{"statusCode": 400, "reason": "RATE_LIMITED", "message": "Slow \\"down\\" ’" ,, '
    expect(() => JSON.parse(body)).toThrow()
    expect(readErrorBody(body, keep)).toStrictEqual({
      reason: 'RATE_LIMITED',
      message: 'Slow "down" ’'
    })
  })

  it('picks the fields out of a log line that merely contains them', () => {
    expect(readErrorBody('error: "reason": "UPSTREAM_DOWN" at gateway', keep)).toStrictEqual({
      reason: 'UPSTREAM_DOWN'
    })
  })

  it('uses a top-level status other than success as the reason', () => {
    expect(readErrorBody('{"status":"error","message":"Workflow failed"}', keep)).toStrictEqual({
      reason: 'error',
      message: 'Workflow failed'
    })
  })

  it('does not report status "success" as a reason', () => {
    expect(readErrorBody('{"status":"success","response":{}}', keep)).toStrictEqual({})
  })

  it('prefers the top-level reason over the nested status', () => {
    expect(
      readErrorBody(
        '{"reason":"TOP","message":"top","body":{"status":"NESTED","message":"n"}}',
        keep
      )
    ).toStrictEqual({ reason: 'TOP', message: 'top' })
  })

  it('reads OAuth-style error and error_description', () => {
    expect(
      readErrorBody('{"error":"invalid_grant","error_description":"Bad password"}', keep)
    ).toStrictEqual({
      reason: 'invalid_grant',
      message: 'Bad password'
    })
  })

  it('ignores blank and non-string fields', () => {
    expect(readErrorBody('{"reason":"  ","message":42}', keep)).toStrictEqual({})
  })

  it('trims the fields it reads', () => {
    expect(readErrorBody('{"reason":" X ","message":"  spaced  "}', keep)).toStrictEqual({
      reason: 'X',
      message: 'spaced'
    })
  })
})

describe('formatDetails', () => {
  it('formats reason and message', () => {
    expect(formatDetails({ reason: 'R', message: 'm' })).toBe(' (R): m')
  })

  it('formats a reason alone', () => {
    expect(formatDetails({ reason: 'R' })).toBe(' (R)')
  })

  it('formats a message alone', () => {
    expect(formatDetails({ message: 'm' })).toBe(': m')
  })

  it('is empty without details', () => {
    expect(formatDetails({})).toBe('')
  })

  it('follows a sentence for the published 400', () => {
    expect(
      `Personr refused the credentials${formatDetails(readErrorBody(PUBLISHED_400, keep))}`
    ).toBe(
      'Personr refused the credentials (INVALID_LOGIN_CREDENTIALS): We didn’t find an account with those login credentials'
    )
  })
})

describe('isRecord', () => {
  it('accepts plain objects only', () => {
    expect(isRecord({})).toBe(true)
    expect(isRecord([])).toBe(false)
    expect(isRecord(null)).toBe(false)
    expect(isRecord('x')).toBe(false)
  })
})

describe('readErrorBody: long texts', () => {
  it('cuts a message longer than 300 characters, so an error stays one readable line', () => {
    const long = 'x'.repeat(5000)
    const details = readErrorBody(JSON.stringify({ reason: 'R', message: long }), keep)
    expect(details.message).toBe(`${'x'.repeat(300)}…`)
    expect(readErrorBody(`<html><title>${long}</title></html>`, keep).message?.length).toBeLessThan(
      330
    )
  })
})

describe('readErrorBody: bodies from a hostile or broken server', () => {
  it('reads a JSON body that starts with a byte-order mark', () => {
    expect(readErrorBody('\ufeff{"reason":"R","message":"M"}', keep)).toStrictEqual({
      reason: 'R',
      message: 'M'
    })
  })

  it.each([
    ['a title with attributes', '<html><title lang="en">Busy</title>', 'Busy'],
    ['an upper-case title', '<HTML><TITLE>Busy</TITLE></HTML>', 'Busy'],
    ['an unclosed title before a real one', '<title <title>Busy</title>', 'Busy'],
    ['many unclosed title tags', `${'<title'.repeat(10_000)}>Busy</title>`, 'Busy']
  ])('finds the title in %s', (_what, page, title) => {
    expect(readErrorBody(page, keep)).toStrictEqual({ message: `an HTML page titled "${title}"` })
  })

  it.each([
    ['no closing tag', '<html><title>Busy'],
    ['markup inside the title', '<title>Bu<b>sy</b></title>'],
    ['a closing tag alone', '<html></title>'],
    ['64 KiB of unclosed title tags', '<title'.repeat(10_923)]
  ])('says only "an HTML page" for %s', (_what, page) => {
    expect(readErrorBody(page, keep)).toStrictEqual({ message: 'an HTML page' })
  })
})

describe('readErrorBody: edges of the title and the status', () => {
  it.each([
    ['a page that is only its title', '<title>Busy</title>', 'an HTML page titled "Busy"'],
    ['a title tag whose > comes after </title>', '<html><title </title> x>', 'an HTML page'],
    ['a title whose > is the last before </title>', '<title>x</title>', 'an HTML page titled "x"']
  ])('reads %s', (_what, page, message) => {
    expect(readErrorBody(page, keep)).toStrictEqual({ message })
  })

  it.each(['4031', 'x403', '403x'])('keeps a status %j that is not just an HTTP code', (status) => {
    expect(readErrorBody(JSON.stringify({ status }), keep)).toStrictEqual({ reason: status })
  })

  it('drops a status that only repeats the HTTP code, as GitHub sends it', () => {
    expect(readErrorBody('{"status":"403","message":"Forbidden"}', keep)).toStrictEqual({
      message: 'Forbidden'
    })
  })

  it('reads a padded body the same as a trimmed one', () => {
    expect(readErrorBody('  \n {"reason":"R"}\n', keep)).toStrictEqual({ reason: 'R' })
  })
})
