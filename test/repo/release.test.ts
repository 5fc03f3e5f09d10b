// The release workflow can run only on GitHub; what can be checked here is what it is allowed to
// do and when it runs, and the script that decides the version and writes the notes.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { changelogEntry, releaseProblems, releaseVersion } from '../../scripts/release.ts'
import { NODE24, ROOT } from '../support/action.ts'

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  permissions?: Record<string, string>
  steps: Step[]
}
const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  on: Record<string, unknown>
  permissions: unknown
  jobs: Record<string, Job>
}
const jobs = Object.entries(workflow.jobs)

describe('release.yml', () => {
  it('runs on a pushed vX.Y.Z tag or by hand with a version, nothing else', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch'])
    expect(workflow.on.push).toEqual({ tags: ['v*.*.*'] })
    expect(workflow.on.workflow_dispatch).toEqual({
      inputs: { version: expect.objectContaining({ required: true, type: 'string' }) }
    })
  })

  it('grants nothing at the workflow level, write only to the job that attests and publishes', () => {
    expect(workflow.permissions).toEqual({})
    expect(Object.fromEntries(jobs.map(([name, job]) => [name, job.permissions]))).toEqual({
      check: { contents: 'read' },
      release: { contents: 'write', 'id-token': 'write', attestations: 'write' }
    })
  })

  // Dependencies' code runs in `npm ci` and `npm test`; it must not get the signing identity.
  it('runs npm only in jobs without write permissions, and releases only after them', () => {
    const npm = (job: string) =>
      (workflow.jobs[job]?.steps ?? []).filter((step) => /^\s*(npm|npx)\b/m.test(step.run ?? ''))
    expect(npm('release')).toEqual([])
    expect(npm('check').map((step) => step.run)).toEqual(['npm ci', 'npm test', 'npm run bundle'])
    expect(workflow.jobs.release?.needs).toBe('check')
  })

  it('attests every file in dist/ in the release job, which uses no other action but checkout', () => {
    const actions = jobs.flatMap(([name, job]) =>
      job.steps.flatMap((step) => (step.uses ? [[name, step.uses.split('@')[0], step.with]] : []))
    )
    expect(actions.filter(([name]) => name === 'release')).toEqual([
      ['release', 'actions/checkout', expect.anything()],
      ['release', 'actions/attest-build-provenance', { 'subject-path': 'dist/**' }]
    ])
    expect(
      actions.filter(([, action]) => action === 'actions/attest-build-provenance')
    ).toHaveLength(1)
  })

  it('checks the version with the script before anything else runs', () => {
    const check = workflow.jobs.check?.steps.map((step) => step.run ?? '') ?? []
    const versionCheck = check.findIndex((run) => run.includes('scripts/release.ts check'))
    expect(versionCheck).toBeGreaterThan(-1)
    expect(versionCheck).toBeLessThan(check.indexOf('npm ci'))
  })
})

describe('scripts/release.ts', () => {
  const changelog = `# Changelog

## [Unreleased]

## [1.2.0] - 2026-12-01

### Added

- Something new.

## [1.1.0] - 2026-11-01

## [1.0.0] - 2026-10-01

### Fixed

- The first fix.

[Unreleased]: ../../compare/v1.2.0...HEAD
[1.2.0]: ../../compare/v1.1.0...v1.2.0
`

  it.each([
    ['1.2.3', '1.2.3'],
    ['v1.2.3', '1.2.3'],
    [' v10.0.11 ', '10.0.11'],
    ['1.2', undefined],
    ['v1.2.3-rc.1', undefined],
    ['main', undefined],
    ['1.2.3.4', undefined]
  ])('reads %j as version %s', (text, version) => {
    expect(releaseVersion(text)).toBe(version)
  })

  it.each([
    // Under its heading, up to the next one; the link definitions at the end left out.
    [changelog, '1.2.0', '### Added\n\n- Something new.'],
    [changelog, '1.0.0', '### Fixed\n\n- The first fix.'],
    // None for a version without an entry, or with an empty one.
    [changelog, '1.1.0', undefined],
    [changelog, '1.3.0', undefined],
    [changelog, '1.2', undefined],
    ['## [1.20.0]\n\n- x\n', '1.2.0', undefined],
    // Headings without brackets or date, and CRLF.
    ['## 2.0.0\r\n\r\n- Big.\r\n', '2.0.0', '- Big.'],
    ['## [v2.0.0]\n- Big.\n', '2.0.0', '- Big.']
  ])('reads the entry of %#: %s', (text, version, entry) => {
    expect(changelogEntry(text, version)).toBe(entry)
  })

  it('finds no problem when package.json, src/version.ts and CHANGELOG.md agree, else names each', () => {
    const agreeing = { packageVersion: '1.2.0', sourceVersion: '1.2.0', changelog }
    expect(releaseProblems('v1.2.0', agreeing)).toEqual([])
    const sources = { packageVersion: '1.1.0', sourceVersion: '1.0.0', changelog }
    expect(releaseProblems('1.1.0', sources)).toEqual([
      expect.stringMatching(/^src\/version\.ts says 1\.0\.0, not 1\.1\.0/),
      expect.stringMatching(/^CHANGELOG\.md has no entry "## \[1\.1\.0\]"/)
    ])
    expect(releaseProblems('v9.9.9', sources)).toHaveLength(3)
    expect(releaseProblems('v1.2.0-beta', sources)).toEqual([
      expect.stringMatching(/is not a release version/)
    ])
  })

  function run(...args: string[]) {
    const result = spawnSync(NODE24, [join(ROOT, 'scripts', 'release.ts'), ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', GITHUB_ACTIONS: 'true' }
    })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  it('fails from the command line with one annotation per problem', () => {
    const result = run('check', 'v0.0.1')
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^::error::package\.json says/),
      expect.stringMatching(/^::error::src\/version\.ts says/),
      expect.stringMatching(/^::error::CHANGELOG\.md has no entry/)
    ])
  })

  it('refuses an unknown command or a version without notes', () => {
    expect(run('publish', '1.0.0')).toMatchObject({ status: 1, stderr: /usage/ })
    expect(run('notes', '0.0.1')).toMatchObject({ status: 1, stderr: /no entry for "0\.0\.1"/ })
  })
})
