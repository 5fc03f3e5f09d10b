// The refresh as a workflow in acme/app runs it: the simulator's default account, a secret
// named PERSONR_TOKEN, the fake GitHub's writer token, and the fake as the run's GitHub API.
import { afterEach, beforeEach, expect } from 'vitest'
import { runAction, type ActionRun, type RunOptions } from './action.ts'
import { expectNoLeak } from './leaks.ts'
import { DEFAULT_TOKEN, startFakeGitHub } from '../fakes/github.ts'
import type { FakeGitHub, FakeGitHubOptions } from '../fakes/github.ts'
import { DEFAULT_ACCOUNT, startSimulator, type Simulator } from '../fakes/personr.ts'

/** The workflow's repository, GITHUB_REPOSITORY. */
export const REPO = 'acme/app'
export const DAY = 86_400_000

export function runRefresh(
  personr: Simulator,
  github: FakeGitHub,
  inputs: Record<string, string> = {},
  options: Pick<RunOptions, 'cancel' | 'onStdout'> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: {
      ...DEFAULT_ACCOUNT,
      'api-url': personr.url,
      'secret-name': 'PERSONR_TOKEN',
      'github-token': DEFAULT_TOKEN,
      ...inputs
    },
    env: { GITHUB_REPOSITORY: REPO },
    github: { api_url: github.url },
    ...options
  })
}

export interface Fakes {
  readonly personr: Simulator
  readonly github: FakeGitHub
  /** The refresh, with these inputs on top. */
  run(inputs?: Record<string, string>): Promise<ActionRun>
  /**
   * No password, github-token or Personr token anywhere a user can see. A run has a Personr token
   * to hide (the account's current one, or its token output) unless `noToken` says it has none.
   */
  expectNoCredentialShown(
    result: ActionRun,
    options?: { githubToken?: string; noToken?: boolean }
  ): void
}

/** A simulator and a fake GitHub (writer token and these options) for each test. */
export function useFakes(options: FakeGitHubOptions = {}): Fakes {
  let personr: Simulator | undefined
  let github: FakeGitHub | undefined
  beforeEach(async () => {
    personr = await startSimulator()
    github = await startFakeGitHub({
      repos: [REPO],
      ...options,
      tokens: { [DEFAULT_TOKEN]: '*', ...options.tokens }
    })
  })
  afterEach(async () => {
    await personr?.close()
    await github?.close()
  })
  const fakes: Fakes = {
    get personr() {
      if (!personr) throw new Error('the fakes start in beforeEach')
      return personr
    },
    get github() {
      if (!github) throw new Error('the fakes start in beforeEach')
      return github
    },
    run: (inputs = {}) => runRefresh(fakes.personr, fakes.github, inputs),
    expectNoCredentialShown(result, { githubToken = DEFAULT_TOKEN, noToken = false } = {}) {
      expectNoLeak(result, DEFAULT_ACCOUNT.password, 'password')
      expectNoLeak(result, githubToken, 'github-token')
      const current = fakes.personr.currentToken(DEFAULT_ACCOUNT.email)
      const tokens = [...new Set([result.outputs.token, current])].filter((t) => t !== undefined)
      expect(tokens.length > 0, 'a Personr token to look for').toBe(!noToken)
      for (const token of tokens) expectNoLeak(result, token, 'Personr token')
    }
  }
  return fakes
}

/** The job summary as read: its Markdown escapes punctuation (src/markdown.ts). */
export const unescaped = (markdown: string): string => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1')
