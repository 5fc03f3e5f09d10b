// Personr's accounts and tokens: one live token per user, as the API documents ("invalidated
// whenever a new token is generated").
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

export interface AccountStore {
  login(email: string, password: string): Minted | undefined
  currentToken(email: string): string | undefined
  userOf(token: string): string | undefined // user_id, only for the user's current unexpired token
}

interface Live {
  token: string
  expiresAt: number
}

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

export function createAccountStore(
  accounts: readonly Account[],
  lifetimeSeconds: number,
  now: () => number = Date.now
): AccountStore {
  const byEmail = new Map(accounts.map((a) => [key(a.email), a]))
  const live = new Map<string, Live>() // by user_id

  return {
    login(email, password) {
      const account = byEmail.get(key(email))
      if (account === undefined || account.password !== password) return undefined
      const user_id = userIdFor(key(account.email))
      const issued = now()
      const token = `bus|${user_id}|${String(issued).padStart(13, '0')}x${randomDigits(18)}`
      live.set(user_id, { token, expiresAt: issued + lifetimeSeconds * 1000 })
      return { token, user_id, expires: lifetimeSeconds }
    },
    currentToken(email) {
      return live.get(userIdFor(key(email)))?.token
    },
    userOf(token) {
      const user_id = token.split('|')[1]
      if (user_id === undefined) return undefined
      const current = live.get(user_id)
      if (current === undefined || current.token !== token || now() >= current.expiresAt) {
        return undefined
      }
      return user_id
    }
  }
}
