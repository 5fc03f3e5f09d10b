// Rules for this repository's own workflows that neither schema checks: a moved tag cannot
// change what they run, each job's token can do only what that job needs, and the self-test runs
// the same way on every runner OS.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { exampleWorkflows } from '../support/examples.ts'

const root = join(import.meta.dirname, '..', '..')
const workflowsDir = join(root, '.github', 'workflows')

interface Step {
  uses?: string
  run?: string
  shell?: string
}
interface Job {
  'runs-on'?: string | string[]
  permissions?: unknown
  strategy?: { matrix?: Record<string, unknown> }
  defaults?: { run?: { shell?: string } }
  steps?: Step[]
}
interface Workflow {
  on?: unknown
  permissions?: unknown
  jobs: Record<string, Job>
}

const workflows = readdirSync(workflowsDir)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => {
    const text = readFileSync(join(workflowsDir, file), 'utf8')
    return { file, text, doc: parse(text) as Workflow }
  })

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/

/** Every `uses:` line of a file with its trailing comment, as written. */
function usesLines(text: string): { ref: string; comment: string | undefined }[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)[ \t]*(?:#[ \t]*(\S.*?))?[ \t]*$/gm)].map(
    (match) => ({ ref: match[1] ?? '', comment: match[2] })
  )
}

/** What is wrong with one `uses:`; undefined when it is a local action or pinned as required. */
function pinProblem(ref: string, comment: string | undefined): string | undefined {
  if (ref.startsWith('./')) return undefined
  if (!PINNED.test(ref)) return `${ref} is not pinned to a full commit SHA`
  if (comment === undefined || !VERSION_COMMENT.test(comment)) {
    return `${ref} has no "# vX.Y.Z" comment naming the version of that SHA`
  }
  return undefined
}

function stepUses(doc: Workflow): string[] {
  return Object.values(doc.jobs).flatMap((job) =>
    (job.steps ?? []).flatMap((step) => (step.uses === undefined ? [] : [step.uses]))
  )
}

describe('pinning', () => {
  it.each(workflows)('every action in $file is local or pinned to a SHA with its version', (w) => {
    const lines = usesLines(w.text)
    // The line scan must see every `uses:` the YAML holds, or it could miss one.
    expect(lines.map((line) => line.ref)).toEqual(stepUses(w.doc))
    expect(lines.map((line) => pinProblem(line.ref, line.comment)).filter(Boolean)).toEqual([])
  })

  it('pins each action to one SHA and version across all workflows', () => {
    const pins = new Map<string, Set<string>>()
    for (const w of workflows) {
      for (const { ref, comment } of usesLines(w.text)) {
        if (ref.startsWith('./')) continue
        const [action = ''] = ref.split('@')
        pins.set(action, (pins.get(action) ?? new Set()).add(`${ref} # ${comment}`))
      }
    }
    const inconsistent = [...pins.values()].filter((set) => set.size > 1).map((set) => [...set])
    expect(inconsistent).toEqual([])
  })

  it.each([
    ['a tag', 'actions/checkout@v7', 'v7.0.1', /not pinned/],
    ['a branch', 'actions/checkout@main', undefined, /not pinned/],
    ['a short SHA', 'actions/checkout@3d3c42e', 'v7.0.1', /not pinned/],
    ['a SHA without its version', `actions/checkout@${'a'.repeat(40)}`, undefined, /comment/],
    ['a SHA with a vague version', `actions/checkout@${'a'.repeat(40)}`, 'v7', /comment/],
    ['a Docker image', 'docker://alpine:3', undefined, /not pinned/]
  ])('refuses %s', (_what, ref, comment, problem) => {
    expect(pinProblem(ref, comment)).toMatch(problem)
  })

  it('reads refs and comments from uses lines', () => {
    const text = [
      '      - uses: a/b@0123456789abcdef0123456789abcdef01234567 # v1.2.3',
      '        uses: ./',
      '      - name: x',
      '        uses: a/b/c@v1  '
    ].join('\n')
    expect(usesLines(text)).toEqual([
      { ref: 'a/b@0123456789abcdef0123456789abcdef01234567', comment: 'v1.2.3' },
      { ref: './', comment: undefined },
      { ref: 'a/b/c@v1', comment: undefined }
    ])
  })
})

describe('permissions', () => {
  it.each(workflows)('$file declares them for the workflow and for every job', (w) => {
    expect(w.doc.permissions, `${w.file}: workflow`).toBeDefined()
    const undeclared = Object.entries(w.doc.jobs)
      .filter(([, job]) => job.permissions === undefined)
      .map(([name]) => name)
    expect(undeclared).toEqual([])
  })

  it.each(workflows)('$file grants nothing above read at the workflow level', (w) => {
    const permissions = w.doc.permissions
    if (typeof permissions === 'string') expect(permissions).toBe('read-all')
    else expect(Object.values(permissions ?? {}).filter((level) => level !== 'read')).toEqual([])
  })
})

describe('the self-test on every runner OS', () => {
  const ci = workflows.find((w) => w.file === 'ci.yml')?.doc
  const job = ci?.jobs['test-action']

  it('runs on ubuntu, windows and macos', () => {
    expect(job?.['runs-on']).toBe('${{ matrix.os }}')
    expect(job?.strategy?.matrix?.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest'])
  })

  it('runs every script with bash, which Windows would otherwise not use', () => {
    const steps = (job?.steps ?? []).filter((step) => step.run !== undefined)
    expect(steps.length).toBeGreaterThan(0)
    const shell = (step: Step) => step.shell ?? job?.defaults?.run?.shell
    expect(steps.filter((step) => shell(step) !== 'bash').map((step) => step.run)).toEqual([])
  })

  // The simulator may move; the workflow names only the npm script.
  it('starts the simulator through npm run simulator', () => {
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
    expect(scripts.simulator).toMatch(/^node \S+\.ts$/)
    const runs = (job?.steps ?? []).map((step) => step.run ?? '').join('\n')
    expect(runs).toContain('npm run simulator -- --url-file')
    expect(runs).not.toMatch(/node \S*simulator/)
  })
})

// Users copy these; they show the pinned form as the one to use.
describe('example workflows of the documentation', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const lines = exampleWorkflows().flatMap((example) => usesLines(example.workflow))

  it('pin this action to a commit SHA, with its version in a comment', () => {
    const own = lines.filter((line) => line.ref.startsWith('your-org/personr-token-action@'))
    expect(own.length).toBeGreaterThan(0)
    for (const line of own) {
      expect(line.ref).toBe('your-org/personr-token-action@<full-commit-sha>')
      expect(line.comment).toMatch(VERSION_COMMENT)
    }
  })

  // An action the workflows use is pinned as they pin it, so Dependabot's updates of the
  // workflows show where the examples fall behind; the others only by the rule itself.
  it('pin other actions to a SHA with its version, as the workflows do', () => {
    const pinned = new Map(
      workflows.flatMap((w) => usesLines(w.text)).map((l) => [l.ref.split('@')[0], l.ref])
    )
    const others = lines.filter((line) => !line.ref.startsWith('your-org/'))
    expect(others.length).toBeGreaterThan(0)
    for (const { ref, comment } of others) {
      expect(pinProblem(ref, comment)).toBeUndefined()
      expect(ref).toBe(pinned.get(ref.split('@')[0]) ?? ref)
    }
  })

  it('pin each action to one SHA and version across all examples', () => {
    const pins = new Map<string, Set<string>>()
    for (const { ref, comment } of lines) {
      const [action = ''] = ref.split('@')
      pins.set(action, (pins.get(action) ?? new Set()).add(`${ref} # ${comment}`))
    }
    expect([...pins.values()].filter((set) => set.size > 1).map((set) => [...set])).toEqual([])
  })

  it('name @v1 as the alternative to a SHA', () => {
    expect(readme).toMatch(/`@v1` is the\s+convenient\s+alternative/)
  })
})
