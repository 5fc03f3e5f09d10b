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
  it('gives standard base64 that opens to the original value with the private key', async () => {
    const value = 'bus|1111111111111x111111111111111111|2222222222222x222222222222222222'
    const sealed = await seal(value, publicKeyBase64)
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect(open(sealed)).toBe(value)
  })

  it('round-trips a non-ASCII value byte for byte (UTF-8)', async () => {
    const value = 'clé-ünïcødé—トークン-🔑'
    const sealed = await seal(value, publicKeyBase64)
    expect(open(sealed)).toBe(value)
    // A sealed box is the plaintext plus a 32-byte ephemeral key and a 16-byte MAC.
    expect(sodium.from_base64(sealed, ORIGINAL).length).toBe(Buffer.byteLength(value) + 48)
  })

  it('does not contain the value in clear', async () => {
    const value = 'bus|plain-text-must-not-show'
    const sealed = await seal(value, publicKeyBase64)
    expect(sealed).not.toContain(value)
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain(value)
  })

  it('is different each time for the same value (a fresh ephemeral key), and each opens', async () => {
    const value = 'same value'
    const first = await seal(value, publicKeyBase64)
    const second = await seal(value, publicKeyBase64)
    expect(first).not.toBe(second)
    // The first 32 bytes are the ephemeral public key: it changes too.
    expect(sodium.from_base64(first, ORIGINAL).subarray(0, 32)).not.toEqual(
      sodium.from_base64(second, ORIGINAL).subarray(0, 32)
    )
    expect(open(first)).toBe(value)
    expect(open(second)).toBe(value)
  })

  it('cannot be opened with another key pair', async () => {
    const sealed = await seal('value', publicKeyBase64)
    const other = sodium.crypto_box_keypair()
    expect(() =>
      sodium.crypto_box_seal_open(
        sodium.from_base64(sealed, ORIGINAL),
        other.publicKey,
        other.privateKey
      )
    ).toThrow()
  })
})

describe('isPublicKey', () => {
  const KEY = Buffer.alloc(32, 7).toString('base64')

  it('takes standard base64 of exactly 32 bytes', () => {
    expect(isPublicKey(KEY)).toBe(true)
  })

  it.each([
    ['with something before it', `x${KEY}`],
    ['with something after it', `${KEY}x`],
    ['with a line break after it', `${KEY}\n`],
    ['of 31 bytes', Buffer.alloc(31).toString('base64')],
    ['of 33 bytes', Buffer.alloc(33).toString('base64')]
  ])('refuses a key %s', (_what, key) => {
    expect(isPublicKey(key)).toBe(false)
  })
})
