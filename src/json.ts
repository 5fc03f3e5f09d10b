// JSON as servers send it: sometimes with a byte-order mark, sometimes with trailing commas.

/**
 * JSON.parse for responses: tolerates a UTF-8 byte-order mark and trailing commas (Personr's
 * published error example has one). Undefined when the body is not JSON even so.
 */
export function parseJson(body: string): unknown {
  // trim() also drops a leading byte-order mark (U+FEFF counts as whitespace).
  const text = body.trim()
  if (!/^[{[]/.test(text)) return undefined
  for (const candidate of [text, text.replace(/,(\s*[}\]])/g, '$1')]) {
    try {
      return JSON.parse(candidate)
    } catch {
      // try the next form
    }
  }
  return undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
