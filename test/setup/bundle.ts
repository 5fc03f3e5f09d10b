// Vitest global setup: builds the bundle from the working tree once per test run, the way
// `npm run bundle` does, into a folder laid out as the runner sees the action (action.yml and
// dist/). The end-to-end tests run that, never the committed dist/: a stale dist/ cannot pass.
// .ci/run and the Check dist workflow prove separately that the committed dist/ is this build.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NODE24, ROOT } from '../support/action.ts'

export default function setup(): () => void {
  // npm test (scripts/test.ts) builds it beside the type check and the linters, and cleans up.
  if (process.env.PERSONR_ACTION_DIR) return () => {}
  const dir = mkdtempSync(join(tmpdir(), 'personr-action-'))
  try {
    execFileSync(NODE24, [join(ROOT, 'build', 'bundle.ts'), join(dir, 'dist')], { stdio: 'pipe' })
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').slice(-4000)
    const message = `npm run bundle failed, so no end-to-end test can run:\n${stderr}`
    throw new Error(message, { cause: error })
  }
  copyFileSync(join(ROOT, 'action.yml'), join(dir, 'action.yml'))
  // Test files run in worker processes started after this, which inherit the environment.
  process.env.PERSONR_ACTION_DIR = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
