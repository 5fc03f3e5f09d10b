import { describe, expect, it } from 'vitest'
import { ActionError, messageOf } from '../../src/errors.ts'

describe('messageOf', () => {
  it('takes the message of an Error', () => {
    expect(messageOf(new ActionError('Personr refused the credentials'))).toBe(
      'Personr refused the credentials'
    )
  })

  it('takes a thrown string as it is', () => {
    expect(messageOf('boom')).toBe('boom')
  })

  it.each([
    [42, 'unexpected failure: 42'],
    [undefined, 'unexpected failure: undefined'],
    [null, 'unexpected failure: null']
  ])('says %j was an unexpected failure', (value, message) => {
    expect(messageOf(value)).toBe(message)
  })
})

describe('ActionError', () => {
  it('names itself, as stack traces and logs show it', () => {
    expect(new ActionError('x').name).toBe('ActionError')
  })
})
