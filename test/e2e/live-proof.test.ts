// The live self-test's script (scripts/live-proof.ts) against the simulator, between two mints by
// the bundle, as .github/workflows/live.yml runs it against the real Personr: it cannot rot
// unseen, and it can fail.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { NODE24, ROOT, runAction } from '../support/action.ts'
import { track } from '../support/children.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'

let personr: Simulator
beforeEach(async () => {
  personr = await startSimulator()
})
afterEach(() => personr.close())

async function mint(which: string): Promise<Record<string, string>> {
  const run = await runAction({ inputs: { ...DEFAULT_ACCOUNT, 'api-url': personr.url } })
  expect(run.code, run.stdout).toBe(0)
  const { token = '', user_id = '', expires = '' } = run.outputs
  return { [`${which}_TOKEN`]: token, [`${which}_USER_ID`]: user_id, [`${which}_EXPIRES`]: expires }
}

function prove(stage: string, env: Record<string, string>) {
  const summaryFile = join(mkdtempSync(join(tmpdir(), 'live-proof-')), 'summary')
  writeFileSync(summaryFile, '')
  const child = track(
    spawn(NODE24, [join(ROOT, 'scripts', 'live-proof.ts'), stage], {
      env: {
        PATH: process.env.PATH,
        API_URL: personr.url,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...env
      }
    })
  )
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise<{ code: number | null; out: string; summary: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out, summary: readFileSync(summaryFile, 'utf8') }))
  )
}

it('proves the shape, the default check and the invalidation rule, showing no token, and can fail', async () => {
  const first = await mint('FIRST')
  // A lifetime other than a year, and a "second" mint that never happened: the first token
  // still works.
  const wrongShape = await prove('first', { ...first, FIRST_EXPIRES: '3600' })
  expect(wrongShape.code).toBe(1)
  expect(wrongShape.out).toContain(
    '::error::Not proven: A mint answers in the shape the action assumes (expires is "3600", not 31536000).'
  )
  const notReplaced = await prove('second', {
    ...first,
    SECOND_TOKEN: first.FIRST_TOKEN ?? '',
    SECOND_USER_ID: first.FIRST_USER_ID ?? '',
    SECOND_EXPIRES: '31536000'
  })
  expect(notReplaced.code).toBe(1)
  expect(notReplaced.out).toContain(
    '::error::Not proven: After a second mint, the first token is refused (alive: 400 Bad Request).'
  )
  expect(notReplaced.summary).toContain(
    '| After a second mint, the first token is refused | **failed** |'
  )

  const before = personr.requests.length
  const one = await prove('first', first)
  const second = await mint('SECOND')
  const two = await prove('second', { ...first, ...second })
  expect(one.code, one.out).toBe(0)
  expect(two.code, two.out).toBe(0)
  expect(
    `${one.summary}${two.summary}`.match(/^\| .+ \| (passed|\*\*failed\*\*) \| .+ \|$/gm)
  ).toEqual([
    expect.stringMatching(
      /^\| A mint answers in the shape the action assumes \| passed \| bus\|<user_id>\|<id>, user_id \d+x\d+, expires 31536000 \|$/
    ),
    '| The minted token passes the default check | passed | alive: 400 Bad Request |',
    expect.stringMatching(/^\| A second mint answers in the same shape \| passed \|/),
    '| After a second mint, the first token is refused | passed | dead: 401 Unauthorized |',
    '| The second token passes the default check | passed | alive: 400 Bad Request |'
  ])
  expect(two.out).toContain(
    'Proven: After a second mint, the first token is refused (dead: 401 Unauthorized).'
  )
  for (const token of [first.FIRST_TOKEN, second.SECOND_TOKEN]) {
    for (const text of [one.out, one.summary, two.out, two.summary, notReplaced.out]) {
      expect(text).not.toContain(token)
    }
  }
  // The check is a use: it keeps the token alive, and it went where the action sends it.
  const checks = personr.requests
    .slice(before)
    .filter((r) => r.path === '/api/1.1/wf/api-applicant-status')
  expect(checks.map((r) => [r.method, r.fields])).toEqual([
    ['POST', {}],
    ['POST', {}],
    ['POST', {}]
  ])
})
