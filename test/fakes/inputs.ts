/**
 * Inputs as the runner passes them ('' when absent), recording every name read and every value
 * masked, in order, so tests can check that a secret is masked before anything else happens.
 */
export function fakeInputs(inputs: Record<string, string>) {
  const events: string[] = []
  const read = (name: string): string => {
    events.push(`read:${name}`)
    return inputs[name] ?? ''
  }
  const mask = (secret: string): void => {
    events.push(`mask:${secret}`)
  }
  return { read, mask, events }
}

/** The value read, with every URL as its href: toMatchObject takes any two URLs for equal. */
export const plain = (value: unknown): unknown =>
  value instanceof URL
    ? value.href
    : Array.isArray(value)
      ? value.map(plain)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
        : value
