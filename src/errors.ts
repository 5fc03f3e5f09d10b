/** A failure the user can act on; its message is shown as the step's error as it is. */
export class ActionError extends Error {
  override name = 'ActionError'
}

/**
 * A mint that minted nothing: Personr refused it, or it never left the runner. The stored token
 * still works, so a refresh puts back what it changed to begin the rotation.
 */
export class NotMintedError extends ActionError {
  override name = 'NotMintedError'
}

/** The message of anything thrown, including non-Error values. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : `unexpected failure: ${String(error)}`
}
