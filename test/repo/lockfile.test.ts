// Every contributor and every CI run installs the whole lock file: each package is more to
// download, audit and trust. Dropping @github/local-action (npm start already runs the bundle as
// the runner does) took it from 718 entries to 365. Raise the cap only on purpose.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { ROOT } from '../support/action.ts'

const MAX_PACKAGES = 400

it(`package-lock.json holds at most ${MAX_PACKAGES} packages`, () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>
  }
  expect(Object.keys(lock.packages).length).toBeLessThanOrEqual(MAX_PACKAGES)
})
