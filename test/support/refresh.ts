// The refresh as a workflow in acme/app runs it: the simulator's default account, a secret
// named PERSONR_TOKEN, the fake GitHub's writer token, and the fake as the run's GitHub API.
import { runAction, type ActionRun } from './action.ts'
import { DEFAULT_TOKEN, type FakeGitHub } from '../fakes/github.ts'
import { DEFAULT_ACCOUNT, type Simulator } from '../fakes/personr.ts'

/** The workflow's repository, GITHUB_REPOSITORY. */
export const REPO = 'acme/app'

export function runRefresh(
  personr: Simulator,
  github: FakeGitHub,
  inputs: Record<string, string> = {}
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
    github: { api_url: github.url }
  })
}
