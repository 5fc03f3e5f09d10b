// The proofs of the live self-test (.github/workflows/live.yml), run between mints made with
// `uses: ./`: against the real Personr there, against the simulator in npm test
// (test/e2e/live-proof.test.ts). The check is the action's own code, so what it proves is what
// the refresh relies on. It prints statuses and verdicts, never a token.
//
//   node scripts/live-proof.ts first    after one mint:  FIRST_TOKEN, FIRST_USER_ID, FIRST_EXPIRES
//   node scripts/live-proof.ts second   after another:   the same, and SECOND_*
// API_URL is Personr's workflow API (the action's default when unset). Each proof is a row of
// the job summary (GITHUB_STEP_SUMMARY); any failed proof fails the step.
import { appendFileSync } from 'node:fs'
import { realClock } from '../src/clock.ts'
import { createTransport, MAX_RESPONSE_BYTES } from '../src/http.ts'
import { INPUT_DEFAULTS } from '../src/inputs.ts'
import { DEFAULT_CHECK_PATH } from '../src/secret-inputs.ts'
import { checkToken, type CheckResult } from '../src/token-check.ts'
import { joinPath } from '../src/url.ts'
import { USER_AGENT } from '../src/version.ts'

interface Minted {
  token: string
  userId: string
  expires: string
}
interface Proof {
  name: string
  passed: boolean
  seen: string
}

/** Personr's one-year lifetime, in seconds, as the API page states it. */
const LIFETIME = '31536000'
const BUBBLE_ID = /^\d+x\d+$/

const env = process.env
const minted = (which: 'FIRST' | 'SECOND'): Minted => ({
  token: env[`${which}_TOKEN`] ?? '',
  userId: env[`${which}_USER_ID`] ?? '',
  expires: env[`${which}_EXPIRES`] ?? ''
})

/** The answer as the action assumes it: `bus|<user_id>|<id>` (or the older bare id), a year. */
function shape(name: string, m: Minted): Proof {
  const problems = [
    !BUBBLE_ID.test(m.userId) && `user_id "${m.userId}" is not a Bubble id`,
    !(m.token.startsWith(`bus|${m.userId}|`) || BUBBLE_ID.test(m.token)) &&
      `the token (${m.token.length} characters) is neither bus|<user_id>|<id> nor a bare id`,
    m.expires !== LIFETIME && `expires is "${m.expires}", not ${LIFETIME}`
  ].filter((p): p is string => typeof p === 'string')
  return {
    name,
    passed: problems.length === 0,
    seen: problems.join('; ') || `bus|<user_id>|<id>, user_id ${m.userId}, expires ${m.expires}`
  }
}

/** The default check as the refresh sends it; `status` is what Bubble must answer. */
function checked(name: string, result: CheckResult, state: CheckResult['state'], status: number) {
  return {
    name,
    passed: result.state === state && result.seen.startsWith(`${status} `),
    seen: `${result.state}: ${result.seen}`
  }
}

async function main(stage: string): Promise<Proof[]> {
  if (stage !== 'first' && stage !== 'second') throw new Error('usage: live-proof.ts first|second')
  const transport = createTransport(USER_AGENT, MAX_RESPONSE_BYTES)
  const apiUrl = new URL(env.API_URL || (INPUT_DEFAULTS['api-url'] ?? ''))
  const check = (token: string) =>
    checkToken(
      { url: joinPath(apiUrl, DEFAULT_CHECK_PATH), method: 'POST', label: DEFAULT_CHECK_PATH },
      token,
      {
        send: transport.send,
        clock: realClock,
        random: Math.random,
        retries: 2,
        timeoutMs: 30_000,
        log: console.log
      }
    )
  try {
    const first = minted('FIRST')
    if (stage === 'first') {
      return [
        shape('A mint answers in the shape the action assumes', first),
        checked('The minted token passes the default check', await check(first.token), 'alive', 400)
      ]
    }
    const second = minted('SECOND')
    return [
      shape('A second mint answers in the same shape', second),
      checked(
        'After a second mint, the first token is refused',
        await check(first.token),
        'dead',
        401
      ),
      checked('The second token passes the default check', await check(second.token), 'alive', 400)
    ]
  } finally {
    transport.close()
  }
}

const proofs = await main(process.argv[2] ?? '')
const rows = proofs.map((p) => `| ${p.name} | ${p.passed ? 'passed' : '**failed**'} | ${p.seen} |`)
if (env.GITHUB_STEP_SUMMARY) {
  appendFileSync(
    env.GITHUB_STEP_SUMMARY,
    ['| Proof | Result | Seen |', '| --- | --- | --- |', ...rows, ''].join('\n')
  )
}
for (const p of proofs) {
  console.log(
    p.passed ? `Proven: ${p.name} (${p.seen}).` : `::error::Not proven: ${p.name} (${p.seen}).`
  )
}
if (proofs.some((p) => !p.passed)) process.exitCode = 1
