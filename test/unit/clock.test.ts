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

  it('gives a deadline that aborts with a TimeoutError', async () => {
    const signal = realClock.deadline(0)
    await new Promise((resolve) => signal.addEventListener('abort', resolve))
    expect(signal.reason).toMatchObject({ name: 'TimeoutError' })
  })
})
