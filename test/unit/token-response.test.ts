import { describe, expect, it, vi } from 'vitest'
import {
  MAX_EXPIRES_SECONDS,
  readTokenResponse,
  UnusableTokenError
} from '../../src/token-response.ts'
import { thrown } from '../support/caught.ts'
import { keep } from '../support/redaction.ts'

const NOW = Date.UTC(2025, 0, 1)
const SAID = 'Personr answered 200 OK'
const TOKEN = 'bus|4242424242424x424242424242424242|4343434343434x434343434343434343'
const OLD_TOKEN = '1670035114445x631333625381113500'
const USER_ID = '1665086295388x405886519539808060'

function body(response: Record<string, unknown>, status: unknown = 'success'): string {
  return JSON.stringify({ status, response })
}

function read(text: string, mask = vi.fn()) {
  return readTokenResponse(text, NOW, mask, keep, SAID)
}

function problemOf(response: Record<string, unknown>): string {
  const error = thrown(() => read(body(response)))
  expect(error).toBeInstanceOf(UnusableTokenError)
  return error.message
}

const valid = { token: TOKEN, user_id: USER_ID, expires: 31_536_000 }

describe('readTokenResponse: what passes', () => {
  it.each([
    ['the current shape', TOKEN],
    ['the older shape', OLD_TOKEN],
    ['16 visible characters', '!'.repeat(16)]
  ])('accepts a token of %s, masked first', (_shape, token) => {
    const mask = vi.fn()
    expect(read(body({ ...valid, token }), mask)).toEqual({
      token,
      userId: USER_ID,
      expires: 31_536_000,
      expiresAt: new Date(NOW + 31_536_000_000)
    })
    expect(mask).toHaveBeenCalledWith(token)
  })

  it('turns a numeric user_id into its decimal string', () => {
    expect(read(body({ ...valid, user_id: 1665086295388 })).userId).toBe('1665086295388')
    expect(read(body({ ...valid, user_id: 0 })).userId).toBe('0')
  })

  it('accepts a user_id of 200 visible characters', () => {
    expect(read(body({ ...valid, user_id: 'u'.repeat(200) })).userId).toHaveLength(200)
  })

  it('accepts expires of 1 second and of exactly ten years', () => {
    expect(read(body({ ...valid, expires: 1 })).expiresAt).toEqual(new Date(NOW + 1000))
    expect(read(body({ ...valid, expires: MAX_EXPIRES_SECONDS })).expires).toBe(315_576_000)
  })

  it('reads a body that starts with a UTF-8 byte-order mark', () => {
    expect(read(`\ufeff${body(valid)}`).token).toBe(TOKEN)
  })

  it('reads a body with a trailing comma, as Personr’s published examples have', () => {
    expect(read(`${body(valid).slice(0, -2)},}}`).token).toBe(TOKEN)
  })
})

describe('readTokenResponse: a token that is not one', () => {
  it.each([
    ['15 characters', 'x'.repeat(15), 'the token is 15 characters long, not 16 to 4096'],
    ['4097 characters', 'x'.repeat(4097), 'the token is 4097 characters long, not 16 to 4096'],
    ['a space', `${TOKEN} x`, 'the token holds whitespace, control or non-ASCII characters'],
    ['a newline', `${TOKEN}\n::x::`, 'the token holds whitespace, control or non-ASCII characters'],
    [
      'an escape',
      `${TOKEN}\u001b[2J`,
      'the token holds whitespace, control or non-ASCII characters'
    ],
    ['non-ASCII', `${TOKEN}é`, 'the token holds whitespace, control or non-ASCII characters'],
    ['a number', 4242424242424242, 'without a token'],
    ['nothing', undefined, 'without a token']
  ])('rejects a token with %s', (_what, token, problem) => {
    expect(problemOf({ ...valid, token })).toContain(`with success, but ${problem}, so`)
  })

  it('masks a token even when it is then rejected', () => {
    const mask = vi.fn()
    const bad = `${TOKEN}\n`
    thrown(() => read(body({ ...valid, token: bad }), mask))
    expect(mask).toHaveBeenCalledWith(bad)
  })
})

describe('readTokenResponse: a user_id that is not one', () => {
  it.each([
    ['a newline and a command', `${USER_ID}\n::stop-commands::x`, 'holds whitespace'],
    ['a space', 'user 1', 'holds whitespace'],
    ['a tab', 'user\t1', 'holds whitespace'],
    ['non-ASCII', 'üser', 'holds whitespace, control or non-ASCII characters'],
    ['201 characters', 'u'.repeat(201), 'is longer than 200 characters'],
    ['an empty string', '', 'without a user_id'],
    ['null', null, 'without a user_id'],
    ['an object', { id: 1 }, 'without a user_id'],
    ['a fraction', 1.5, 'a number that is not a whole number'],
    ['a negative number', -1, 'a number that is not a whole number'],
    ['an unsafe integer', 2 ** 60, 'a number that is not a whole number']
  ])('rejects a user_id with %s', (_what, userId, problem) => {
    expect(problemOf({ ...valid, user_id: userId })).toContain(problem)
  })
})

describe('readTokenResponse: an expires that is not a lifetime', () => {
  const RANGE = 'not a whole number of seconds from 1 to 315576000 (ten years)'
  it.each([
    [1e13, `\`expires\` is 10000000000000, ${RANGE}`],
    [1e300, `\`expires\` is 1e+300, ${RANGE}`],
    [MAX_EXPIRES_SECONDS + 1, `\`expires\` is 315576001, ${RANGE}`],
    [1.5, `\`expires\` is 1.5, ${RANGE}`],
    [0, `\`expires\` is 0, ${RANGE}`],
    [-60, `\`expires\` is -60, ${RANGE}`],
    ['31536000', '`expires` is a string, not a number of seconds'],
    [null, '`expires` is null, not a number of seconds'],
    [[1], '`expires` is a list, not a number of seconds'],
    [true, '`expires` is a boolean, not a number of seconds'],
    [undefined, 'without `expires`']
  ])('rejects expires %j, saying what was wrong', (expires, problem) => {
    expect(problemOf({ ...valid, expires })).toContain(`with success, but ${problem}, so`)
  })
})

describe('readTokenResponse: the error of an unusable success', () => {
  it('says minting probably happened and killed the previous token, without the token', () => {
    const message = problemOf({ ...valid, expires: 1e13 })
    expect(message).toMatch(/^Personr answered 200 OK with success, but /)
    expect(message).toContain(
      "Personr has probably minted one anyway, and minting invalidated the account's previous token."
    )
    expect(message).not.toContain(TOKEN)
  })

  it('is not an UnusableTokenError when Personr did not say success', () => {
    const error = thrown(() => read(body(valid, 'error')))
    expect(error).not.toBeInstanceOf(UnusableTokenError)
    expect(error.message).toContain('No token was issued.')
  })
})
