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
