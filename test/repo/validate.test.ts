// Validates action.yml and every workflow with GitHub's own parser (@actions/workflow-parser,
// from actions/languageservices), the one the Actions editor tooling uses: it knows node24 and
// rejects unknown keys, runtimes and branding values.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseWorkflow } from '@actions/workflow-parser'
import type { TraceWriter } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { INPUT_DEFAULTS } from '../../src/inputs.ts'
import { inputDefaults, ROOT } from '../support/action.ts'
import { exampleWorkflows } from '../support/examples.ts'
import { workflow, workflowFiles } from '../support/workflows.ts'

/** Keeps what the parser traces as errors, so a failure shows them next to the validation errors. */
function collectingTrace(): TraceWriter & { errors: string[] } {
  const errors: string[] = []
  return { errors, error: (message) => void errors.push(message), info() {}, verbose() {} }
}

/** Every problem the parser found in a file, as readable lines; empty when it is valid. */
function problems(
  parser: typeof parseAction | typeof parseWorkflow,
  name: string,
  content: string
): string[] {
  const trace = collectingTrace()
  const result = parser({ name, content }, trace)
  const found = result.context.errors.getErrors().map((error) => error.message)
  return [...found, ...trace.errors.filter((line) => !found.includes(line))]
}

const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8')
const workflows = workflowFiles()

describe('action.yml', () => {
  it('is valid against the action schema', () => {
    expect(problems(parseAction, 'action.yml', actionYml)).toEqual([])
  })

  // Proof that the validator can fail: each of these must be rejected.
  it.each([
    ['an unknown runtime', actionYml.replace(/using: node24/, 'using: node99')],
    ['an unknown top-level key', `${actionYml}\nsurprise: true\n`],
    ['a misspelt key in runs', actionYml.replace(/^ {2}main:/m, '  mian:')],
    ['a branding icon GitHub does not offer', actionYml.replace(/icon: .*/, 'icon: not-an-icon')]
  ])('rejects %s', (_what, content) => {
    expect(content).not.toBe(actionYml)
    expect(problems(parseAction, 'action.yml', content)).not.toEqual([])
  })

  const action = parse(actionYml) as {
    branding?: { icon?: string; color?: string }
    inputs?: Record<string, { description?: string }>
    outputs?: Record<string, { description?: string }>
    runs?: { using?: string; main?: string }
  }

  it('describes every input and output', () => {
    const undescribed = (['inputs', 'outputs'] as const).flatMap((kind) =>
      Object.entries(action[kind] ?? {})
        .filter(([, entry]) => !entry?.description?.trim())
        .map(([name]) => `${kind} ${name}`)
    )
    expect(undescribed).toEqual([])
  })

  it('runs the committed bundle on node24, with Marketplace branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })

  // The runner fills in action.yml's defaults only for an input a workflow leaves out; the action
  // applies them itself to an input given as an empty string. Both lists must say the same.
  it('has the input defaults of src/inputs.ts', () => {
    expect(INPUT_DEFAULTS).toEqual(inputDefaults({ api_url: 'https://api.github.com' }))
  })
})

describe('workflows', () => {
  it('exist', () => {
    expect(workflows.map((w) => w.file)).toEqual(
      expect.arrayContaining(['ci.yml', 'check-dist.yml', 'codeql.yml'])
    )
  })

  // The example workflows of the documentation too: users copy them.
  it.each([
    ...workflows.map((w) => [w.file, w.text] as const),
    ...exampleWorkflows().map((example) => [example.name, example.workflow] as const)
  ])('%s is valid against the workflow schema', (name, content) => {
    expect(problems(parseWorkflow, name, content)).toEqual([])
  })

  // Proof that the validator can fail on workflows too.
  const ci = workflow('ci.yml')
  it.each([
    ['an unknown top-level key', `${ci}\nsurprise: true\n`],
    ['a misspelt step key', ci.replace('continue-on-error: true', 'continue-on-eror: true')],
    ['an unknown expression context', ci.replace('${{ steps.personr.', '${{ step.personr.')]
  ])('rejects a workflow with %s', (_what, content) => {
    expect(content).not.toBe(ci)
    expect(problems(parseWorkflow, 'ci.yml', content)).not.toEqual([])
  })

  it('take Node from .node-version', () => {
    const nodeVersion = readFileSync(join(ROOT, '.node-version'), 'utf8').trim()
    expect(nodeVersion).toBe('24')
    const withNode = workflows.filter((w) => w.text.includes('actions/setup-node'))
    expect(withNode.length).toBeGreaterThan(0)
    for (const { file, text } of withNode) {
      expect(text, file).not.toMatch(/node-version:/)
      expect(text, file).toMatch(/node-version-file: \.node-version/)
    }
  })
})

describe('dependabot.yml', () => {
  type Update = { 'package-ecosystem': string; cooldown?: Record<string, unknown> }
  const text = readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')
  const config = parse(text) as { version: number; updates: Update[] }

  it('updates npm packages and the actions the workflows use', () => {
    expect(config.version).toBe(2)
    const ecosystems = config.updates.map((update) => update['package-ecosystem'])
    expect(ecosystems.sort()).toEqual(['github-actions', 'npm'])
  })

  // A new release waits a few days before Dependabot proposes it, so that a hijacked one is likely
  // pulled first. GitHub documents no SemVer cooldown for GitHub Actions, whose tags it does not
  // read as SemVer; projects report Dependabot refusing the whole file over one.
  const cooldowns = config.updates.map((u) => [u['package-ecosystem'], u.cooldown ?? {}] as const)
  it.each(cooldowns)('waits some days before proposing a new %s release', (_, cooldown) => {
    expect(cooldown['default-days']).toBeGreaterThanOrEqual(3)
  })

  it('sets no SemVer cooldown for GitHub Actions', () => {
    const actions = config.updates.find((u) => u['package-ecosystem'] === 'github-actions')
    expect(actions?.cooldown).toBeDefined()
    const keys = Object.keys(actions?.cooldown ?? {})
    expect(keys.filter((key) => key.startsWith('semver-'))).toEqual([])
  })
})

// Every contributor and every CI run installs the whole lock file: each package is more to
// download, audit and trust. Dropping @github/local-action (npm start already runs the bundle as
// the runner does) took it from 718 entries to 365. Raise the cap only on purpose.
const MAX_PACKAGES = 400
it(`package-lock.json holds at most ${MAX_PACKAGES} packages`, () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: object
  }
  expect(Object.keys(lock.packages).length).toBeLessThanOrEqual(MAX_PACKAGES)
})
