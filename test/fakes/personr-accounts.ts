// Personr's accounts and tokens, with the token life of Bubble's user tokens (../shared/FACTS.md):
// one live token per user ("invalidated whenever a new token is generated"), a full lifetime from
// the mint, and an idle expiry that every accepted use pushes back, up to that lifetime.
import { createHash, randomInt } from 'node:crypto'

export interface Account {
  email: string
  password: string
}

export interface Minted {
  token: string
  user_id: string
  expires: number
}

export interface TokenLife {
  lifetimeSeconds: number
  idleMs: number
  now: () => number
}

export type AccountStore = ReturnType<typeof createAccountStore>

// Bubble ids look like `<13-digit creation time in ms>x<18 digits>`. A user's id is derived
// from the email so it is stable across runs, as a real user's id would be.
function userIdFor(email: string): string {
  const hash = createHash('sha256').update(email).digest()
  const time = 1_000_000_000_000n + (hash.readBigUInt64BE(0) % 9_000_000_000_000n)
  const rest = hash.readBigUInt64BE(8) % 10n ** 18n
  return `${time}x${rest.toString().padStart(18, '0')}`
}

function randomDigits(count: number): string {
  let digits = ''
  while (digits.length < count) digits += randomInt(0, 1_000_000).toString().padStart(6, '0')
  return digits.slice(0, count)
}

// Emails compare case-insensitively, as logins usually do; passwords compare exactly.
const key = (email: string) => email.toLowerCase()

export function createAccountStore(accounts: readonly Account[], life: TokenLife) {
  const byEmail = new Map(accounts.map((a) => [key(a.email), a]))
  // The newest token of each user_id, when it dies for good, and when it dies unless used.
  const issued = new Map<string, { token: string; expiresAt: number; idleUntil: number }>()

  const live = (token: string) => {
    const current = issued.get(token.split('|')[1] ?? '')
    const now = life.now()
    const alive = current?.token === token && now < current.expiresAt && now < current.idleUntil
    return alive ? current : undefined
  }

  return {
    login(email: string, password: string): Minted | undefined {
      const account = byEmail.get(key(email))
      if (account === undefined || account.password !== password) return undefined
      const user_id = userIdFor(key(account.email))
      const now = life.now()
      const token = `bus|${user_id}|${String(now).padStart(13, '0')}x${randomDigits(18)}`
      const expiresAt = now + life.lifetimeSeconds * 1000
      issued.set(user_id, { token, expiresAt, idleUntil: now + life.idleMs })
      return { token, user_id, expires: life.lifetimeSeconds }
    },
    /** The newest token minted for the email, live or not. */
    currentToken: (email: string) => issued.get(userIdFor(key(email)))?.token,
    /** Whether the token is live, without counting as a use. */
    isLive: (token: string) => live(token) !== undefined,
    /** Whether the token is live, extending its idle window if so: an authenticated request. */
    use(token: string): boolean {
      const current = live(token)
      if (current) current.idleUntil = life.now() + life.idleMs
      return current !== undefined
    }
  }
}
