/** Encrypts `value` as GitHub's secrets API requires: a libsodium sealed box, base64 both ways. */
export async function seal(value: string, publicKeyBase64: string): Promise<string> {
  const sodium = await loadSodium()
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL)
  const box = sodium.crypto_box_seal(sodium.from_string(value), key)
  return sodium.to_base64(box, sodium.base64_variants.ORIGINAL)
}

/** Standard base64 of exactly 32 bytes, the size of a libsodium box public key. */
export function isPublicKey(base64: string): boolean {
  return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(base64)
}

/**
 * libsodium, loaded and ready: about 70 ms of parsing and compiling its 420 kB, which only a run
 * that stores a secret pays. Starting it early, while the network is busy, keeps it off the
 * critical path; the module system makes every later call return the same instance.
 */
export async function loadSodium(): Promise<typeof import('libsodium-wrappers').default> {
  const { default: sodium } = await import('libsodium-wrappers')
  await sodium.ready
  return sodium
}
