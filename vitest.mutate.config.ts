// The unit suite alone, for StrykerJS (npm run mutate): no bundle to build, no processes to
// start, so each mutant is judged in seconds by the tests that exercise src/ directly.
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

export default mergeConfig(
  { ...base, test: { ...base.test, globalSetup: [] } },
  defineConfig({ test: { include: ['test/unit/**/*.test.ts'] } })
)
