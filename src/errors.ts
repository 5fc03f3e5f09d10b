/** A failure the user can act on; its message is shown as the step's error as it is. */
export class ActionError extends Error {
  override name = 'ActionError'
}

/** Removes every secret from a text that is about to be shown, as a last line of defence. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text
  for (const secret of secrets) {
    if (secret.trim() !== '') out = out.split(secret).join('***')
  }
  return out
}

/** The message of anything thrown, including non-Error values. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : `unexpected failure: ${String(error)}`
}
