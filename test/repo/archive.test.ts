// The tarball GitHub serves for a tag is what every job that uses the action downloads:
// `git archive` of the commit, shaped by the export-ignore lines of .gitattributes.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/action.ts'

/** The files `git archive` would put in a tarball of the working tree's index. */
function archived(): string[] {
  // A tree of the index, so the test sees what the next commit would ship.
  const tree = execFileSync('git', ['write-tree'], { cwd: ROOT, encoding: 'utf8' }).trim()
  const tar = execFileSync('git', ['archive', '--format=tar', tree], { cwd: ROOT })
  return execFileSync('tar', ['-t'], { input: tar, encoding: 'utf8' })
    .split('\n')
    .filter((name) => name !== '' && !name.endsWith('/'))
}

function committedDist(): string[] {
  const listing = execFileSync('git', ['ls-files', 'dist'], { cwd: ROOT, encoding: 'utf8' })
  return listing.split('\n').filter((name) => name !== '')
}

describe('the tarball of a tag', () => {
  const files = archived()

  it('holds action.yml, every file of dist/ and LICENSE', () => {
    expect(files).toEqual(expect.arrayContaining(['action.yml', 'LICENSE', ...committedDist()]))
    expect(committedDist().length).toBeGreaterThan(0)
  })

  it('holds nothing else: no source, tests, lock file, tooling or workflows', () => {
    const expected = new Set(['action.yml', 'LICENSE', ...committedDist()])
    expect(files.filter((file) => !expected.has(file))).toEqual([])
  })

  it('leaves out every top-level entry of the repository except those', () => {
    const kept = new Set([
      'action.yml',
      'dist',
      'LICENSE',
      '.git',
      'node_modules',
      'coverage',
      'reports'
    ])
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((name) => name.split('/')[0] ?? '')
      .filter((name) => name !== '' && !kept.has(name))
    for (const name of new Set(tracked)) {
      expect(
        files.some((file) => file === name || file.startsWith(`${name}/`)),
        name
      ).toBe(false)
    }
    // The bundle is in the index (the working tree may lack dist/: npm test builds its own).
    expect(committedDist().length).toBeGreaterThan(0)
  })
})
