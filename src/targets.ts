import { ActionError } from './errors.ts'

/** The three places GitHub keeps encrypted secrets, each with its own API, keys and permission. */
export type App = 'actions' | 'dependabot' | 'codespaces'
export type Visibility = 'all' | 'private' | 'selected'

export interface OrgAccess {
  name: string
  visibility: Visibility
  /** With `selected`: names in the organization or `owner/name`. */
  repositories: string[]
}

/** One secret store the token is written to. */
export interface Target {
  app: App
  /** "Actions", "Dependabot" or "Codespaces", for people. */
  store: string
  /** `/repos/o/r/actions`, `/repos/o/r/environments/e`, `/orgs/o/dependabot` …: secrets live under `<base>/secrets`. */
  base: string
  /** "repository o/r", "environment e of o/r", "organization o (visibility private)". */
  label: string
  /** What `github-token` needs to read and write the secret here, for errors. */
  permission: string
  /** What else a 404 can mean here, for errors. */
  notFound?: string
  org?: OrgAccess
  /** The repository of a repository or environment target (`owner/name`). */
  repo?: string
  /** The line of `secret-targets` it came from, for errors; absent for the single-target inputs. */
  line?: number
}

/** Where `<name>_EXPIRES_AT` is recorded: an Actions variable scope. */
export interface ExpiryPlace {
  /** `/repos/o/r/actions`, `/repos/o/r/environments/e` or `/orgs/o/actions`: variables live under `<base>/variables`. */
  base: string
  label: string
  permission: string
  notFound?: string
  org?: OrgAccess
}

export const MAX_TARGETS = 20
const STORES: Record<App, string> = {
  actions: 'Actions',
  dependabot: 'Dependabot',
  codespaces: 'Codespaces'
}

interface TargetSpec {
  app: App
  repo?: string
  env?: string
  org?: OrgAccess
}

/** A target's API paths, words and permission, from a checked spec. */
export function makeTarget(spec: TargetSpec): Target {
  const { app, org } = spec
  const store = STORES[app]
  if (org) {
    return {
      app,
      store,
      base: `/orgs/${org.name}/${app}`,
      label: `organization ${org.name} (visibility ${org.visibility})`,
      permission: permission(app, 'org', org.name),
      org
    }
  }
  const repo = spec.repo ?? ''
  if (spec.env !== undefined) {
    return {
      app,
      store,
      base: `/repos/${repo}/environments/${encodeURIComponent(spec.env)}`,
      label: `environment ${spec.env} of ${repo}`,
      permission: permission(app, 'env', repo),
      notFound: `The environment "${spec.env}" may not exist in ${repo}: create it under Settings → Environments, or correct the environment name.`,
      repo
    }
  }
  return {
    app,
    store,
    base: `/repos/${repo}/${app}`,
    label: `repository ${repo}`,
    permission: permission(app, 'repo', repo),
    repo
  }
}

/** Fine-grained token and GitHub App permissions per store and scope (GitHub's REST docs). */
function permission(app: App, kind: 'repo' | 'env' | 'org', where: string): string {
  const table: Record<string, [string, string]> = {
    'actions:repo': ['repository permission "Secrets"', 'secrets: write'],
    'actions:env': ['repository permission "Environments"', 'environments: write'],
    'actions:org': ['organization permission "Secrets"', 'organization_secrets: write'],
    'dependabot:repo': ['repository permission "Dependabot secrets"', 'dependabot_secrets: write'],
    'dependabot:org': [
      'organization permission "Organization dependabot secrets"',
      'organization_dependabot_secrets: write'
    ],
    'codespaces:repo': ['repository permission "Codespaces secrets"', 'codespaces_secrets: write'],
    'codespaces:org': [
      'organization permission "Organization codespaces secrets"',
      'organization_codespaces_secrets: write'
    ]
  }
  const [fineGrained, githubApp] = table[`${app}:${kind}`] ?? ['', '']
  return `the ${fineGrained} (read and write) on ${where} as a fine-grained token, or \`${githubApp}\` as a GitHub App`
}

/**
 * Where the expiry variable goes: beside the first Actions target, or in the workflow's own
 * repository when no target is an Actions one (Dependabot and Codespaces have no variables).
 */
export function expiryPlace(targets: Target[], workflowRepo: string | undefined): ExpiryPlace {
  const actions = targets.find((target) => target.app === 'actions')
  if (actions?.org) {
    return {
      base: actions.base,
      label: actions.label,
      org: actions.org,
      permission: `the organization permission "Variables" (read and write) on ${actions.org.name} as a fine-grained token, or \`organization_actions_variables: write\` as a GitHub App`
    }
  }
  if (actions?.base.includes('/environments/')) {
    return {
      base: actions.base,
      label: actions.label,
      permission: actions.permission,
      ...(actions.notFound ? { notFound: actions.notFound } : {})
    }
  }
  const repo = actions?.repo ?? workflowRepo
  if (repo === undefined || !isRepository(repo)) {
    throw new ActionError(
      'No repository for the expiry variable: no target is an Actions secret and GITHUB_REPOSITORY is not set. Add an Actions target to `secret-targets`.'
    )
  }
  return {
    base: `/repos/${repo}/actions`,
    label: `repository ${repo}`,
    permission: `the repository permission "Variables" (read and write) on ${repo} as a fine-grained token, or \`actions_variables: write\` as a GitHub App`
  }
}

/** A repository or owner name; `.` and `..` would be resolved away inside the API path. */
export function isName(part: string): boolean {
  return /^[\w.-]+$/.test(part) && part !== '.' && part !== '..'
}

export function isRepository(value: string): boolean {
  const parts = value.split('/')
  return parts.length === 2 && parts.every(isName)
}

export function isOrgName(value: string): boolean {
  return /^[A-Za-z0-9-]+$/.test(value)
}

/** The same store and scope, however it was spelt (GitHub compares names case-insensitively). */
export function sameTarget(a: Target, b: Target): boolean {
  return a.app === b.app && a.base.toLowerCase() === b.base.toLowerCase()
}
