import { readFileSync } from 'node:fs'

const FIXTURES = new URL('../fixtures/', import.meta.url)

/** A recorded answer from test/fixtures/ (see its README), as UTF-8 text, byte for byte. */
export function fixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8')
}
