import { fingerprint, type ExpiryRecord } from './record.ts'

/**
 * Whether the token this run was handed is the one stored now. GitHub reads repository and
 * organization secrets when a run is queued: a run that waited behind another refresh holds the
 * token of before that refresh's rotation, dead since, and minting on it would kill the token
 * the other run just stored. The record says which token the action stored last; the secrets'
 * `updated_at` say whether anyone wrote one since.
 */
export type View =
  /** `current-token` is the token the record describes. */
  | { kind: 'stored'; token: string }
  /** A later rotation replaced it: this run's view is stale, and it must change nothing. */
  | { kind: 'stale'; handed: string; stored: string; replacedAt: Date | undefined }
  /** A secret was written after the record (by a person or another tool): check it as usual. */
  | { kind: 'fresh'; handed: string; writtenAt: Date }
  /** Nothing to compare: no `current-token`, no record, or a record without a fingerprint. */
  | { kind: 'unknown'; why: string }

export interface Stored {
  /** The record, and when GitHub says it was last written. */
  record: { value: ExpiryRecord; updatedAt: Date | undefined } | undefined
  /** The latest `updated_at` of the secret among the targets, if GitHub said. */
  newestSecret: Date | undefined
}

export function viewOf(current: string | undefined, { record, newestSecret }: Stored): View {
  if (current === undefined) {
    return { kind: 'unknown', why: 'no `current-token` was given to compare with the record' }
  }
  if (record === undefined) return { kind: 'unknown', why: 'there is no record yet' }
  const { value, updatedAt } = record
  if (!value.complete) {
    return { kind: 'unknown', why: 'the record says the last rotation did not finish' }
  }
  if (value.token === undefined) {
    return {
      kind: 'unknown',
      why: 'the record names no token (it was set by hand, or by an earlier version)'
    }
  }
  const handed = fingerprint(current)
  if (handed === value.token) return { kind: 'stored', token: handed }
  // Whole seconds on both sides: a rotation writes its targets before its record, so a secret
  // newer than the record was written by someone else.
  if (newestSecret !== undefined && (updatedAt === undefined || newestSecret > updatedAt)) {
    return { kind: 'fresh', handed, writtenAt: newestSecret }
  }
  return { kind: 'stale', handed, stored: value.token, replacedAt: updatedAt }
}

/** What the view means, in one sentence for the log and the summary. */
export function describeView(view: View, secretName: string): string {
  switch (view.kind) {
    case 'stored':
      return `\`current-token\` is the token the record names (token ${view.token}).`
    case 'stale':
      return `${secretName} was replaced${view.replacedAt ? ` at ${view.replacedAt.toISOString()}` : ''} by a later rotation (token ${view.stored}); this run was handed the token from before it (token ${view.handed}), as GitHub reads repository and organization secrets when a run is queued. Nothing to do: the stored token is the newer one.`
    case 'fresh':
      return `${secretName} was written at ${view.writtenAt.toISOString()}, after the record, by someone other than this action: \`current-token\` (token ${view.handed}) is checked as usual, and the record follows from the next rotation.`
    case 'unknown':
      return `Which token is stored is not known: ${view.why}.`
  }
}
