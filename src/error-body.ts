import { STATUS_CODES } from 'node:http'
import { isRecord, parseJson } from './json.ts'
import { shorten } from './sanitize.ts'

/** "503 Service Unavailable", or just the number for a status Node has no name for. */
export function statusText(status: number): string {
  const name = STATUS_CODES[status]
  return name ? `${status} ${name}` : String(status)
}

/** What an error response says, in whichever of the shapes Personr, Bubble or a gateway used. */
export interface ErrorDetails {
  reason?: string
  message?: string
}

/** Longer texts are cut: an error line is for people, and a body may be up to 64 KiB. */
export const MAX_QUOTE = 300

/**
 * Reads `reason` and `message` out of an error body: Personr's top-level form (even the
 * published one with its trailing comma), Bubble's nested `body.status`/`body.message`,
 * GitHub's `{"message": …}`, or an HTML page's title. Returns {} when nothing usable is there.
 * Each text is redacted before it is cut, so a cut can never leave part of a secret behind.
 */
export function readErrorBody(body: string, redact: (text: string) => string): ErrorDetails {
  const text = (value: unknown): string | undefined => quote(value, redact)
  const trimmed = body.trim()
  const json = parseJson(trimmed)
  if (json !== undefined) return fromObject(json, text)
  if (trimmed.startsWith('<')) {
    const title = text(htmlTitle(trimmed))
    return title ? { message: `an HTML page titled "${title}"` } : { message: 'an HTML page' }
  }
  // Not JSON even leniently: pick the fields out one by one.
  return compact({
    reason: text(stringField(trimmed, 'reason')),
    message: text(stringField(trimmed, 'message'))
  })
}

/** A text from a server, trimmed, read and redacted (Redactor.read), then cut; undefined when blank. */
export function quote(value: unknown, redact: (text: string) => string): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  return trimmed === '' ? undefined : shorten(redact(trimmed), MAX_QUOTE)
}

/**
 * The text of the first `<title>…</title>`, found with plain index searches so that a hostile
 * page of many unclosed `<title` tags costs linear time (a regular expression here backtracks).
 */
function htmlTitle(page: string): string | undefined {
  const lower = page.toLowerCase()
  const end = lower.indexOf('</title>')
  if (end < 0) return undefined
  const start = lower.lastIndexOf('<title', end)
  if (start < 0) return undefined
  // '</title>' holds a '>', so one is always found; one past `end` means the tag never closed.
  const open = page.indexOf('>', start)
  if (open > end) return undefined
  const title = page.slice(open + 1, end)
  return title.includes('<') ? undefined : title
}

function fromObject(json: unknown, text: (value: unknown) => string | undefined): ErrorDetails {
  if (!isRecord(json)) return {}
  const nested = isRecord(json.body) ? json.body : {}
  // A status other than success is Personr's reason; GitHub's "403" only repeats the HTTP code.
  const status =
    typeof json.status === 'string' && json.status !== 'success' && !/^\d{3}$/.test(json.status)
      ? json.status
      : undefined
  return compact({
    reason: text(json.reason) ?? text(nested.status) ?? text(json.error) ?? text(status),
    message: text(json.message) ?? text(nested.message) ?? text(json.error_description)
  })
}

function stringField(text: string, name: string): string | undefined {
  const match = new RegExp(`"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(text)
  if (!match?.[1]) return undefined
  try {
    return JSON.parse(`"${match[1]}"`) as string
  } catch {
    return match[1]
  }
}

function compact(details: {
  reason?: string | undefined
  message?: string | undefined
}): ErrorDetails {
  const out: ErrorDetails = {}
  if (details.reason) out.reason = details.reason
  if (details.message) out.message = details.message
  return out
}

/** "(REASON): message", "(REASON)", ": message" or "", to follow a sentence. */
export function formatDetails({ reason, message }: ErrorDetails): string {
  return `${reason ? ` (${reason})` : ''}${message ? `: ${message}` : ''}`
}
