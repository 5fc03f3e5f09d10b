import { ActionError, messageOf } from './errors.ts'
import type { GitHub } from './github.ts'
import { isRecord } from './json.ts'
import { parseRecord, type ExpiryRecord } from './record.ts'
import { isPublicKey, seal } from './sealed-box.ts'
import type { SecretInputs } from './secret-inputs.ts'
import type { ExpiryPlace, OrgAccess, Target } from './targets.ts'

export interface PublicKey {
  keyId: string
  key: string
}

/** What one target holds now, read before anything is minted. */
export interface TargetState {
  target: Target
  publicKey: PublicKey
  /** Whether the secret exists: a recorded expiry means nothing where it is gone. */
  exists: boolean
  /** When the secret was last written, as GitHub reports it. */
  updatedAt: Date | undefined
  selectedRepositoryIds: number[] | undefined
}

/** `<name>_EXPIRES_AT` as read, and when GitHub says it was last written. */
export interface StoredRecord {
  value: ExpiryRecord
  updatedAt: Date | undefined
}

/** Everything a refresh reads before deciding: each target, and the record. */
export interface StoreState {
  targets: TargetState[]
  /** Undefined when the variable does not exist. */
  record: StoredRecord | undefined
}

/**
 * Reads every target (public key, whether the secret exists and when it was written) and the
 * expiry variable, all at once: the GitHub client caps how many go out together. Any refusal
 * fails here, before a mint could kill the stored token.
 */
export async function readStoreState(github: GitHub, secret: SecretInputs): Promise<StoreState> {
  const [record, ...targets] = await Promise.all([
    readRecord(github, secret),
    ...secret.targets.map((target) => readTarget(github, secret.name, target))
  ])
  return { targets: targets as TargetState[], record: record as StoredRecord | undefined }
}

async function readTarget(github: GitHub, name: string, target: Target): Promise<TargetState> {
  const refused = { permission: target.permission, notFound: target.notFound }
  const [key, stored, selectedRepositoryIds] = await Promise.all([
    github({
      method: 'GET',
      path: `${target.base}/secrets/public-key`,
      what: `read the ${target.store} secrets public key of ${target.label}`,
      ...refused
    }),
    github({
      method: 'GET',
      path: `${target.base}/secrets/${name}`,
      what: `read whether the ${target.store} secret ${name} of ${target.label} exists`,
      ...refused,
      expected: [404]
    }),
    repositoryIds(github, target.org)
  ])
  return {
    target,
    publicKey: publicKeyOf(key.json, target),
    exists: stored.status === 200,
    updatedAt: stored.status === 200 ? dateOf(stored.json) : undefined,
    selectedRepositoryIds
  }
}

function publicKeyOf(json: unknown, target: Target): PublicKey {
  if (!isRecord(json) || typeof json.key !== 'string' || typeof json.key_id !== 'string') {
    throw new ActionError(
      `GitHub's response for the ${target.store} public key of ${target.label} has no key and key_id, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`
    )
  }
  if (!isPublicKey(json.key)) {
    throw new ActionError(
      `GitHub's ${target.store} public key for ${target.label} is not a base64-encoded 32-byte key, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`
    )
  }
  return { keyId: json.key_id, key: json.key }
}

function dateOf(json: unknown): Date | undefined {
  const value = isRecord(json) ? json.updated_at : undefined
  const date = typeof value === 'string' ? new Date(value) : undefined
  return date && !Number.isNaN(date.getTime()) ? date : undefined
}

async function readRecord(github: GitHub, secret: SecretInputs): Promise<StoredRecord | undefined> {
  const variable = await github({
    ...recordCall(secret, 'read'),
    method: 'GET',
    path: recordPath(secret),
    expected: [404]
  })
  const value = variable.status === 200 && isRecord(variable.json) ? variable.json.value : undefined
  if (typeof value !== 'string') return undefined
  return { value: parseRecord(value), updatedAt: dateOf(variable.json) }
}

function recordCall(secret: SecretInputs, verb: string) {
  const { expiry, expiryVariable: name } = secret
  return {
    what: `${verb} the variable ${name} of ${expiry.label}`,
    permission: expiry.permission,
    notFound: expiry.notFound
  }
}

const recordPath = (secret: SecretInputs): string =>
  `${secret.expiry.base}/variables/${secret.expiryVariable}`

/** Organization secrets visible to selected repositories take their ids, not their names. */
async function repositoryIds(
  github: GitHub,
  org: OrgAccess | undefined
): Promise<number[] | undefined> {
  if (org?.visibility !== 'selected') return undefined
  return Promise.all(
    org.repositories.map(async (repository) => {
      const fullName = repository.includes('/') ? repository : `${org.name}/${repository}`
      const response = await github({
        method: 'GET',
        path: `/repos/${fullName}`,
        what: `look up the repository ${fullName} for the selected repositories`,
        permission: `read access ("Metadata") to ${fullName}`
      })
      if (!isRecord(response.json) || typeof response.json.id !== 'number') {
        throw new ActionError(`GitHub's response for the repository ${fullName} has no id.`)
      }
      return response.json.id
    })
  )
}

/**
 * Proves each target's public key works by sealing a throwaway value with it: a key libsodium
 * refuses must fail the step before a mint kills the stored token.
 */
export async function provePublicKeys(state: StoreState): Promise<void> {
  for (const { target, publicKey } of state.targets) {
    try {
      await seal('personr-token-action: key check', publicKey.key)
    } catch (error) {
      throw new ActionError(
        `Could not encrypt with GitHub's ${target.store} public key for ${target.label} (${messageOf(error)}). Nothing was minted; check \`github-api-url\`.`
      )
    }
  }
}

/** Encrypts `value` with the target's public key and writes the secret. */
export async function writeSecret(
  github: GitHub,
  name: string,
  state: TargetState,
  value: string
): Promise<void> {
  const { target, publicKey } = state
  await github({
    method: 'PUT',
    path: `${target.base}/secrets/${name}`,
    body: {
      encrypted_value: await seal(value, publicKey.key),
      key_id: publicKey.keyId,
      ...access(target.org, state.selectedRepositoryIds)
    },
    what: `write the ${target.store} secret ${name} of ${target.label}`,
    permission: target.permission,
    notFound: target.notFound
  })
}

/**
 * Writes `<name>_EXPIRES_AT`: updates it when it `exists`, creates it otherwise (and updates it
 * after all if someone created it since it was read).
 */
export async function writeRecord(
  github: GitHub,
  secret: SecretInputs,
  state: StoreState,
  exists: boolean,
  value: string
): Promise<void> {
  const { expiry, expiryVariable: name } = secret
  const call = recordCall(secret, 'write')
  // Organization variables take the secret's visibility, on update too: it may have changed.
  const body = { name, value, ...access(expiry.org, idsFor(state, expiry)) }
  const update = (): Promise<unknown> =>
    github({ ...call, method: 'PATCH', path: recordPath(secret), body })
  if (exists) {
    await update()
    return
  }
  const created = await github({
    ...call,
    method: 'POST',
    path: `${expiry.base}/variables`,
    body,
    expected: [409]
  })
  // 409: created by someone else since we looked; update it instead.
  if (created.status === 409) await update()
}

/** Deletes `<name>_EXPIRES_AT`, to leave none where there was none; gone already is fine. */
export async function deleteRecord(github: GitHub, secret: SecretInputs): Promise<void> {
  await github({
    ...recordCall(secret, 'delete'),
    method: 'DELETE',
    path: recordPath(secret),
    expected: [404]
  })
}

/** The secret that proves write access before a mint, beside the real one in each target. */
export const probeName = (name: string): string => `${name}_WRITE_PROBE`

/** What a probe holds: no token, and a word for whoever finds one left behind. */
const PROBE_VALUE =
  'personr-token-action wrote this to prove it may write secrets here before minting; it holds no token and can be deleted.'

/**
 * Writes the probe secret in one target: the same permission as the real secret, without
 * touching it, so the stored token and its `updated_at` stay as they are.
 */
export async function writeProbe(github: GitHub, name: string, state: TargetState): Promise<void> {
  await writeSecret(github, probeName(name), state, PROBE_VALUE)
}

export async function deleteProbe(github: GitHub, name: string, state: TargetState): Promise<void> {
  const { target } = state
  await github({
    method: 'DELETE',
    path: `${target.base}/secrets/${probeName(name)}`,
    what: `delete the ${target.store} secret ${probeName(name)} of ${target.label}`,
    permission: target.permission,
    notFound: target.notFound,
    expected: [404]
  })
}

/** The repository ids of the target the expiry variable sits beside, if it is an org target. */
function idsFor(state: StoreState, expiry: ExpiryPlace): number[] | undefined {
  return state.targets.find((t) => t.target.base === expiry.base && t.target.app === 'actions')
    ?.selectedRepositoryIds
}

/** Who may read an organization secret or variable; nothing for other scopes. */
function access(org: OrgAccess | undefined, ids: number[] | undefined): Record<string, unknown> {
  if (!org) return {}
  return ids
    ? { visibility: org.visibility, selected_repository_ids: ids }
    : { visibility: org.visibility }
}
