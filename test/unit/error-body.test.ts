import { describe, expect, it } from 'vitest'
import { formatDetails, readErrorBody } from '../../src/error-body.ts'
import { isRecord } from '../../src/json.ts'
import { fixture } from '../support/fixtures.ts'
import { keep } from '../support/redaction.ts'

/** The 400 example exactly as Personr's documentation publishes it: trailing comma, curly ’. */
const PUBLISHED_400 = fixture('personr/invalid-login.json')
const NO_ACCOUNT = 'We didn’t find an account with those login credentials'
const MISSING = 'Missing parameter for workflow api-token-generate: parameter email'
const page = (title: string) => ({ message: `an HTML page titled "${title}"` })
const PAGE = { message: 'an HTML page' }

describe('readErrorBody', () => {
  it.each<[string, string, Record<string, string>]>([
    [
      'the published 400, trailing comma and all',
      PUBLISHED_400,
      { reason: 'INVALID_LOGIN_CREDENTIALS', message: NO_ACCOUNT }
    ],
    [
      'strict JSON',
      JSON.stringify({ statusCode: 400, reason: 'R', message: NO_ACCOUNT }),
      { reason: 'R', message: NO_ACCOUNT }
    ],
    [
      "Bubble's nested body",
      `{"statusCode":400,"body":{"status":"MISSING_DATA","message":"${MISSING}"}}`,
      { reason: 'MISSING_DATA', message: MISSING }
    ],
    [
      'the top-level reason first',
      '{"reason":"TOP","message":"top","body":{"status":"N","message":"n"}}',
      { reason: 'TOP', message: 'top' }
    ],
    [
      'a status other than success',
      '{"status":"error","message":"Workflow failed"}',
      { reason: 'error', message: 'Workflow failed' }
    ],
    ['status success', '{"status":"success","response":{}}', {}],
    [
      "OAuth's error fields",
      '{"error":"invalid_grant","error_description":"Bad password"}',
      { reason: 'invalid_grant', message: 'Bad password' }
    ],
    ['blank and non-string fields', '{"reason":"  ","message":42}', {}],
    [
      'padded fields',
      '{"reason":" X ","message":"  spaced  "}',
      { reason: 'X', message: 'spaced' }
    ],
    ['a padded body', '  \n {"reason":"R"}\n', { reason: 'R' }],
    [
      'a byte-order mark first',
      '\ufeff{"reason":"R","message":"M"}',
      { reason: 'R', message: 'M' }
    ],
    [
      'JSON broken beyond a trailing comma',
      '{"statusCode": 400, "reason": "RL", "message": "Slow \\"down\\" ’" ,, ',
      { reason: 'RL', message: 'Slow "down" ’' }
    ],
    [
      'a log line that holds a field',
      'error: "reason": "UPSTREAM_DOWN" at gateway',
      { reason: 'UPSTREAM_DOWN' }
    ],
    [
      'an escape JSON does not know, as written',
      'oops "message": "bad \\q escape"',
      { message: 'bad \\q escape' }
    ],
    ['a status that is not just an HTTP code', '{"status":"4031"}', { reason: '4031' }],
    ['a status x403', '{"status":"x403"}', { reason: 'x403' }],
    ['a status 403x', '{"status":"403x"}', { reason: '403x' }],
    // As GitHub sends it.
    [
      'a status that repeats the HTTP code',
      '{"status":"403","message":"Forbidden"}',
      { message: 'Forbidden' }
    ],
    ['an empty body', '', {}],
    ['a blank body', '   ', {}],
    ['a blank body of lines and tabs', '\n\t', {}],
    ['plain text', 'Service Unavailable', {}],
    ['a JSON array', '[{"reason":"NOPE","message":"inside an array"}]', {}],
    ['a JSON string', '"just a string"', {}],
    ['a JSON number', '42', {}],
    ['JSON null', 'null', {}],
    [
      'a 502 page',
      '<!DOCTYPE html>\n<html><head><title> 502 Bad Gateway </title></head></html>',
      page('502 Bad Gateway')
    ],
    ['a page that starts with its title', '<title>Maintenance</title>', page('Maintenance')],
    ['a one-letter title', '<title>x</title>', page('x')],
    ['a title with attributes', '<html><title lang="en">Busy</title>', page('Busy')],
    ['an upper-case title', '<HTML><TITLE>Busy</TITLE></HTML>', page('Busy')],
    ['an unclosed title before a real one', '<title <title>Busy</title>', page('Busy')],
    ['many unclosed title tags', `${'<title'.repeat(10_000)}>Busy</title>`, page('Busy')],
    ['a page without a title', '<html><body>Bad gateway</body></html>', PAGE],
    ['a blank title', '<html><head><title>  </title></head></html>', PAGE],
    ['a closing tag without an opening one', '<p>Gateway</title>', PAGE],
    ['an opening tag that never closes', '<html><title</title>', PAGE],
    ['a title without its closing tag', '<html><title>Busy', PAGE],
    ['markup inside the title', '<title>Bu<b>sy</b></title>', PAGE],
    ['a closing tag alone', '<html></title>', PAGE],
    ['a title tag whose > comes after </title>', '<html><title </title> x>', PAGE],
    ['64 KiB of unclosed title tags', '<title'.repeat(10_923), PAGE]
  ])('reads %s', (_, body, details) => {
    expect(readErrorBody(body, keep)).toStrictEqual(details)
  })

  it('cuts a message longer than 300 characters, so an error stays one readable line', () => {
    const long = 'x'.repeat(5000)
    const details = readErrorBody(JSON.stringify({ reason: 'R', message: long }), keep)
    expect(details.message).toBe(`${'x'.repeat(300)}…`)
    const title = readErrorBody(`<html><title>${long}</title></html>`, keep).message
    expect(title?.length).toBeLessThan(330)
  })
})

it.each([
  [{ reason: 'R', message: 'm' }, ' (R): m'],
  [{ reason: 'R' }, ' (R)'],
  [{ message: 'm' }, ': m'],
  [{}, ''],
  [readErrorBody(PUBLISHED_400, keep), ` (INVALID_LOGIN_CREDENTIALS): ${NO_ACCOUNT}`]
])('formats the details %j as %j', (details, text) => {
  expect(formatDetails(details)).toBe(text)
})

it('takes plain objects only for records', () => {
  expect([{}, [], null, 'x'].map(isRecord)).toEqual([true, false, false, false])
})
