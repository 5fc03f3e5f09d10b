import { describe, expect, it } from 'vitest'
import { Limit } from '../../src/limit.ts'

/** A task that stays running until the test releases it. */
function gate() {
  let release = (): void => {}
  const done = new Promise<void>((resolve) => (release = resolve))
  return { done, release }
}

describe('Limit', () => {
  it('runs at most `size` tasks at once, the rest in the order they came', async () => {
    const limit = new Limit(2)
    const gates = [gate(), gate(), gate(), gate()]
    const started: number[] = []
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        started.push(i)
        await g.done
        return i
      })
    )
    await Promise.resolve()
    expect(started).toEqual([0, 1])
    gates[1]?.release()
    await expect.poll(() => started).toEqual([0, 1, 2])
    gates[0]?.release()
    await expect.poll(() => started).toEqual([0, 1, 2, 3])
    gates[2]?.release()
    gates[3]?.release()
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3])
  })

  it('frees the slot of a task that fails', async () => {
    const limit = new Limit(1)
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(limit.run(async () => 'next')).resolves.toBe('next')
  })

  it('starts a new task at once while below the limit', async () => {
    const limit = new Limit(3)
    const started: string[] = []
    const first = gate()
    void limit.run(async () => {
      started.push('a')
      await first.done
    })
    void limit.run(async () => {
      started.push('b')
    })
    await Promise.resolve()
    expect(started).toEqual(['a', 'b'])
    first.release()
  })
})
