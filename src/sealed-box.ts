import sodium from 'libsodium-wrappers'

/** Encrypts `value` as GitHub's secrets API requires: a libsodium sealed box, base64 both ways. */
export async function seal(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL)
  const box = sodium.crypto_box_seal(sodium.from_string(value), key)
  return sodium.to_base64(box, sodium.base64_variants.ORIGINAL)
}
