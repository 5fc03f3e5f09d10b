/**
 * The secrets of this step, and every form in which a server could echo one back. Created once
 * at the entry point and handed to everything that prints, so no line, error or summary can
 * carry a credential, whole or encoded.
 */
export class Redactor {
  /** Literal forms, longest first, so a shorter form never cuts a longer one in half. */
  private forms: string[] = []
  /** Percent-encoded forms, whose hex digits may come in either case. */
  private patterns: RegExp[] = []

  /** Adds a secret; blank values are ignored (masking them would garble every message). */
  add(secret: string): void {
    for (const value of new Set([secret, secret.trim()])) {
      if (value.trim() === '') continue
      this.forms = [...new Set([...this.forms, ...literalForms(value)])].sort(
        (a, b) => b.length - a.length
      )
      for (const encoded of new Set([encodeURIComponent(value), formEncode(value)])) {
        this.patterns.push(percentPattern(encoded))
      }
    }
  }

  redact(text: string): string {
    let out = text
    for (const form of this.forms) out = out.replaceAll(form, '***')
    for (const pattern of this.patterns) out = out.replace(pattern, '***')
    return out
  }
}

function literalForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1)
  const asciiJson = json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return [value, json, asciiJson, ...htmlForms(value), ...base64Forms(value)]
}

/** `&` `<` `>` `"` `'` as named and as numeric entities, the two ways pages escape them. */
function htmlForms(value: string): string[] {
  const named: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
  }
  return [
    value.replace(/[&<>"']/g, (c) => named[c] ?? c),
    value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    value.replace(/[&<>"']/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
  ]
}

/**
 * Base64 of the value at each of the three alignments it can have inside a longer encoded text
 * (as the runner's own masker does): only the characters that depend on the value alone.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value)
  const forms: string[] = []
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64')
    // Drop the leading group that mixes in the padding bytes, and the trailing partial group.
    const start = shift === 0 ? 0 : 4
    const end = Math.floor((shift + bytes.length) / 3) * 4
    const form = encoded.slice(start, end)
    if (form.length >= 4) forms.push(form)
  }
  // The whole value encoded on its own, padding included, as a header or a JSON field carries it.
  forms.push(bytes.toString('base64'), bytes.toString('base64url'))
  return forms
}

/** application/x-www-form-urlencoded: `+` for spaces, and `!'()~` escaped too. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}

function percentPattern(encoded: string): RegExp {
  // Split on a capture group: the odd parts are the %XX escapes, the even ones plain text.
  const source = encoded
    .split(/(%[0-9A-F]{2})/)
    .map((part, i) =>
      i % 2 === 1
        ? `%${eitherCase(part.charAt(1))}${eitherCase(part.charAt(2))}`
        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    )
    .join('')
  return new RegExp(source, 'g')
}

const eitherCase = (hex: string): string => `[${hex}${hex.toLowerCase()}]`
