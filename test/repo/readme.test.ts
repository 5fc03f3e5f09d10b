// Keeps README.md honest: it stays short enough to read (issue 19: at most 350 lines, usage
// first, the long stories in docs/), its inputs and outputs tables list what action.yml declares,
// in the same order, with the same required flags and defaults, and the example workflows of the
// documentation (test/support/examples.ts) use only those inputs (validate.test.ts parses them).
//
// Table conventions (README.md, under `### Inputs` and `### Outputs`):
//   | Name | Required | Default | Description |   and   | Name | Description |
// Names are code spans (`api-url`); Required is `yes` or `no`; Default is the action.yml default as
// a code span, or `—` when the input has none; Description must not be empty.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ROOT } from '../support/action.ts'
import { exampleWorkflows } from '../support/examples.ts'
import type { Step } from '../support/workflows.ts'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

interface ActionYml {
  inputs?: Record<string, { required?: boolean; default?: unknown } | null>
  outputs?: Record<string, unknown>
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml

const NO_DEFAULT = '—'
const MAX_README_LINES = 350

/** The `## ` sections of a Markdown text, in order: the heading's text and the lines under it. */
function sections(markdown: string): { heading: string; body: string }[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [heading = '', ...body] = part.split('\n')
      return { heading: heading.trim(), body: body.join('\n') }
    })
}

/** Splits a Markdown table row into trimmed cells; `\|` is a literal pipe, not a separator. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '')
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'))
}

/** The first table after the heading line `heading`, as header cells and body rows. */
function tableUnder(markdown: string, heading: string): { header: string[]; rows: string[][] } {
  const lines = markdown.split(/\r?\n/)
  const start = lines.findIndex((line) => line.trim() === heading)
  if (start === -1) throw new Error(`README.md has no heading "${heading}"`)
  const table: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6} /.test(line)) break // the next section: the table must come before it
    if (line.trim().startsWith('|')) table.push(line)
    else if (table.length > 0) break
  }
  const [headerRow, separator, ...body] = table
  if (headerRow === undefined || separator === undefined || !/^\|?[\s:|-]+\|?$/.test(separator)) {
    throw new Error(`No Markdown table under "${heading}" in README.md`)
  }
  return { header: cells(headerRow), rows: body.map(cells) }
}

/** `name` from a code span cell, or the cell as it is when it is not one. */
function unquote(cell: string): string {
  return /^`[^`]+`$/.test(cell) ? cell.slice(1, -1) : cell
}

function expectedDefault(value: unknown): string {
  return value === undefined || value === null ? NO_DEFAULT : `\`${String(value)}\``
}

describe('README', () => {
  it(`has at most ${MAX_README_LINES} lines`, () => {
    expect(readme.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(MAX_README_LINES)
  })

  // A newcomer needs two commands: the action against the simulator, and the tests.
  it('ends with a Develop section: npm ci && npm start, npm test, and CONTRIBUTING.md', () => {
    const last = sections(readme).at(-1)
    expect(last?.heading).toBe('Develop')
    const commands = [...(last?.body ?? '').matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
      .flatMap((block) => (block[1] ?? '').split('\n'))
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
    expect(commands).toEqual(['npm ci && npm start', 'npm test'])
    expect(last?.body).toContain('](CONTRIBUTING.md)')
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: object }
    expect(pkg.scripts).toMatchObject({ start: expect.any(String), test: expect.any(String) })
  })

  it.each(['docs/performance.md', 'docs/comparison.md', 'docs/stores.md', 'docs/targets.md'])(
    'links %s, which exists',
    (page) => {
      expect(existsSync(join(ROOT, page))).toBe(true)
      expect(readme).toContain(`](${page})`)
    }
  )

  // The output is token_check, like every other output; token-check.ts is a module's name.
  it('names no token-check output, nor does action.yml or docs/', () => {
    const pages = [
      'README.md',
      'action.yml',
      ...readdirSync(join(ROOT, 'docs')).map((file) => `docs/${file}`)
    ]
    const stale = pages.filter((page) =>
      /token-check(?!\.ts)/.test(readFileSync(join(ROOT, page), 'utf8'))
    )
    expect(stale).toEqual([])
  })
})

describe('README tables', () => {
  it('list the inputs of action.yml in its order, with its required flags and defaults, each described', () => {
    const { header, rows } = tableUnder(readme, '### Inputs')
    expect(header).toEqual(['Name', 'Required', 'Default', 'Description'])
    expect(
      rows.map(([name = '', required, defaultValue]) => [unquote(name), required, defaultValue])
    ).toEqual(
      Object.entries(action.inputs ?? {}).map(([name, input]) => [
        name,
        input?.required === true ? 'yes' : 'no',
        expectedDefault(input?.default)
      ])
    )
    expect(rows.filter((row) => !row[3]).map((row) => row[0])).toEqual([])
  })

  it('list the outputs of action.yml in its order, each described', () => {
    const { header, rows } = tableUnder(readme, '### Outputs')
    expect(header).toEqual(['Name', 'Description'])
    expect(rows.map((row) => unquote(row[0] ?? ''))).toEqual(Object.keys(action.outputs ?? {}))
    expect(rows.filter((row) => !row[1]).map((row) => row[0])).toEqual([])
  })

  it('are read cell by cell, with escaped pipes, up to the end of the table', () => {
    const doc =
      '### Inputs\n\n| Name | Description |\n| --- | --- |\n| `a` | one \\| two |\n\n### Next\n| x |'
    expect(tableUnder(doc, '### Inputs')).toEqual({
      header: ['Name', 'Description'],
      rows: [['`a`', 'one | two']]
    })
  })
})

describe('example workflows', () => {
  const examples = exampleWorkflows()
  /** Every step of every example, with the example's name. */
  const steps = examples.flatMap(({ name, workflow }) => {
    const doc = parse(workflow) as { jobs: Record<string, { steps?: Step[] }> }
    return Object.values(doc.jobs).flatMap((job) =>
      (job.steps ?? []).map((step) => ({ name, step }))
    )
  })

  it('include the refresh, a job that reads its secret, and a job that mints', () => {
    const inReadme = examples.filter((e) => e.page === 'README.md').map((e) => e.workflow)
    const some = (test: (w: string) => boolean): boolean => inReadme.some(test)
    expect(some((w) => w.includes('secret-name: PERSONR_TOKEN'))).toBe(true)
    expect(some((w) => w.includes('PERSONR_TOKEN: ${{ secrets.PERSONR_TOKEN }}'))).toBe(true)
    expect(some((w) => !w.includes('secret-name:') && w.includes('outputs.token'))).toBe(true)
  })

  // Issue 23: heal at the first failure, only from the default branch, to every place a team
  // like the README's needs, with one way to ask for a rotation by hand.
  it('recommend a refresh that heals at the first failure, from the default branch only', () => {
    const refresh = examples.find((e) => e.page === 'README.md')?.workflow ?? ''
    const doc = parse(refresh) as {
      on: Record<string, { types?: string[]; inputs?: Record<string, unknown> }>
      jobs: { refresh: { if: string; steps: Step[] } }
    }
    expect(doc.on.workflow_run?.types).toEqual(['completed'])
    expect(Object.keys(doc.on.workflow_dispatch?.inputs ?? {})).toEqual(['rotate'])
    expect(doc.jobs.refresh.if).toContain(
      'github.ref_name == github.event.repository.default_branch'
    )
    expect(doc.jobs.refresh.if).toContain("github.event.workflow_run.conclusion == 'failure'")
    expect(refresh).toMatch(/# .*never the failed run's code/)
    const step = doc.jobs.refresh.steps.find((s) => s.uses?.includes('personr-token-action'))
    expect(step).toMatchObject({ id: 'personr' })
    expect(step?.with?.['renew-before']).toBe("${{ inputs.rotate && 'always' || '30d' }}")
    const targets = String(step?.with?.['secret-targets'])
      .replace(/#.*$/gm, '')
      .trim()
      .split(/\s*\n\s*/)
    expect(targets).toEqual(['repo', 'app=dependabot'])
  })

  it('use only inputs that action.yml declares', () => {
    const ours = steps.filter(({ step }) => step.uses?.includes('personr-token-action'))
    expect(ours.length).toBeGreaterThan(0)
    const used = ours.flatMap(({ name, step }) =>
      Object.keys(step.with ?? {}).map((i) => [name, i])
    )
    const declared = Object.keys(action.inputs ?? {})
    expect(used.filter(([, input]) => !declared.includes(input ?? ''))).toEqual([])
  })

  // The runner pastes `${{ }}` into a script before it runs, where a value becomes code; in an
  // environment variable it stays data. Users copy these steps, tokens included.
  it('pass values to scripts through env:, never as ${{ }} inside run:', () => {
    const inRun = steps.filter(({ step }) => step.run?.includes('${{'))
    expect(inRun.map(({ name, step }) => `${name}: ${step.run}`)).toEqual([])
  })
})
