// What "readable" means for a secret: eight or more consecutive characters of it, or of any
// reading of it (a server's decoding of `%41`, `&lt`, `\b` inside it), anywhere a user can see.
// The decoders here are the test's own, written from the standards, not taken from src/.
import { expect } from 'vitest'

const HTML: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const JSON_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

const decoders: ((text: string) => string)[] = [
  (text) =>
    text.replace(/(?:%[0-9a-f]{2})+/gi, (run) =>
      Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8')
    ),
  (text) =>
    text.replace(/\\(?:u([0-9a-f]{4})|([bfnrt"\\/]))/gi, (_, hex?: string, char = '') =>
      hex ? String.fromCharCode(parseInt(hex, 16)) : (JSON_ESCAPES[char] ?? char)
    ),
  (text) =>
    text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|quot|apos));?/gi, (_, dec, hex, name) =>
      name
        ? (HTML[String(name).toLowerCase()] ?? '')
        : String.fromCodePoint(parseInt(dec ?? hex, dec ? 10 : 16))
    )
]

/** The secret and every text it becomes under up to three decodings, in any order. */
export function readingsOf(secret: string): string[] {
  let found = new Set([secret])
  for (let depth = 0; depth < 3; depth++) {
    found = new Set([...found, ...[...found].flatMap((s) => decoders.map((d) => d(s)))])
  }
  return [...found]
}

/** Every run of `length` characters of the secret and its readings. */
export function runsOf(secret: string, length = 8): string[] {
  const runs = new Set<string>()
  for (const reading of readingsOf(secret)) {
    for (let i = 0; i + length <= reading.length; i++) runs.add(reading.slice(i, i + length))
  }
  return [...runs]
}

/** No eight consecutive characters of the secret, or of a reading of it, are in `text`. */
export function expectNoRun(text: string, secret: string, label: string): void {
  const runs = runsOf(secret)
  expect(runs.length, `${label} is long enough to have runs`).toBeGreaterThan(0)
  const shown = runs.filter((run) => text.includes(run))
  expect(shown, `runs of the ${label} that can be read`).toEqual([])
}
