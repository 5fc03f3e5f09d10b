// The unit suite alone, for StrykerJS (npm run mutate): no bundle to build, no processes to
// start, so each mutant is judged in seconds by the tests that exercise src/ directly. Not
// mergeConfig: it concatenates arrays, so `include` would keep every other test too.
import { defineConfig } from 'vitest/config'
import base from './vitest.config.ts'

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/unit/**/*.test.ts'], globalSetup: [] }
})
