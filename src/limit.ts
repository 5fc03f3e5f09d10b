/**
 * At most `size` tasks at once; the rest wait their turn in order. Created once per step and
 * handed to the GitHub client, so every read and write shares one cap however it is called.
 */
export class Limit {
  private running = 0
  private readonly waiting: (() => void)[] = []
  private readonly size: number

  constructor(size: number) {
    this.size = size
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      // A waiting task takes over this slot; otherwise the slot is freed.
      if (next) next()
      else this.running--
    }
  }
}
