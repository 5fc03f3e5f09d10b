import type { InputOptions } from '@actions/core'
import type { Core } from '../../src/log.ts'

type Call = [method: string, ...args: unknown[]]

/**
 * A stand-in for @actions/core that answers `getInput` from `inputs` (trimmed unless asked not
 * to, as the real one does) and records every call, in order.
 */
export function recordingCore(inputs: Record<string, string>, summaryError?: Error) {
  const calls: Call[] = []
  const summaryTexts: string[] = []
  const summary = {
    addRaw(text: string) {
      calls.push(['summary.addRaw', text])
      summaryTexts.push(text)
      return summary
    },
    async write() {
      calls.push(['summary.write'])
      if (summaryError) throw summaryError
      return summary
    }
  }
  /** A method of core that only records its call. */
  function record(method: string) {
    return (...args: unknown[]) => void calls.push([method, ...args])
  }
  const core = {
    getInput(name: string, options?: InputOptions): string {
      calls.push(['getInput', name, options])
      const value = inputs[name] ?? ''
      return options?.trimWhitespace === false ? value : value.trim()
    },
    setSecret: record('setSecret'),
    setOutput: record('setOutput'),
    info: record('info'),
    notice: record('notice'),
    warning: record('warning'),
    debug: record('debug'),
    setFailed: record('setFailed'),
    summary: summary as unknown as Core['summary']
  } satisfies Core
  const of = (method: string): unknown[][] =>
    calls.filter(([m]) => m === method).map(([, ...args]) => args)
  const indexOf = (method: string, ...args: unknown[]): number =>
    calls.findIndex(([m, ...a]) => m === method && args.every((arg, i) => a[i] === arg))
  /** The outputs set, by name. */
  const outputs = (): Record<string, unknown> => Object.fromEntries(of('setOutput'))
  return { core, calls, of, indexOf, outputs, summaryTexts }
}
