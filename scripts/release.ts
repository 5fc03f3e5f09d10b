// The checks and notes of .github/workflows/release.yml, runnable before tagging too:
//   node scripts/release.ts check <X.Y.Z | vX.Y.Z>
//     fails unless package.json, src/version.ts and a CHANGELOG.md entry all say that version;
//     prints version=, tag= and major= lines for $GITHUB_OUTPUT.
//   node scripts/release.ts notes <X.Y.Z>
//     prints that version's CHANGELOG.md entry, the release notes.
// Node builtins only: the release job runs it without npm ci.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(import.meta.dirname, '..')

/** `X.Y.Z` from `X.Y.Z` or `vX.Y.Z`; undefined for anything else, pre-releases included. */
export function releaseVersion(text: string): string | undefined {
  return /^v?(\d+\.\d+\.\d+)$/.exec(text.trim())?.[1]
}

/**
 * The body of the CHANGELOG entry headed `## [X.Y.Z]` (Keep a Changelog; a date may follow),
 * without its heading or the link definitions that end the file; undefined when there is none.
 */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/)
  const heading = new RegExp(`^## \\[?v?${version.replace(/\./g, '\\.')}\\]?(\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start === -1) return undefined
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => /^## /.test(line))
  const body = (end === -1 ? rest : rest.slice(0, end))
    .filter((line) => !/^\[[^\]]+\]:\s/.test(line))
    .join('\n')
    .trim()
  return body === '' ? undefined : body
}

export interface ReleaseSources {
  packageVersion: string
  sourceVersion: string
  changelog: string
}

/** Why `requested` cannot be released from these sources; empty when it can. */
export function releaseProblems(requested: string, sources: ReleaseSources): string[] {
  const version = releaseVersion(requested)
  if (version === undefined) {
    return [`"${requested}" is not a release version: use X.Y.Z or vX.Y.Z (no pre-releases).`]
  }
  const problems: string[] = []
  if (sources.packageVersion !== version) {
    problems.push(
      `package.json says ${sources.packageVersion}, not ${version}: run npm version ${version} --no-git-tag-version.`
    )
  }
  if (sources.sourceVersion !== version) {
    problems.push(`src/version.ts says ${sources.sourceVersion}, not ${version}: set VERSION.`)
  }
  if (changelogEntry(sources.changelog, version) === undefined) {
    problems.push(
      `CHANGELOG.md has no entry "## [${version}]" with content: move the Unreleased entries under it.`
    )
  }
  return problems
}

async function readSources(): Promise<ReleaseSources> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const { VERSION } = (await import('../src/version.ts')) as { VERSION: string }
  return {
    packageVersion: pkg.version,
    sourceVersion: VERSION,
    changelog: readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')
  }
}

function fail(...messages: string[]): never {
  const prefix = process.env.GITHUB_ACTIONS === 'true' ? '::error::' : ''
  for (const message of messages) process.stderr.write(`${prefix}${message}\n`)
  process.exit(1)
}

async function main([command, requested = '']: string[]): Promise<void> {
  const sources = await readSources()
  if (command === 'check') {
    const problems = releaseProblems(requested, sources)
    if (problems.length > 0) fail(...problems)
    const version = releaseVersion(requested) ?? ''
    process.stdout.write(`version=${version}\ntag=v${version}\nmajor=v${version.split('.')[0]}\n`)
  } else if (command === 'notes') {
    const entry = changelogEntry(sources.changelog, releaseVersion(requested) ?? requested)
    if (entry === undefined) fail(`CHANGELOG.md has no entry for "${requested}".`)
    process.stdout.write(`${entry}\n`)
  } else {
    fail('usage: node scripts/release.ts check|notes <version>')
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2))
}
