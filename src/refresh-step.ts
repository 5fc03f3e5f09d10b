import { readFileSync } from 'node:fs'
import { createGitHub, parseTokenExpiration } from './github.ts'
import type { TokenInputs } from './inputs.ts'
import { Limit } from './limit.ts'
import type { Log } from './log.ts'
import type { Deps } from './deps.ts'
import { nameOf, refreshFailure, refreshSecret, type RefreshResult } from './refresh.ts'
import type { SecretInputs } from './secret-inputs.ts'
import { refreshSummary } from './refresh-summary.ts'
import { checkToken } from './token-check.ts'
import { readTrigger } from './trigger.ts'
import type { MintedToken } from './token-response.ts'

/** GitHub is asked at most this many things at once (reads of many targets go out together). */
const MAX_IN_FLIGHT = 8
const DAY_MS = 86_400_000
/** Warn about `github-token` this long before it expires, at the least. */
const WRITER_WARNING_MS = 30 * DAY_MS

export interface RefreshStepDeps extends Deps {
  log: Log
  inputs: TokenInputs
  secret: SecretInputs
  mint: () => Promise<MintedToken>
  publish: (minted: MintedToken) => void
}

/**
 * The scheduled refresh as a step: wires refresh.ts to GitHub, to the token check and to the
 * runner, then reports: outputs, warnings, the job summary, and a failure when a rotation stored
 * less than it should.
 */
export async function runRefresh(deps: RefreshStepDeps): Promise<void> {
  const { core, log, inputs, secret, clock } = deps
  const policy = {
    retries: inputs.retries,
    timeoutMs: inputs.timeoutMs,
    clock,
    random: deps.random,
    stop: deps.cancel
  }
  const read = (text: string): string => deps.redactor.read(text)
  const trigger = readTrigger(
    deps.env,
    (path) => readFileSync(path, 'utf8'),
    (text) => deps.redactor.redact(text)
  )
  if (trigger) log.info(trigger.line)
  let writerExpiry: string | undefined
  const client = {
    ...policy,
    send: deps.send,
    apiUrl: secret.apiUrl,
    token: secret.githubToken,
    redact: read,
    limit: new Limit(MAX_IN_FLIGHT),
    log: (line: string) => log.warning(line),
    onTokenExpiry: (value: string) => (writerExpiry ??= value)
  }
  const result = await refreshSecret(secret, {
    github: createGitHub(client),
    finishing: createGitHub({ ...client, stop: deps.cancel.finishing }),
    read,
    now: () => clock.now(),
    check: () =>
      checkToken(secret.check, secret.currentToken, {
        ...policy,
        send: deps.send,
        log: (line) => log.warning(line)
      }),
    mint: deps.mint,
    publish: deps.publish,
    log: (line) => log.info(line),
    warn: (line) => log.warning(line)
  })

  const written = result.outcomes.filter((o) => o.result === 'written')
  for (const outcome of written) log.info(`Stored the new token in ${nameOf(outcome)}.`)
  if (secret.dryRun) {
    for (const outcome of result.outcomes) {
      log.info(
        `Dry run: would ${outcome.result === 'would write' ? 'write' : 'leave unchanged'} ${nameOf(outcome)}.`
      )
    }
    log.info(
      result.decision.due
        ? `Dry run: a real run would mint one token and write it to ${result.outcomes.length} target${result.outcomes.length === 1 ? '' : 's'}. Nothing was minted or written.`
        : 'Dry run: a real run would change nothing.'
    )
  }
  const { decision } = result
  const stale = 'stale' in decision
  if (stale) log.notice(decision.reason)
  if (!result.minted) {
    core.setOutput('rotated', 'false')
    if (!decision.due && decision.expiresAt) {
      core.setOutput('expires_at', decision.expiresAt.toISOString())
    }
  }
  core.setOutput('targets', String(written.length))
  core.setOutput('token_check', stale ? 'stale' : result.check.state)
  // The token every target holds now, for a later step to copy to a store outside GitHub on
  // every run: the stored one when no mint replaced it and the check did not find it dead. A
  // stale run does not know the stored token, so the copy steps skip.
  if (
    !result.minted &&
    !stale &&
    secret.currentToken !== undefined &&
    result.check.state !== 'dead'
  ) {
    core.setOutput('token', secret.currentToken)
  }

  const warnings = writerWarnings(writerExpiry, result, clock.now())
  for (const warning of warnings) log.warning(warning)
  await log.summary(
    refreshSummary(
      secret.name,
      result,
      clock.now(),
      { dryRun: secret.dryRun, warnings, trigger: trigger?.markdown },
      deps.redactor
    )
  )
  const failure = refreshFailure(result, deps.cancel.cancelled)
  if (failure !== undefined) log.fail(failure)
}

/**
 * `github-token` expires too (fine-grained tokens last at most a year): warn when it expires
 * within 30 days, or before the stored Personr token is next due, when it would be needed.
 */
function writerWarnings(header: string | undefined, result: RefreshResult, now: number): string[] {
  const expiresAt = header === undefined ? undefined : parseTokenExpiration(header)
  if (expiresAt === undefined) return []
  const soon = expiresAt.getTime() - now <= WRITER_WARNING_MS
  const beforeDue = result.nextDue !== undefined && expiresAt < result.nextDue
  if (!soon && !beforeDue) return []
  const days = Math.max(0, Math.floor((expiresAt.getTime() - now) / DAY_MS))
  // The nearer of the two says most: within 30 days, the days left.
  const when = soon
    ? `in ${days} day${days === 1 ? '' : 's'}`
    : `before the stored Personr token is next due (${result.nextDue?.toISOString()})`
  return [
    `\`github-token\` expires at ${expiresAt.toISOString()}, ${when}. Renew it and update the secret that holds it before then, or the refresh will fail and the stored Personr token will expire.`
  ]
}
