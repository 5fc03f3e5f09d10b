/** Decodes HTML character references: named, decimal and hex, with or without `;`. */
export type HtmlDecoder = (text: string) => string

/** What stands in for a server's text that could still hide a secret after every reading. */
export const WITHHELD =
  "(the server's text was withheld: it is escaped more deeply than the action reads, so it could hide a secret)"

/**
 * A run of this many characters of a secret is hidden wherever it stands: a server that cuts a
 * long echoed value still shows no telling part of it.
 */
export const RUN = 8

/** Each pass undoes one layer of encoding; past a few, a text is built to waste time. */
const MAX_DECODING_PASSES = 4

/**
 * The secrets of this step, and every form in which a server could echo one back. Created once
 * at the entry point and handed to everything that prints, so no line, error or summary can
 * carry a credential, whole, cut or encoded.
 */
export class Redactor {
  /** Literal forms, longest first, so a shorter form never cuts a longer one in half. */
  private forms: string[] = []
  /** Every run of RUN characters of a secret's forms, less those only a shown part holds. */
  private runs = new Set<string>()
  /** Each secret with its forms: itself, every reading of it, each in every encoding. */
  private readonly secrets: { value: string; token: boolean; forms: string[] }[] = []
  /** Parts of a Personr token that are printed on purpose: the user id it carries. */
  private readonly shown: string[] = []
  /** Loaded by prepare() only when a server's text may hold a character reference. */
  private html: HtmlDecoder | undefined

  /**
   * Loads the HTML decoder (HTML5's 2,231 named references: a table too large to load on every
   * step) when `text` from a server holds a `&` in any of its readings.
   */
  async prepare(text: string): Promise<void> {
    if (this.html !== undefined || !this.readings(text).some((t) => t.includes('&'))) return
    this.html = (await import('./html-references.ts')).decodeHtml
    for (const secret of this.secrets) secret.forms = this.formsOf(secret.value)
    this.index()
  }

  /**
   * Text a server sent, as a person would read it, with every secret removed. A page may write
   * any character of a password as a reference or an escape, in any mix and nested, and a
   * password may itself look like an escape (`%41`, `&lt`), which decoding turns into something
   * else: so the text is redacted as it came and again after each decoding step, until nothing
   * changes, of the secrets and of every reading of them. Runs of a secret are hidden in the
   * last reading only: hidden earlier, they would split a secret that decoding would have made
   * whole, and leave its other pieces. A text still changing after the last pass, or holding
   * references the decoder was not loaded for, is withheld.
   */
  read(text: string): string {
    const steps = this.steps()
    let current = this.hideForms(text)
    for (let pass = 0; pass <= MAX_DECODING_PASSES; pass++) {
      const next = steps.reduce((out, step) => this.hideForms(step(out)), current)
      if (next === current) {
        return this.html === undefined && HTML_REFERENCE.test(current)
          ? WITHHELD
          : this.hideRuns(current)
      }
      current = next
    }
    return WITHHELD
  }

  /**
   * Adds a secret; blank values are ignored (masking them would garble every message). A Personr
   * token (`token`) carries its user id, which show() may then let through.
   */
  add(secret: string, { token = false } = {}): void {
    for (const value of new Set([secret, secret.trim()])) {
      if (value.trim() !== '') this.secrets.push({ value, token, forms: this.formsOf(value) })
    }
    this.index()
  }

  /** A value printed on purpose, such as the user id a Personr token holds: its runs are shown. */
  show(part: string): void {
    this.shown.push(part)
    this.index()
  }

  /** Text the action wrote, which may quote a secret: every form and every run of one hidden. */
  redact(text: string): string {
    return this.hideRuns(this.hideForms(text))
  }

  private hideForms(text: string): string {
    let out = text
    for (const form of this.forms) out = out.replaceAll(form, '***')
    return out
  }

  /** Every text a reading of `text` passes through, one decoding step at a time. */
  private readings(text: string): string[] {
    const out = [text]
    for (let pass = 0; pass <= MAX_DECODING_PASSES; pass++) {
      const before = out.length
      for (const step of this.steps()) out.push(step(out.at(-1) ?? ''))
      if (out.at(-1) === out[before - 1]) break
    }
    return [...new Set(out)]
  }

  private formsOf(value: string): string[] {
    return this.readings(value).flatMap(literalForms)
  }

  private steps(): ((text: string) => string)[] {
    const codes = [decodeJsonEscapes, decodePercent]
    return this.html ? [this.html, ...codes] : codes
  }

  private index(): void {
    const forms = new Set<string>()
    const runs = new Set<string>()
    for (const { token, forms: secretForms } of this.secrets) {
      for (const form of secretForms) {
        forms.add(form)
        for (let i = 0; i + RUN <= form.length; i++) {
          const run = form.slice(i, i + RUN)
          if (!(token && this.shown.some((part) => part.includes(run)))) runs.add(run)
        }
      }
    }
    this.forms = [...forms].sort((a, b) => b.length - a.length)
    this.runs = runs
  }

  /** Each stretch of text made of runs of a secret becomes one `***`. */
  private hideRuns(text: string): string {
    const hidden = new Uint8Array(text.length)
    for (let i = 0; i + RUN <= text.length; i++) {
      if (this.runs.has(text.slice(i, i + RUN))) hidden.fill(1, i, i + RUN)
    }
    let out = ''
    for (let i = 0; i < text.length; i++) {
      if (!hidden[i]) out += text[i]
      else if (!hidden[i - 1]) out += '***'
    }
    return out
  }
}

/** A character reference as HTML reads one: `&lt`, `&#60;`, `&#x3c;`. */
const HTML_REFERENCE = /&(?:#\d|#[xX][0-9a-fA-F]|[A-Za-z])/

/**
 * The value as it is, as a form body writes its spaces (`+`: decoding percent-escapes leaves
 * them), and in base64 and base64url, which no reading decodes.
 */
function literalForms(value: string): string[] {
  return [value, value.replaceAll(' ', '+'), ...base64Forms(value)]
}

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
 * Base64 and base64url of the value at each of the three alignments it can have inside a longer
 * encoded text (as the runner's own masker does): only the characters that depend on the value
 * alone.
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
    if (form.length >= 4) forms.push(form, form.replaceAll('+', '-').replaceAll('/', '_'))
  }
  // The whole value encoded on its own, padding included, as a header or a JSON field carries it.
  forms.push(bytes.toString('base64'), bytes.toString('base64url'))
  return forms
}
