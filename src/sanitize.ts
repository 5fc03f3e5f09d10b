/**
 * Characters that can change how a log line is read: C0 and C1 controls (CR, LF, ESC for ANSI
 * sequences), DEL, line and paragraph separators, and every default-ignorable code point (soft
 * hyphen, zero-width and bidirectional marks, the byte-order mark, variation selectors, tags):
 * invisible, so a secret's characters could hide among them.
 */
const UNSAFE = /[\p{Cc}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** `\u001b`, or `\u{e0041}` past the Basic Multilingual Plane. */
function escape(c: string): string {
  const code = c.codePointAt(0) ?? 0
  const hex = code.toString(16)
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`
}

/**
 * Makes text the action did not write safe to print on one log line: every unsafe character
 * becomes a visible escape (`\n`, `\u001b`), so nothing can start a new line, and the runner's
 * command markers (`::` at the start of a line, `##[` anywhere) are broken up.
 */
export function sanitize(text: string): string {
  const escaped = text.replace(UNSAFE, (c) => NAMED[c] ?? escape(c))
  return escaped.replaceAll('##[', '##\\[').replace(/^(\s*):/, '$1\\:')
}

/** The first `max` characters of a (redacted) text, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}
