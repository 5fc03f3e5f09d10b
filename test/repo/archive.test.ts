// The tarball GitHub serves for a tag is what every job that uses the action downloads:
// `git archive` of the commit, shaped by the export-ignore lines of .gitattributes.
import { execFileSync } from 'node:child_process'
import { expect, it } from 'vitest'
import { ROOT } from '../support/action.ts'

const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' })

it('holds action.yml, every file of dist/ and LICENSE, and nothing else: no source, tests or tooling', () => {
  // A tree of the index, so the test sees what the next commit would ship (the working tree may
  // lack dist/: npm test builds its own).
  const tar = execFileSync('git', ['archive', '--format=tar', git('write-tree').trim()], {
    cwd: ROOT
  })
  const files = execFileSync('tar', ['-t'], { input: tar, encoding: 'utf8' })
    .split('\n')
    .filter((name) => name !== '' && !name.endsWith('/'))
  const dist = git('ls-files', 'dist').split('\n').filter(Boolean)
  expect(dist.length).toBeGreaterThan(0)
  expect(files.sort()).toEqual(['action.yml', 'LICENSE', ...dist].sort())
})
