import { describe, expect, it } from 'vitest'
import { FakeClock } from './clock.ts'

describe('FakeClock', () => {
  it('stands still until moved; a sleep is recorded and moves it, advance only moves it', async () => {
    const clock = new FakeClock(1000)
    expect([clock.now(), clock.now()]).toEqual([1000, 1000])
    await clock.sleep(500)
    await clock.sleep(0)
    clock.advance(300)
    expect([clock.sleeps, clock.now()]).toEqual([[500, 0], 1800])
  })

  it('rejects a sleep with the reason of a signal that aborted, without moving time', async () => {
    const clock = new FakeClock(0)
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    await expect(clock.sleep(500, controller.signal)).rejects.toThrow('cancelled')
    expect(clock.now()).toBe(0)
  })

  it('aborts each deadline, with a TimeoutError, once time reaches it from when it was asked', async () => {
    const clock = new FakeClock(0)
    clock.advance(5000)
    const early = clock.deadline(100)
    const late = clock.deadline(10_000)
    clock.advance(99)
    expect(early.aborted).toBe(false)
    await clock.sleep(1)
    expect([early.aborted, late.aborted]).toEqual([true, false])
    expect((early.reason as DOMException).name).toBe('TimeoutError')
    clock.advance(9899)
    expect(late.aborted).toBe(false)
    clock.advance(1)
    expect(late.aborted).toBe(true)
  })
})
