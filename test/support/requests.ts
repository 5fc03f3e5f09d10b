// What the fakes were asked, in the words the tests compare.
import type { FakeGitHub } from '../fakes/github.ts'
import { DEFAULT_ACCOUNT, type Simulator } from '../fakes/personr.ts'

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

/**
 * A mint outside the action (a person, another workflow), for the simulator's default account:
 * it kills the account's previous token. Returns the new token.
 */
export async function mintElsewhere(personr: Simulator): Promise<string> {
  const form = new FormData()
  form.set('email', DEFAULT_ACCOUNT.email)
  form.set('password', DEFAULT_ACCOUNT.password)
  const response = await fetch(`${personr.url}/api-token-generate`, { method: 'POST', body: form })
  if (response.status !== 200) throw new Error(`The simulator refused the mint: ${response.status}`)
  return ((await response.json()) as { response: { token: string } }).response.token
}
