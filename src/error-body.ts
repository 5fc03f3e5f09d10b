import { STATUS_CODES } from 'node:http'

/** "503 Service Unavailable", or just the number for a status Node has no name for. */
export function statusText(status: number): string {
  const name = STATUS_CODES[status]
  return name ? `${status} ${name}` : String(status)
}

/** What an error answer says, in whichever of the shapes Personr, Bubble or a gateway used. */
export interface ErrorDetails {
  reason?: string
  message?: string
}

/**
 * Reads `reason` and `message` out of an error body: Personr's top-level form (even the
 * published one with its trailing comma), Bubble's nested `body.status`/`body.message`,
 * GitHub's `{"message": …}`, or an HTML page's title. Returns {} when nothing usable is there.
 */
export function readErrorBody(body: string): ErrorDetails {
  const trimmed = body.trim()
  if (trimmed === '') return {}
  const json = parseLenient(trimmed)
  if (json !== undefined) return fromObject(json)
  if (/^</.test(trimmed)) {
    const title = text(/<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1])
    return title ? { message: `an HTML page titled "${title}"` } : { message: 'an HTML page' }
  }
  // Not JSON even leniently: pick the fields out one by one.
  return compact({
    reason: text(stringField(trimmed, 'reason')),
    message: text(stringField(trimmed, 'message'))
  })
}

function parseLenient(text: string): unknown {
  if (!/^[{[]/.test(text)) return undefined
  for (const candidate of [text, text.replace(/,\s*([}\]])/g, '$1')]) {
    try {
      return JSON.parse(candidate)
    } catch {
      // try the next form
    }
  }
  return undefined
}

function fromObject(json: unknown): ErrorDetails {
  if (!isRecord(json)) return {}
  const nested = isRecord(json.body) ? json.body : {}
  const status =
    typeof json.status === 'string' && json.status !== 'success' ? json.status : undefined
  return compact({
    reason: text(json.reason) ?? text(nested.status) ?? text(json.error) ?? status,
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

/** Longer texts are cut: an error line is for people, and a body may be up to 64 KiB. */
const MAX_TEXT = 300

function text(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  if (trimmed === '') return undefined
  return trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT)}…` : trimmed
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
