// The tarball GitHub serves for a tag is what every job that uses the action downloads:
// `git archive` of the commit, shaped by the export-ignore lines of .gitattributes.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it, onTestFinished } from 'vitest'
import { ROOT } from '../support/action.ts'

const git = (env: NodeJS.ProcessEnv, ...args: string[]): string =>
  execFileSync('git', args, { cwd: ROOT, env, encoding: 'utf8' }).trim()

it('holds action.yml, every file of dist/ and LICENSE, and nothing else: no source, tests or tooling', () => {
  // The commit and every change in the working tree, staged in a clone: staging in the repository,
  // even with an index of its own, would write objects (or touch their times) under .git.
  const dir = mkdtempSync(join(tmpdir(), 'personr-archive-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  const clone = join(dir, 'clone.git')
  execFileSync('git', ['clone', '--quiet', '--no-local', '--bare', ROOT, clone])
  // The repository's own ignore rules too (node_modules may be a symlink that only they ignore).
  const exclude = git(
    process.env,
    'rev-parse',
    '--path-format=absolute',
    '--git-path',
    'info/exclude'
  )
  if (existsSync(exclude)) copyFileSync(exclude, join(clone, 'info', 'exclude'))
  const env = {
    ...process.env,
    GIT_DIR: clone,
    GIT_WORK_TREE: ROOT,
    GIT_INDEX_FILE: join(dir, 'index')
  }
  git(env, 'read-tree', git(process.env, 'rev-parse', 'HEAD'))
  git(env, 'add', '-A')
  const tar = execFileSync('git', ['archive', '--format=tar', git(env, 'write-tree')], {
    cwd: ROOT,
    env
  })
  const files = execFileSync('tar', ['-t'], { input: tar, encoding: 'utf8' })
    .split('\n')
    .filter((name) => name !== '' && !name.endsWith('/'))
  const dist = git(env, 'ls-files', 'dist').split('\n').filter(Boolean)
  expect(dist.length).toBeGreaterThan(0)
  expect(files.sort()).toEqual(['action.yml', 'LICENSE', ...dist].sort())
})
