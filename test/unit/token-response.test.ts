import { describe, expect, it, vi } from 'vitest'
import {
  MAX_EXPIRES_SECONDS,
  readTokenResponse,
  UnusableTokenError
} from '../../src/token-response.ts'
import { thrown } from '../support/caught.ts'
import { fixture } from '../support/fixtures.ts'
import { keep } from '../support/redaction.ts'

const NOW = Date.UTC(2025, 0, 1)
const SAID = 'Personr answered 200 OK'
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'
const OLD_TOKEN = '1670035114445x631333625381113500'
const USER_ID = '1665086295388x405886519539808060'
const YEAR = 31_536_000

const body = (response: Record<string, unknown>, status: unknown = 'success'): string =>
  JSON.stringify({ status, response })
const read = (text: string, mask = vi.fn()) => readTokenResponse(text, NOW, mask, keep, SAID)
const valid = { token: TOKEN, user_id: USER_ID, expires: YEAR }

describe('readTokenResponse: what passes', () => {
  it.each([
    ['the current shape', body(valid), TOKEN, USER_ID],
    ['the older shape', body({ ...valid, token: OLD_TOKEN }), OLD_TOKEN, USER_ID],
    ['16 visible characters', body({ ...valid, token: '!'.repeat(16) }), '!'.repeat(16), USER_ID],
    ['a UTF-8 byte-order mark first', `\ufeff${body(valid)}`, TOKEN, USER_ID],
    // As Personr's published examples have one.
    ['a trailing comma', `${body(valid).slice(0, -2)},\n }}`, TOKEN, USER_ID],
    // The published example, trailing comma and all.
    [
      'the published answer',
      fixture('personr/token-success.json'),
      TOKEN,
      '4242424242424x424242424242424242'
    ]
  ])('accepts a token of %s, masked first', (_, text, token, userId) => {
    const mask = vi.fn()
    expect(read(text, mask)).toEqual({
      token,
      userId,
      expires: YEAR,
      expiresAt: new Date(NOW + YEAR * 1000)
    })
    expect(mask).toHaveBeenCalledWith(token, { token: true })
  })

  it.each([
    [{ user_id: 1665086295388 }, { userId: '1665086295388' }],
    [{ user_id: 0 }, { userId: '0' }],
    [{ user_id: 'u'.repeat(200) }, { userId: 'u'.repeat(200) }],
    [{ expires: 1 }, { expires: 1, expiresAt: new Date(NOW + 1000) }],
    [{ expires: MAX_EXPIRES_SECONDS }, { expires: 315_576_000 }]
  ])('reads %j at its limits', (fields, expected) => {
    expect(read(body({ ...valid, ...fields }))).toMatchObject(expected)
  })
})

describe('readTokenResponse: what fails', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><title>Personr</title></html>'],
    ['an empty body', ''],
    ['an empty body', '  \n'],
    ['a body that is not JSON', 'token=abc&user=1'],
    ['a body that is not JSON', body(valid).slice(0, 60)]
  ])('rejects %s instead of a token', (what, text) => {
    expect(thrown(() => read(text)).message).toBe(
      `Personr answered 200 OK but with ${what} instead of a token. Check that \`api-url\` points at Personr's workflow API.`
    )
  })

  it.each([
    [{ status: 'error', message: 'Workflow failed' }, ' (error): Workflow failed'],
    [{ response: valid }, ' (no status)']
  ])('rejects %j, not an UnusableTokenError, masking a token it carries', (json, details) => {
    const mask = vi.fn()
    const error = thrown(() => read(JSON.stringify(json), mask))
    expect(error).not.toBeInstanceOf(UnusableTokenError)
    expect(error.message).toBe(
      `Personr answered 200 OK but not with success${details}. No token was issued.`
    )
    expect(mask.mock.calls).toEqual('response' in json ? [[TOKEN, { token: true }]] : [])
  })

  const chars = 'holds whitespace, control or non-ASCII characters'
  const length = (n: number) => `the token is ${n} characters long, not 16 to 4096`
  const fraction = 'the user_id is a number that is not a whole number a string could hold exactly'
  const seconds = (value: string) =>
    `\`expires\` is ${value}, not a whole number of seconds from 1 to 315576000 (ten years)`
  const kind = (what: string) => `\`expires\` is ${what}, not a number of seconds`
  it.each<[string, Record<string, unknown>, string]>([
    ['15 characters', { token: 'x'.repeat(15) }, length(15)],
    ['4097 characters', { token: 'x'.repeat(4097) }, length(4097)],
    ['a space', { token: `${TOKEN} x` }, `the token ${chars}`],
    ['a newline', { token: `${TOKEN}\n::x::` }, `the token ${chars}`],
    ['an escape', { token: `${TOKEN}\u001b[2J` }, `the token ${chars}`],
    ['non-ASCII', { token: `${TOKEN}é` }, `the token ${chars}`],
    ['a number', { token: 4242424242424242 }, 'without a token'],
    ['an empty token', { token: '' }, 'without a token'],
    ['no token', { token: undefined }, 'without a token'],
    [
      'a user_id with a command',
      { user_id: `${USER_ID}\n::stop-commands::x` },
      `the user_id ${chars}`
    ],
    ['a user_id with a space', { user_id: 'user 1' }, `the user_id ${chars}`],
    ['a user_id with a tab', { user_id: 'user\t1' }, `the user_id ${chars}`],
    ['a non-ASCII user_id', { user_id: 'üser' }, `the user_id ${chars}`],
    ['a long user_id', { user_id: 'u'.repeat(201) }, 'the user_id is longer than 200 characters'],
    ['an empty user_id', { user_id: '' }, 'without a user_id'],
    ['no user_id', { user_id: undefined }, 'without a user_id'],
    ['a null user_id', { user_id: null }, 'without a user_id'],
    ['an object user_id', { user_id: { id: 1 } }, 'without a user_id'],
    ['a fraction user_id', { user_id: 1.5 }, fraction],
    ['a negative user_id', { user_id: -1 }, fraction],
    ['an unsafe user_id', { user_id: 2 ** 60 }, fraction],
    ['expires 1e13', { expires: 1e13 }, seconds('10000000000000')],
    ['expires 1e300', { expires: 1e300 }, seconds('1e+300')],
    ['expires past ten years', { expires: MAX_EXPIRES_SECONDS + 1 }, seconds('315576001')],
    ['expires 1.5', { expires: 1.5 }, seconds('1.5')],
    ['expires 0', { expires: 0 }, seconds('0')],
    ['expires -60', { expires: -60 }, seconds('-60')],
    ['expires as a string', { expires: '31536000' }, kind('a string')],
    ['expires null', { expires: null }, kind('null')],
    ['expires as a list', { expires: [1] }, kind('a list')],
    ['expires true', { expires: true }, kind('a boolean')],
    ['no expires', { expires: undefined }, 'without `expires`']
  ])('rejects a success with %s, masking a string token first', (_, fields, problem) => {
    const mask = vi.fn()
    const response = { ...valid, ...fields }
    const error = thrown(() => read(body(response), mask))
    expect(error).toBeInstanceOf(UnusableTokenError)
    expect(error.message).toBe(
      `Personr answered 200 OK with success, but ${problem}, so there is no usable token. Personr has probably minted one anyway, and minting invalidated the account's previous token. Check that \`api-url\` is Personr's workflow API; if it is, Personr's response has changed: report it.`
    )
    const token = response.token
    expect(mask.mock.calls).toEqual(
      typeof token === 'string' && token !== '' ? [[token, { token: true }]] : []
    )
  })

  it('hands on a token that passed, with every problem of user_id and expires named', () => {
    const error = thrown(() => read(body({ ...valid, user_id: 1.5, expires: 0.5 })))
    expect((error as UnusableTokenError).partial).toEqual({
      token: TOKEN,
      userId: undefined,
      expiry: undefined,
      problem: `${SAID} with success, but ${fraction}, and ${seconds('0.5')}`
    })
    expect(
      (thrown(() => read(body({ ...valid, expires: 0 }))) as UnusableTokenError).partial
    ).toMatchObject({ userId: USER_ID, expiry: undefined })
    expect(
      (thrown(() => read(body({ ...valid, token: '' }))) as UnusableTokenError).partial
    ).toBeUndefined()
  })
})
