import { ActionError, messageOf } from './errors.ts'
import { isRecord } from './json.ts'
import type { GitHub } from './github.ts'
import type { SecretInputs } from './secret-inputs.ts'
import { isPublicKey, seal } from './sealed-box.ts'

export interface PublicKey {
  keyId: string
  key: string
}

/** What is stored now: the scope's public key and the stored token's expiry, if recorded. */
export interface StoreState {
  publicKey: PublicKey
  /** The raw `<name>_EXPIRES_AT` value; undefined when the variable does not exist. */
  storedExpiry: string | undefined
  /** Whether the secret exists: a recorded expiry means nothing once the secret is gone. */
  secretExists: boolean
  selectedRepositoryIds: number[] | undefined
}

/**
 * Reads everything rotation needs before a token is minted, so that a token without the
 * right to store it fails here, while the stored token still works.
 */
export async function readStoreState(github: GitHub, secret: SecretInputs): Promise<StoreState> {
  const { scope } = secret
  const refused = { permission: scope.permission, notFound: scope.notFound }
  const key = await github({
    method: 'GET',
    path: `${scope.base}/secrets/public-key`,
    what: `read the Actions secrets public key of ${scope.label}`,
    ...refused
  })
  if (
    !isRecord(key.json) ||
    typeof key.json.key !== 'string' ||
    typeof key.json.key_id !== 'string'
  ) {
    throw new ActionError(
      `GitHub's response for the public key of ${scope.label} has no key and key_id, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`
    )
  }
  if (!isPublicKey(key.json.key)) {
    throw new ActionError(
      `GitHub's public key for ${scope.label} is not a base64-encoded 32-byte key, so the token could not be encrypted for it. Nothing was minted; check \`github-api-url\`.`
    )
  }
  const variable = await github({
    method: 'GET',
    path: `${scope.base}/variables/${secret.expiryVariable}`,
    what: `read the variable ${secret.expiryVariable} of ${scope.label}`,
    ...refused,
    expected: [404]
  })
  const value = variable.status === 200 && isRecord(variable.json) ? variable.json.value : undefined
  const stored = await github({
    method: 'GET',
    path: `${scope.base}/secrets/${secret.name}`,
    what: `read whether the secret ${secret.name} of ${scope.label} exists`,
    ...refused,
    expected: [404]
  })
  return {
    publicKey: { keyId: key.json.key_id, key: key.json.key },
    storedExpiry: typeof value === 'string' ? value : undefined,
    secretExists: stored.status === 200,
    selectedRepositoryIds: await repositoryIds(github, secret)
  }
}

/** Organization secrets visible to selected repositories take their ids, not their names. */
async function repositoryIds(github: GitHub, secret: SecretInputs): Promise<number[] | undefined> {
  const org = secret.scope.org
  if (org?.visibility !== 'selected') return undefined
  const ids: number[] = []
  for (const repository of org.repositories) {
    const fullName = repository.includes('/') ? repository : `${org.name}/${repository}`
    const response = await github({
      method: 'GET',
      path: `/repos/${fullName}`,
      what: `look up the repository ${fullName} for \`secret-repositories\``,
      permission: `read access ("Metadata") to ${fullName}`
    })
    if (!isRecord(response.json) || typeof response.json.id !== 'number') {
      throw new ActionError(`GitHub's response for the repository ${fullName} has no id.`)
    }
    ids.push(response.json.id)
  }
  return ids
}

/**
 * Proves the scope's public key works by sealing a throwaway value with it: a key that libsodium
 * refuses must fail the step before a mint kills the stored token.
 */
export async function provePublicKey(secret: SecretInputs, state: StoreState): Promise<void> {
  try {
    await seal('personr-token-action: key check', state.publicKey.key)
  } catch (error) {
    throw new ActionError(
      `Could not encrypt with GitHub's public key for ${secret.scope.label} (${messageOf(error)}). Nothing was minted; check \`github-api-url\`.`
    )
  }
}

/** Encrypts the token with the scope's public key and writes the secret. */
export async function writeSecret(
  github: GitHub,
  secret: SecretInputs,
  state: StoreState,
  token: string
): Promise<void> {
  const { scope } = secret
  const body = {
    encrypted_value: await seal(token, state.publicKey.key),
    key_id: state.publicKey.keyId,
    ...access(secret, state)
  }
  await github({
    method: 'PUT',
    path: `${scope.base}/secrets/${secret.name}`,
    body,
    what: `write the secret ${secret.name} of ${scope.label}`,
    permission: scope.permission
  })
}

/** Creates or updates `<name>_EXPIRES_AT`. */
export async function writeExpiry(
  github: GitHub,
  secret: SecretInputs,
  state: StoreState,
  expiresAt: Date
): Promise<void> {
  const { scope, expiryVariable: name } = secret
  const value = expiresAt.toISOString()
  const call = {
    what: `write the variable ${name} of ${scope.label}`,
    permission: scope.permission
  }
  // Organization variables take the secret's visibility, on update too: it may have changed.
  const body = { name, value, ...access(secret, state) }
  const update = (): Promise<unknown> =>
    github({ ...call, method: 'PATCH', path: `${scope.base}/variables/${name}`, body })
  if (state.storedExpiry !== undefined) {
    await update()
    return
  }
  const created = await github({
    ...call,
    method: 'POST',
    path: `${scope.base}/variables`,
    body,
    expected: [409]
  })
  // 409: created by someone else since we looked; update it instead.
  if (created.status === 409) await update()
}

/** Who may read an organization secret or variable; nothing for other scopes. */
function access(secret: SecretInputs, state: StoreState): Record<string, unknown> {
  const org = secret.scope.org
  if (!org) return {}
  return state.selectedRepositoryIds
    ? { visibility: org.visibility, selected_repository_ids: state.selectedRepositoryIds }
    : { visibility: org.visibility }
}
