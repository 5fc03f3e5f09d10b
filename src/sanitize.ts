/**
 * Characters that can change how a log line is read: C0 and C1 controls (CR, LF, ESC for ANSI
 * sequences), DEL, line and paragraph separators, zero-width and bidirectional formatting marks,
 * and the byte-order mark.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * Makes text the action did not write safe to print on one log line: every unsafe character
 * becomes a visible escape (`\n`, `\u001b`), so nothing can start a new line, and the runner's
 * command markers (`::` at the start of a line, `##[` anywhere) are broken up.
 */
export function sanitize(text: string): string {
  const escaped = text.replace(
    UNSAFE,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return escaped.replaceAll('##[', '##\\[').replace(/^(\s*):/, '$1\\:')
}

/** The first `max` characters of a (redacted) text, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}
