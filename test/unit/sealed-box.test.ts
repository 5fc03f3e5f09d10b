import sodium from 'libsodium-wrappers'
import { beforeAll, describe, expect, it } from 'vitest'
import { isPublicKey, seal } from '../../src/sealed-box.ts'

const ORIGINAL = sodium.base64_variants.ORIGINAL

let keyPair: { publicKey: Uint8Array; privateKey: Uint8Array }
let publicKeyBase64: string

beforeAll(async () => {
  await sodium.ready
  keyPair = sodium.crypto_box_keypair()
  publicKeyBase64 = sodium.to_base64(keyPair.publicKey, ORIGINAL)
})

/** What GitHub does with the value it receives: base64-decode, then open the sealed box. */
function open(sealedBase64: string): string {
  const box = sodium.from_base64(sealedBase64, ORIGINAL)
  return sodium.to_string(sodium.crypto_box_seal_open(box, keyPair.publicKey, keyPair.privateKey))
}

describe('seal', () => {
  it.each([
    'bus|1111111111111x111111111111111111|2222222222222x222222222222222222',
    'clé-ünïcødé—トークン-🔑'
  ])(
    'seals %s to standard base64 that only the key pair opens, byte for byte, fresh each time',
    async (value) => {
      const [first, second] = [
        await seal(value, publicKeyBase64),
        await seal(value, publicKeyBase64)
      ]
      expect(first).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
      expect([open(first), open(second)]).toEqual([value, value])
      const [a, b] = [first, second].map((sealed) => sodium.from_base64(sealed, ORIGINAL)) as [
        Uint8Array,
        Uint8Array
      ]
      // The plaintext (UTF-8) plus a 32-byte ephemeral public key, fresh each time, and a 16-byte MAC.
      expect(a.length).toBe(Buffer.byteLength(value) + 48)
      expect(a.subarray(0, 32)).not.toEqual(b.subarray(0, 32))
      expect(Buffer.from(first, 'base64').toString('latin1')).not.toContain(value)
      const other = sodium.crypto_box_keypair()
      expect(() => sodium.crypto_box_seal_open(a, other.publicKey, other.privateKey)).toThrow()
    }
  )
})

describe('isPublicKey', () => {
  const KEY = Buffer.alloc(32, 7).toString('base64')
  it.each([
    ['standard base64 of exactly 32 bytes', KEY, true],
    ['with something before it', `x${KEY}`, false],
    ['with something after it', `${KEY}x`, false],
    ['with a line break after it', `${KEY}\n`, false],
    ['of 31 bytes', Buffer.alloc(31).toString('base64'), false],
    ['of 33 bytes', Buffer.alloc(33).toString('base64'), false]
  ])('takes a key %s: %s', (_what, key, taken) => {
    expect(isPublicKey(key)).toBe(taken)
  })
})
