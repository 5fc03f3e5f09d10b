import { isRecord, parseJson } from './json.ts'
import { link, text } from './markdown.ts'

/** What started the run, for the log (`line`) and the job summary (`markdown`). */
export interface Trigger {
  line: string
  markdown: string
}

/**
 * Reads GITHUB_EVENT_NAME and the event's payload (GITHUB_EVENT_PATH): the schedule, a dispatch,
 * or the run whose end started this one, by name and link. Undefined outside a workflow run; a
 * payload that cannot be read only loses the details. The Markdown is redacted with `redact`
 * before it is escaped, as every summary value is.
 */
export function readTrigger(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
  redact: (text: string) => string = (text) => text
): Trigger | undefined {
  const event = env.GITHUB_EVENT_NAME
  if (event === undefined || event === '') return undefined
  let payload: Record<string, unknown> = {}
  try {
    const json = parseJson(env.GITHUB_EVENT_PATH ? readFile(env.GITHUB_EVENT_PATH) : '')
    if (isRecord(json)) payload = json
  } catch {
    // No payload: the event's name still says what started the run.
  }
  const plain = (words: string): Trigger => ({ line: words, markdown: text(redact(words)) })
  const str = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined
  switch (event) {
    case 'schedule': {
      const cron = str(payload.schedule)
      return plain(`Started by the schedule${cron ? ` (cron "${cron}")` : ''}.`)
    }
    case 'workflow_dispatch': {
      const sender = isRecord(payload.sender) ? str(payload.sender.login) : undefined
      return plain(
        `Started by hand or by a dispatch (workflow_dispatch)${sender ? ` from ${sender}` : ''}.`
      )
    }
    case 'workflow_run':
      return ranAfter(isRecord(payload.workflow_run) ? payload.workflow_run : {}, redact)
    default:
      return plain(`Started by a ${event} event.`)
  }
}

/** `workflow_run`: the run that ended, by name, number, conclusion and link. */
function ranAfter(run: Record<string, unknown>, redact: (text: string) => string): Trigger {
  const name = typeof run.name === 'string' ? run.name : 'a workflow'
  const number = typeof run.run_number === 'number' ? ` #${run.run_number}` : ''
  const conclusion = typeof run.conclusion === 'string' ? run.conclusion : 'unknown'
  const url = typeof run.html_url === 'string' ? run.html_url : undefined
  const ended = conclusion === 'failure' ? 'failed' : `ended (${conclusion})`
  const label = `"${name}"${number}`
  return {
    line: `Started because the run ${label} ${ended}${url ? `: ${url}` : ''}.`,
    markdown: `${text('Started because the run')} ${url ? link(redact(label), url) : text(redact(label))} ${text(`${ended}.`)}`
  }
}
