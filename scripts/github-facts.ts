// The proofs of the GitHub self-test (.github/workflows/github-facts.yml): the refresh's guard
// and its heal rest on three facts of GitHub's that the simulator cannot show, so a workflow on
// the real GitHub shows them. Tokens are only ever named by fingerprint (src/record.ts).
//
//   node scripts/github-facts.ts fingerprint NAME…   for each NAME, the fingerprint of the
//                                                    environment variable NAME (or `none`) as a
//                                                    step output of that name, lower-cased
//   node scripts/github-facts.ts report              compares what the rotating job saw with
//                                                    what the job after it was handed (below),
//                                                    writes the job summary, fails if a fact broke
//
// report reads REPO_BEFORE, REPO_AFTER, REPO_SEEN, ENV_BEFORE, ENV_AFTER, ENV_SEEN (fingerprints)
// and DROPPED (a job output that held the masked token) and KEPT (one that did not).
import { appendFileSync } from 'node:fs'
import { fingerprint } from '../src/record.ts'

const env = process.env
const print = (value: string | undefined): string =>
  value === undefined || value === '' ? 'none' : fingerprint(value)

interface Fact {
  fact: string
  holds: boolean
  seen: string
}

/** Each fact the design rests on, from what the two jobs saw. */
export function facts(seen: NodeJS.ProcessEnv): Fact[] {
  const { REPO_BEFORE, REPO_AFTER, REPO_SEEN, ENV_BEFORE, ENV_AFTER, ENV_SEEN } = seen
  return [
    {
      fact: 'A repository secret is read when the run is queued: a later job gets the token from before a rotation',
      holds: REPO_SEEN === REPO_BEFORE && REPO_BEFORE !== REPO_AFTER,
      seen: `before ${REPO_BEFORE}, rotated to ${REPO_AFTER}, the later job got ${REPO_SEEN}`
    },
    {
      fact: 'An environment secret is read when the job starts: a later job gets the rotated token',
      holds: ENV_SEEN === ENV_AFTER && ENV_BEFORE !== ENV_AFTER,
      seen: `before ${ENV_BEFORE}, rotated to ${ENV_AFTER}, the later job got ${ENV_SEEN}`
    },
    {
      fact: 'A job output that holds a masked value is dropped',
      holds: seen.DROPPED === '' && seen.KEPT !== undefined && seen.KEPT !== '',
      seen: `the masked token arrived ${seen.DROPPED ? 'whole' : 'empty'}; a plain output arrived ${seen.KEPT ? 'whole' : 'empty'}`
    }
  ]
}

function report(): number {
  const all = facts(env)
  const rows = all.map((f) => `| ${f.fact} | ${f.holds ? 'holds' : '**broken**'} | ${f.seen} |`)
  const verdict = all.every((f) => f.holds)
    ? 'GitHub still behaves as the refresh assumes.'
    : 'GitHub no longer behaves as the refresh assumes: the stale-view guard or the heal may be wrong. Report it.'
  const summary = [
    '### GitHub self-test',
    '',
    '| Fact | | Seen |',
    '| --- | --- | --- |',
    ...rows,
    '',
    verdict,
    ''
  ]
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary.join('\n'))
  for (const f of all) console.log(`${f.holds ? 'holds ' : 'BROKEN'}  ${f.fact}: ${f.seen}`)
  console.log(verdict)
  return all.every((f) => f.holds) ? 0 : 1
}

function outputs(names: string[]): number {
  const lines = names.map((name) => `${name.toLowerCase()}=${print(env[name])}`)
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${lines.join('\n')}\n`)
  for (const line of lines) console.log(line)
  return 0
}

const [mode, ...names] = process.argv.slice(2)
if (import.meta.main) {
  if (mode === 'fingerprint' && names.length > 0) process.exitCode = outputs(names)
  else if (mode === 'report') process.exitCode = report()
  else {
    console.error('usage: node scripts/github-facts.ts fingerprint NAME… | report')
    process.exitCode = 2
  }
}
