import { describe, expect, it } from 'vitest'
import { realClock } from '../../src/clock.ts'

describe('realClock', () => {
  it('tells the time in milliseconds', () => {
    const before = Date.now()
    expect(realClock.now()).toBeGreaterThanOrEqual(before)
    expect(realClock.now()).toBeLessThanOrEqual(Date.now())
  })

  it('sleeps through a timer', async () => {
    await expect(realClock.sleep(0)).resolves.toBeUndefined()
  })

  it('stops sleeping when its signal aborts, with the reason, and leaves no timer behind', async () => {
    const controller = new AbortController()
    const sleeping = realClock.sleep(60_000, controller.signal)
    controller.abort(new Error('cancelled'))
    await expect(sleeping).rejects.toThrow('cancelled')
  })

  it('gives a deadline that aborts with a TimeoutError', async () => {
    const signal = realClock.deadline(0)
    await new Promise((resolve) => signal.addEventListener('abort', resolve))
    expect(signal.reason).toMatchObject({ name: 'TimeoutError' })
  })
})
