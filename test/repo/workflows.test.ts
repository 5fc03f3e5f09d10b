// Rules for this repository's own workflows that neither schema checks: a moved tag cannot
// change what they run, each job's token can do only what that job needs, and the self-test runs
// the same way on every runner OS.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ROOT } from '../support/action.ts'
import { exampleWorkflows } from '../support/examples.ts'
import { workflowFiles, type Step } from '../support/workflows.ts'

interface Job {
  if?: string
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

const workflows = workflowFiles().map((w) => ({ ...w, doc: parse(w.text) as Workflow }))

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

/** Every workflow and every example workflow of the documentation, by name. */
const everywhere = [
  ...workflows.map((w) => ({ name: w.file, text: w.text })),
  ...exampleWorkflows().map((e) => ({ name: e.name, text: e.workflow }))
]
/** This action in the examples: users pin it to the release they chose. */
const OWN = 'your-org/personr-token-action@'

describe('pinning', () => {
  it.each(everywhere)(
    'every other action in $name is local or pinned to a SHA with its version',
    (w) => {
      const lines = usesLines(w.text)
      // The line scan must see every `uses:` the YAML holds, or it could miss one.
      expect(lines.map((line) => line.ref)).toEqual(stepUses(parse(w.text) as Workflow))
      const others = lines.filter((line) => !line.ref.startsWith(OWN))
      expect(others.map((line) => pinProblem(line.ref, line.comment)).filter(Boolean)).toEqual([])
    }
  )

  // Per repository, so that actions released together (codeql-action's init and analyze) stay so,
  // and the examples pin what the workflows use as they do, so Dependabot's updates of the
  // workflows show where the examples fall behind.
  it('pins the actions of each repository to one SHA and version, in workflows and examples', () => {
    const pins = new Map<string, Set<string>>()
    for (const { ref, comment } of everywhere.flatMap((w) => usesLines(w.text))) {
      if (ref.startsWith('./') || ref.startsWith(OWN)) continue
      const [action = '', sha] = ref.split('@')
      const repository = action.split('/').slice(0, 2).join('/')
      pins.set(repository, (pins.get(repository) ?? new Set()).add(`${sha} # ${comment}`))
    }
    expect(pins.size).toBeGreaterThan(0)
    const inconsistent = [...pins].filter(([, set]) => set.size > 1).map(([r, set]) => [r, ...set])
    expect(inconsistent).toEqual([])
  })

  // Users copy the examples; they show the pinned form as the one to use, @v1 as the other.
  it('pins this action in the examples to a commit SHA, with its version in a comment', () => {
    const own = everywhere.flatMap((w) => usesLines(w.text)).filter((l) => l.ref.startsWith(OWN))
    expect(own.length).toBeGreaterThan(0)
    for (const line of own) {
      expect(line.ref).toBe(`${OWN}<full-commit-sha>`)
      expect(line.comment).toMatch(VERSION_COMMENT)
    }
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toMatch(/`@v1` is the\s+convenient\s+alternative/)
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
  it.each(workflows)('$file declares them for every job, and no more than read for all', (w) => {
    const undeclared = Object.entries(w.doc.jobs)
      .filter(([, job]) => job.permissions === undefined)
      .map(([name]) => name)
    expect(undeclared).toEqual([])
    const permissions = w.doc.permissions
    expect(permissions, `${w.file}: workflow`).toBeDefined()
    if (typeof permissions === 'string') expect(permissions).toBe('read-all')
    else expect(Object.values(permissions ?? {}).filter((level) => level !== 'read')).toEqual([])
  })
})

// Code scanning runs on every change and weekly, with a token that can read the code and upload
// findings, nothing more (actions: read is needed only in a private repository).
describe('CodeQL', () => {
  const codeql = workflows.find((w) => w.file === 'codeql.yml')?.doc
  const job = codeql?.jobs.analyze
  const on = codeql?.on as { push?: unknown; pull_request?: unknown; schedule?: { cron: string }[] }

  it('analyzes JavaScript and TypeScript on pushes to main, pull requests and weekly off the hour, reading and uploading only', () => {
    const steps = job?.steps ?? []
    const init = steps.find((step) => step.uses?.startsWith('github/codeql-action/init@'))
    expect(init?.with?.languages).toBe('javascript-typescript')
    expect(steps.map((step) => step.uses)).toContainEqual(
      expect.stringMatching(/^github\/codeql-action\/analyze@/)
    )
    expect(on?.push).toEqual({ branches: ['main'] })
    expect(on).toHaveProperty('pull_request')
    const crons = (on?.schedule ?? []).map((entry) => entry.cron)
    expect(crons).toEqual([expect.stringMatching(/^([1-9]|[1-5]\d) \d+ \* \* [0-6]$/)])
    expect(codeql?.permissions).toEqual({})
    expect(job?.permissions).toEqual({ contents: 'read', 'security-events': 'write' })
  })
})

describe('the self-test on every runner OS', () => {
  const ci = workflows.find((w) => w.file === 'ci.yml')?.doc
  const job = ci?.jobs['test-action']

  it('runs on ubuntu, windows and macos, every script with bash, which Windows would not use', () => {
    expect(job?.['runs-on']).toBe('${{ matrix.os }}')
    expect(job?.strategy?.matrix?.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest'])
    const steps = (job?.steps ?? []).filter((step) => step.run !== undefined)
    expect(steps.length).toBeGreaterThan(0)
    const shell = (step: Step) => step.shell ?? job?.defaults?.run?.shell
    expect(steps.filter((step) => shell(step) !== 'bash').map((step) => step.run)).toEqual([])
  })

  // The simulator may move; the workflow names only the npm script.
  it('starts the simulator through npm run simulator', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: object }
    expect(pkg.scripts).toHaveProperty('simulator', expect.stringMatching(/^node \S+\.ts$/))
    const runs = (job?.steps ?? []).map((step) => step.run ?? '').join('\n')
    expect(runs).toContain('npm run simulator -- --url-file')
    expect(runs).not.toMatch(/node \S*simulator/)
  })
})

describe('the live self-test', () => {
  const live = workflows.find((w) => w.file === 'live.yml')
  const doc = live?.doc as Workflow & {
    on: { schedule: { cron: string }[]; workflow_dispatch: unknown }
    concurrency: unknown
  }

  it('runs on demand and weekly, off the top of the hour, one run at a time', () => {
    expect(Object.keys(doc.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
    const [minute, hour, , , weekday] = (doc.on.schedule[0]?.cron ?? '').split(' ')
    expect([Number(minute) > 0 && Number(minute) < 55, /^\d+$/.test(hour ?? ''), weekday]).toEqual([
      true,
      true,
      expect.stringMatching(/^[0-6]$/)
    ])
    expect(doc.concurrency).toEqual({ group: 'live-personr', 'cancel-in-progress': false })
  })

  // The look-up step's own script, run as the runner would, with and without the secrets.
  const SKIPPED = /^::notice title=Live self-test skipped::The secrets \S+ and \S+ are not set/m
  it.each([
    ['absent', '', '', 'present=false', SKIPPED],
    ['half set', 'a@b.c', '', 'present=false', SKIPPED],
    ['set', 'a@b.c', 'pw', 'present=true', /^$/]
  ])(
    'with the secrets %s, the proofs are skipped with a notice or run',
    (_, email, password, output, notice) => {
      const look = doc.jobs.secrets?.steps?.[0]
      expect(look?.env).toEqual({
        EMAIL: '${{ secrets.PERSONR_LIVE_EMAIL }}',
        PASSWORD: '${{ secrets.PERSONR_LIVE_PASSWORD }}'
      })
      const outputFile = join(mkdtempSync(join(tmpdir(), 'live-')), 'output')
      writeFileSync(outputFile, '')
      const env = {
        PATH: process.env.PATH,
        EMAIL: email,
        PASSWORD: password,
        GITHUB_OUTPUT: outputFile
      }
      const stdout = execFileSync('bash', ['-e', '-c', look?.run ?? ''], { env, encoding: 'utf8' })
      expect(readFileSync(outputFile, 'utf8')).toBe(`${output}\n`)
      expect(stdout).toMatch(notice)
    }
  )

  it('mints twice with uses: ./ and proves after each mint with the tested script', () => {
    const steps = doc.jobs.prove?.steps ?? []
    expect(steps.filter((s) => s.uses === './').map((s) => s.id)).toEqual(['first', 'second'])
    expect(steps.map((s) => s.run).filter((r) => r?.includes('live-proof'))).toEqual([
      'node scripts/live-proof.ts first',
      'node scripts/live-proof.ts second'
    ])
    expect(doc.jobs.prove?.if).toBe("needs.secrets.outputs.present == 'true'")
    expect(doc.jobs.prove?.permissions).toEqual({ contents: 'read' })
    expect(live?.text).toMatch(/each mint kills that account's previous token/)
  })
})
