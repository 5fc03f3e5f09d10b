// The record a refresh leaves in `<name>_EXPIRES_AT` once every target holds its token.
import { tokenRecord } from '../../src/record.ts'
import type { ActionRun } from './action.ts'

/** What the record must say after this run rotated: its token's expiry, then its fingerprint. */
export function recordOf(run: ActionRun, complete = true): string {
  const { token, expires_at: expiresAt } = run.outputs
  if (!token || !expiresAt) throw new Error('the run output no token and expiry to record')
  return tokenRecord(new Date(expiresAt), token, complete)
}
