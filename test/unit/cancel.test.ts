import { describe, expect, it } from 'vitest'
import {
  BEFORE_MINT,
  Cancellation,
  CancelledError,
  SIGTERM_AFTER_MS,
  TERMINATED
} from '../../src/cancel.ts'
import { FakeClock } from '../fakes/clock.ts'

function cancellation() {
  const clock = new FakeClock()
  return { clock, cancel: new Cancellation(() => clock.now()) }
}

describe('Cancellation', () => {
  it('stops everything when cancelled before the mint, and then refuses to mint', () => {
    const { cancel } = cancellation()
    expect([cancel.cancelled, cancel.signal.aborted, cancel.timeLeft()]).toEqual([
      false,
      false,
      Infinity
    ])
    expect(cancel.cancel()).toBe('Cancelled before the mint request was sent: stopping.')
    expect(cancel.cancel()).toBeUndefined()
    expect(cancel.signal.reason).toEqual(new CancelledError(BEFORE_MINT))
    expect(() => cancel.startMint()).toThrow(new CancelledError(BEFORE_MINT))
    expect([cancel.cancelled, cancel.minted]).toEqual([true, false])
  })

  it('after the mint, only counts down the time before SIGTERM, less a margin', () => {
    const { clock, cancel } = cancellation()
    cancel.startMint()
    clock.advance(60_000)
    expect(cancel.cancel()).toBe(
      'Cancelled after the mint request was sent: finishing what the mint started (storing the new token) within 7 s, before the runner stops the step.'
    )
    expect(cancel.signal.aborted).toBe(false)
    expect(cancel.timeLeft()).toBe(SIGTERM_AFTER_MS - 500)
    clock.advance(7000)
    expect(cancel.timeLeft()).toBe(0)
    expect(cancel.minted).toBe(true)
  })

  const failure = (code: string, syscall?: string) =>
    Object.assign(new Error(code), { code, ...(syscall ? { syscall } : {}) })
  it.each([
    ['ECONNREFUSED', 'connect'],
    ['ETIMEDOUT', 'connect'],
    ['EHOSTUNREACH', 'connect'],
    ['ENOTFOUND', 'getaddrinfo'],
    ['EAI_AGAIN', 'getaddrinfo']
  ])(
    'counts a mint request that failed with %s in %s as never sent: a cancel then stops at once',
    (code, syscall) => {
      const { cancel } = cancellation()
      cancel.startMint()
      cancel.mintFailed(failure(code, syscall))
      expect([cancel.minted, cancel.signal.aborted]).toEqual([false, false])
      cancel.startMint()
      cancel.cancel()
      expect(cancel.signal.aborted).toBe(false)
      cancel.mintFailed(failure(code, syscall))
      expect(cancel.signal.reason).toEqual(new CancelledError(BEFORE_MINT))
    }
  )

  it.each([
    ['ECONNRESET on a reused connection', failure('ECONNRESET', 'read')],
    ['EHOSTUNREACH while writing', failure('EHOSTUNREACH', 'write')],
    ['ECONNREFUSED without a system call', failure('ECONNREFUSED')],
    ['a timeout', new Error('no answer')]
  ])('counts %s as a mint that may have reached Personr', (_, error) => {
    const { cancel } = cancellation()
    cancel.startMint()
    cancel.mintFailed(error)
    cancel.startMint()
    cancel.cancel()
    cancel.mintFailed(failure('ECONNREFUSED', 'connect'))
    expect([cancel.minted, cancel.signal.aborted]).toEqual([true, false])
  })

  it('stops everything on SIGTERM, whatever came before', () => {
    const { cancel } = cancellation()
    cancel.startMint()
    expect(cancel.terminate()).toBe(
      'Stopped by the runner (SIGTERM): not waiting for anything more.'
    )
    expect(cancel.signal.reason).toMatchObject({
      name: 'CancelledError',
      message: 'the runner stopped the step (SIGTERM) before this finished'
    })
    expect(TERMINATED).toBe('the runner stopped the step (SIGTERM) before this finished')
    expect(cancel.cancelled).toBe(true)
    expect(cancel.timeLeft()).toBe(SIGTERM_AFTER_MS - 500)
  })
})
