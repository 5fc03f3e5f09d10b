// What the fakes were asked, in the words the tests compare.
import type { FakeGitHub } from '../fakes/github.ts'
import type { Simulator } from '../fakes/personr.ts'

/** How many mint requests Personr got, by either way of minting. */
export const mints = (personr: Simulator): number =>
  personr.requests.filter((r) => /\/api-(token-generate|basic-auth)\b/.test(r.path)).length

/** Every request the fake GitHub got, as `METHOD path`, in order. */
export const calls = (github: FakeGitHub): string[] =>
  github.requests.map((r) => `${r.method} ${r.path}`)

/** The largest number of requests the fake GitHub was answering at one moment. */
export function maxInFlight(requests: { start: number; end: number }[]): number {
  if (requests.length === 0) throw new Error('No requests: nothing was in flight to count.')
  return Math.max(
    ...requests.map(({ start }) => requests.filter((r) => r.start <= start && start < r.end).length)
  )
}

/** The requests that change something at GitHub: every one but a GET. */
export const writes = (github: FakeGitHub): string[] =>
  calls(github).filter((call) => !call.startsWith('GET '))
