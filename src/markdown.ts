import { sanitize } from './sanitize.ts'

/**
 * A value as an inline code span that is safe inside a Markdown table cell: nothing in a code
 * span is parsed (no link, image, HTML or emphasis), its fence is longer than any run of
 * backticks in the value so the value cannot close it, and `|` is escaped so it cannot end the
 * cell. Control characters are escaped first, so the value stays on its line.
 */
export function code(value: string): string {
  const text = sanitize(value).replaceAll('|', '\\|')
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  // A space keeps a value that starts or ends with a backtick from touching the fence.
  const pad = /^`|`$/.test(text) ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/**
 * Text for a Markdown paragraph or table cell in which every ASCII punctuation character is
 * backslash-escaped: no link, image, HTML, emphasis or cell break can start inside it, and a
 * URL in it is split into several text pieces, which the autolink extension does not join.
 */
export function text(value: string): string {
  return sanitize(value).replace(/[!-/:-@[-`{-~]/g, '\\$&')
}

/**
 * A link whose label is text() and whose target is an https URL only (anything else shows the
 * label alone). The target is encoded so that nothing in it can end the link or start another.
 */
export function link(label: string, url: string): string {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return text(label)
  }
  if (target.protocol !== 'https:') return text(label)
  const href = target.href.replace(
    /[()<>[\]\\\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  return `[${text(label)}](${href})`
}
