import { describe, expect, it } from 'vitest'
import { FakeClock } from './clock.ts'

describe('FakeClock', () => {
  it('starts at the given time and stands still', () => {
    const clock = new FakeClock(1000)
    expect(clock.now()).toBe(1000)
    expect(clock.now()).toBe(1000)
  })

  it('records each sleep, moves time by it and resolves at once', async () => {
    const clock = new FakeClock(0)
    await clock.sleep(500)
    await clock.sleep(0)
    await clock.sleep(1500)
    expect(clock.sleeps).toEqual([500, 0, 1500])
    expect(clock.now()).toBe(2000)
  })

  it('rejects a sleep with the reason of a signal that aborted, without moving time', async () => {
    const clock = new FakeClock(0)
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    await expect(clock.sleep(500, controller.signal)).rejects.toThrow('cancelled')
    expect(clock.now()).toBe(0)
  })

  it('aborts a deadline once time reaches it through advance, with a TimeoutError', () => {
    const clock = new FakeClock(0)
    const signal = clock.deadline(1000)
    clock.advance(999)
    expect(signal.aborted).toBe(false)
    clock.advance(1)
    expect(signal.aborted).toBe(true)
    expect((signal.reason as DOMException).name).toBe('TimeoutError')
  })

  it('aborts a deadline that a sleep passes, and only that one', async () => {
    const clock = new FakeClock(0)
    const early = clock.deadline(100)
    const late = clock.deadline(10_000)
    await clock.sleep(200)
    expect(early.aborted).toBe(true)
    expect(late.aborted).toBe(false)
  })

  it('counts a deadline from the time it was asked for', () => {
    const clock = new FakeClock(0)
    clock.advance(5000)
    const signal = clock.deadline(1000)
    clock.advance(999)
    expect(signal.aborted).toBe(false)
    clock.advance(1)
    expect(signal.aborted).toBe(true)
  })

  it('moves time through advance without recording a sleep', () => {
    const clock = new FakeClock(0)
    clock.advance(300)
    expect(clock.sleeps).toEqual([])
    expect(clock.now()).toBe(300)
  })
})
