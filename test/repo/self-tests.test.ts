// The two workflows that prove, on the real services, what the simulator and the fakes assume:
// live.yml (Personr, with a live account's password) and github-facts.yml (GitHub, with a token
// that may write this repository's secrets). Neither may hand its secret to a branch's code, and
// a job that holds one installs nothing that runs an install script.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { parse } from 'yaml'
import { fingerprint } from '../../src/record.ts'
import { NODE24, ROOT } from '../support/action.ts'

interface Step {
  id?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string>
}
interface Job {
  if?: string
  needs?: string | string[]
  environment?: { name: string; deployment?: boolean }
  outputs?: Record<string, string>
  steps?: Step[]
}
const workflow = (file: string) =>
  parse(readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8')) as {
    on: Record<string, unknown>
    jobs: Record<string, Job>
  }

/** The bare package names a script reaches through its static imports, transitively. */
function packagesReached(script: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const [, spec = ''] of text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec))
      else if (!spec.startsWith('node:'))
        packages.add(
          spec.startsWith('@')
            ? spec.split('/').slice(0, 2).join('/')
            : (spec.split('/')[0] ?? spec)
        )
    }
  }
  visit(join(ROOT, script))
  return packages
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}

describe('the live self-test holds the live password in the environment `live`', () => {
  const live = workflow('live.yml')

  it('in every job that reads it, from the default branch only', () => {
    const jobs = Object.values(live.jobs)
    const reading = jobs.filter((job) => JSON.stringify(job).includes('PERSONR_LIVE_'))
    expect(reading.length).toBeGreaterThan(1)
    for (const job of reading) expect(job.environment).toEqual({ name: 'live', deployment: false })
    expect(live.jobs.secrets?.if).toBe(
      "github.event_name == 'schedule' || github.ref_name == github.event.repository.default_branch"
    )
  })

  it('installs the runtime dependencies only, and runs no install script', () => {
    const installs = (live.jobs.prove?.steps ?? []).filter((s) =>
      /\bnpm (ci|install)\b/.test(s.run ?? '')
    )
    expect(installs.map((s) => s.run)).toEqual([
      'npm ci --omit=dev --ignore-scripts --no-audit --no-fund'
    ])
    const reached = packagesReached('scripts/live-proof.ts')
    expect(reached).toContain('@actions/http-client')
    const outside = [...reached].filter((p) => !(p in pkg.dependencies))
    expect(outside).toEqual([])
  })
})

describe('the GitHub self-test', () => {
  const facts = workflow('github-facts.yml')

  it('rotates a repository and an environment secret in one job, and observes them in the next', () => {
    const rotate = facts.jobs.rotate
    const observe = facts.jobs.observe
    expect(rotate?.needs).toBe('secrets')
    expect(rotate?.if).toBe("needs.secrets.outputs.present == 'true'")
    expect(observe?.needs).toBe('rotate')
    for (const job of [rotate, observe]) {
      expect(job?.environment).toEqual({ name: 'github-facts', deployment: false })
    }
    const ours = (rotate?.steps ?? []).filter((s) => s.uses === './')
    expect(ours.map((s) => [s.with?.['secret-name'], s.with?.['secret-environment']])).toEqual([
      ['FACTS_REPO_TOKEN', undefined],
      ['FACTS_ENV_TOKEN', 'github-facts']
    ])
    expect(rotate?.outputs?.dropped).toBe('${{ steps.repo.outputs.token }}')
    // Nothing is installed: the simulator and the proofs need Node alone.
    const all = [...(rotate?.steps ?? []), ...(observe?.steps ?? [])]
    expect(all.filter((s) => /\bnpm\b/.test(s.run ?? ''))).toEqual([])
    expect(packagesReached('scripts/github-facts.ts')).toEqual(new Set())
    expect(packagesReached('scripts/simulator.ts')).toEqual(new Set())
  })

  /** Runs the script as a step would; returns its exit code, stdout and the files it wrote. */
  function script(args: string[], env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') }
    for (const file of Object.values(files)) writeFileSync(file, '')
    const run = spawnSync(NODE24, ['scripts/github-facts.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...files, ...env },
      encoding: 'utf8'
    })
    const read = (file: string): string => readFileSync(file, 'utf8')
    return {
      code: run.status,
      stdout: run.stdout,
      output: read(files.GITHUB_OUTPUT),
      summary: read(files.GITHUB_STEP_SUMMARY)
    }
  }

  it('names each secret by fingerprint only', () => {
    const token = 'bus|1665086295388x405886519539808060|1700000000000x123456789012345678'
    const run = script(['fingerprint', 'FACTS_REPO_TOKEN', 'FACTS_ENV_TOKEN'], {
      FACTS_REPO_TOKEN: token
    })
    expect(run.code).toBe(0)
    expect(run.output).toBe(`facts_repo_token=${fingerprint(token)}\nfacts_env_token=none\n`)
    expect(`${run.stdout}${run.output}`).not.toContain('1700000000000x')
  })

  const AS_DESIGNED = {
    REPO_BEFORE: 'aaaaaaaa',
    REPO_AFTER: 'bbbbbbbb',
    REPO_SEEN: 'aaaaaaaa',
    ENV_BEFORE: 'none',
    ENV_AFTER: 'cccccccc',
    ENV_SEEN: 'cccccccc',
    DROPPED: '',
    KEPT: 'bbbbbbbb'
  }
  it.each([
    ['as designed', {}, 0, 'GitHub still behaves as the refresh assumes.'],
    ['a repository secret read at job start', { REPO_SEEN: 'bbbbbbbb' }, 1, 'no longer behaves'],
    ['an environment secret read at queue time', { ENV_SEEN: 'none' }, 1, 'no longer behaves'],
    ['a masked job output let through', { DROPPED: 'bus|x|y' }, 1, 'no longer behaves'],
    ['no job output at all', { KEPT: '' }, 1, 'no longer behaves']
  ])('reports GitHub %s', (_, change, code, verdict) => {
    const run = script(['report'], { ...AS_DESIGNED, ...change })
    expect(run.code).toBe(code)
    expect(run.summary).toMatch(/^### GitHub self-test\n/)
    expect(run.summary).toContain(verdict)
    expect(run.summary.match(/\| holds \|/g)?.length ?? 0).toBe(code === 0 ? 3 : 2)
    expect(run.summary).not.toContain('bus|x|y')
  })

  it('refuses anything else, saying how it is used', () => {
    const run = script([], {})
    expect(run.code).toBe(2)
    expect(run.output).toBe('')
  })
})
