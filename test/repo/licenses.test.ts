// The code in dist/ ships to every user under its authors' licenses: only these permissive ones are
// allowed. build/bundle.ts writes dist/licenses.txt: for each bundled package its name, its license
// as its package.json states it (no line when there is none), then its license text.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionDir, ROOT } from '../support/action.ts'

const ALLOWED = new Set(['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause'])

interface Licensed {
  name: string
  license: string | undefined
}

/** The packages licenses.txt lists: a paragraph that opens with a package name, then its license. */
function listed(text: string): Licensed[] {
  const entries = text.matchAll(/(?:^|\n\n)((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)\n([^\n]*)/g)
  // Where the license line is missing, the next line is license text, which is no identifier.
  return [...entries].map(([, name = '', line = '']) => ({
    name,
    license: /^\S+$|^\(.+\)$/.test(line) ? line : undefined
  }))
}

/** Each package whose license is not allowed, as "name: license"; empty when all are. */
function licenseProblems(packages: Licensed[]): string[] {
  return packages
    .filter(({ license }) => !ALLOWED.has(license ?? ''))
    .map(({ name, license }) => `${name}: ${license ?? 'no license stated'}`)
}

const built = readFileSync(join(actionDir(), 'dist', 'licenses.txt'), 'utf8')
// From the index, as the tarball test reads dist/: the working tree may have none.
const committed = execFileSync('git', ['show', ':dist/licenses.txt'], {
  cwd: ROOT,
  encoding: 'utf8'
})
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, unknown>
}

describe('licenses of the bundled packages', () => {
  it.each([
    ['the bundle built for this run', built],
    ['the committed dist/', committed]
  ])('are all allowed in %s', (_, text) => {
    expect(licenseProblems(listed(text))).toEqual([])
  })

  // build/bundle.ts lists every bundled package, those of dist/index.js too (ncc's own license
  // file kept only the last chunk's).
  it('are read for every package of every file of dist/, each one installed', () => {
    const names = listed(built).map((entry) => entry.name)
    const some = ['@actions/core', '@actions/http-client', 'tunnel', 'character-entities']
    expect(names).toEqual(expect.arrayContaining([...some, 'form-data', 'libsodium-wrappers']))
    expect(names.filter((name) => !lock.packages[`node_modules/${name}`])).toEqual([])
  })

  it.each([
    [
      'a license outside the list',
      'form-data\nMIT\n',
      'form-data\nGPL-3.0\n',
      'form-data: GPL-3.0'
    ],
    ['no license stated', 'libsodium\nISC\n', 'libsodium\n', 'libsodium: no license stated']
  ])('fail the check with %s, naming the package', (_, from, to, problem) => {
    const text = built.replace(`\n${from}`, `\n${to}`)
    expect(text).not.toBe(built)
    expect(licenseProblems(listed(text))).toEqual([problem])
  })
})
