import { expect } from 'vitest'
import type { ActionRun } from './action.ts'

/**
 * Asserts that a secret shows up nowhere a user could see it: in stdout only as the value of
 * its own `::add-mask::` command, which comes first; never in stderr or the job summary.
 */
export function expectNoLeak(run: ActionRun, secret: string, label: string): void {
  const lines = run.stdout.split('\n')
  const maskLine = lines.indexOf(`::add-mask::${secret}`)
  lines.forEach((line, i) => {
    if (i !== maskLine && line.includes(secret)) {
      throw new Error(
        `${label} appears in stdout line ${i + 1}: ${line.replace(secret, '<' + label + '>')}`
      )
    }
  })
  expect(run.stderr.includes(secret), `${label} in stderr`).toBe(false)
  expect(run.summary.includes(secret), `${label} in the job summary`).toBe(false)
}

/** The secret was masked, and before anything else printed it. */
export function expectMaskedFirst(run: ActionRun, secret: string, label: string): void {
  const lines = run.stdout.split('\n')
  const maskLine = lines.indexOf(`::add-mask::${secret}`)
  expect(maskLine, `::add-mask:: for the ${label}`).toBeGreaterThanOrEqual(0)
  expect(lines.findIndex((line) => line.includes(secret))).toBe(maskLine)
}

/** The secret was masked before anything printed it, and is shown nowhere else. */
export function expectHidden(run: ActionRun, secret: string, label: string): void {
  expectMaskedFirst(run, secret, label)
  expectNoLeak(run, secret, label)
}

/** Every stdout line that holds the secret is an `::add-mask::` line; stderr and the summary hold
 * none. For secrets the runner masks in another form (a value with a line break, a header). */
export function expectOnlyInMasks(run: ActionRun, secret: string, label: string): void {
  const shown = run.stdout
    .split('\n')
    .filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))
  expect(shown, `${label} printed`).toEqual([])
  expect(run.stderr.includes(secret), `${label} in stderr`).toBe(false)
  expect(run.summary.includes(secret), `${label} in the job summary`).toBe(false)
}
