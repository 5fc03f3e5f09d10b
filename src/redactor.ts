/** Decodes HTML character references: named, decimal and hex, with or without `;`. */
export type HtmlDecoder = (text: string) => string

/**
 * The secrets of this step, and every form in which a server could echo one back. Created once
 * at the entry point and handed to everything that prints, so no line, error or summary can
 * carry a credential, whole or encoded.
 */
export class Redactor {
  /** Literal forms, longest first, so a shorter form never cuts a longer one in half. */
  private forms: string[] = []
  /** Loaded by prepare() only when a server's text may hold a character reference. */
  private html: HtmlDecoder | undefined

  /**
   * Loads the HTML decoder (HTML5's 2,231 named references: a table too large to load on every
   * step) when `text` from a server may hold a reference, directly or escaped.
   */
  async prepare(text: string): Promise<void> {
    if (this.html === undefined && /&|u0026|%26/i.test(text)) {
      this.html = (await import('./html-references.ts')).decodeHtml
    }
  }

  /**
   * Text a server sent, as a person would read it, with every secret removed: a page may write
   * any character of a password as a reference or an escape, in any mix and nested, so the text
   * is decoded (HTML references, JSON escapes, percent-escapes) until nothing changes, then
   * redacted.
   */
  read(text: string): string {
    let decoded = text
    for (let pass = 0; pass < MAX_DECODING_PASSES; pass++) {
      const next = decodePercent(decodeJsonEscapes(this.html?.(decoded) ?? decoded))
      if (next === decoded) break
      decoded = next
    }
    return this.redact(decoded)
  }

  /** Adds a secret; blank values are ignored (masking them would garble every message). */
  add(secret: string): void {
    for (const value of new Set([secret, secret.trim()])) {
      if (value.trim() === '') continue
      this.forms = [...new Set([...this.forms, ...literalForms(value)])].sort(
        (a, b) => b.length - a.length
      )
    }
  }

  redact(text: string): string {
    let out = text
    for (const form of this.forms) out = out.replaceAll(form, '***')
    return out
  }
}

/**
 * The value as it is, as a form body writes its spaces (`+`: decoding percent-escapes leaves
 * them), and in base64, which no reading decodes.
 */
function literalForms(value: string): string[] {
  return [value, value.replaceAll(' ', '+'), ...base64Forms(value)]
}

/** Each pass undoes one layer of encoding; past a few, a text is built to waste time. */
const MAX_DECODING_PASSES = 4

const JSON_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

/** `\\u0070`, `\\"`, `\\n` … as JSON.parse would read them, wherever they stand. */
function decodeJsonEscapes(text: string): string {
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|(.))/g, (whole, hex?: string, char?: string) =>
    hex !== undefined
      ? String.fromCharCode(parseInt(hex, 16))
      : char !== undefined && '"\\/bfnrt'.includes(char)
        ? (JSON_ESCAPES[char] ?? char)
        : whole
  )
}

/** Runs of `%XX` as the UTF-8 bytes they stand for (a broken sequence reads as U+FFFD). */
function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) =>
    Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8')
  )
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
