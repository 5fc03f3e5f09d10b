import { readFileSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vitest/config'

/**
 * @actions/workflow-parser is inlined (it imports JSON without import attributes, which Node
 * refuses), and its source maps point at files it does not ship: vite warns once per module, a
 * screen of lines about another project. Loading its files without the map comment keeps the
 * test output to what matters.
 */
const withoutWorkflowParserMaps: Plugin = {
  name: 'without-workflow-parser-source-maps',
  enforce: 'pre',
  load(id) {
    if (!/\/node_modules\/@actions\/workflow-parser\/.*\.js$/.test(id)) return null
    const code = readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '')
    return { code, map: null }
  }
}

export default defineConfig({
  plugins: [withoutWorkflowParserMaps],
  test: {
    include: ['test/**/*.test.ts'],
    // Vitest leaves a CPU free by default, which on a 2-vCPU machine means one file at a time;
    // the end-to-end files mostly wait on the processes they start, so two run well together.
    maxWorkers: 2,
    globalSetup: ['test/setup/bundle.ts'],
    // Kills what a test started and left running, a timed-out test's process above all.
    setupFiles: ['test/setup/children.ts'],
    testTimeout: 20_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The entry point and the lazy import point run only inside the bundle: the end-to-end
      // tests cover them, in processes coverage cannot see.
      exclude: ['src/index.ts', 'src/network.ts'],
      reporter: ['text-summary', 'json-summary'],
      // The floor the suite meets; raise it as tests are added, never lower it.
      thresholds: { statements: 99, branches: 96, functions: 97, lines: 99 }
    }
  }
})
