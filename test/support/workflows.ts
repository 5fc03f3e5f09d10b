// This repository's workflows, as every test of them reads them.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './action.ts'

/** A step of a workflow job, as far as the tests read it. */
export interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
  run?: string
  shell?: string
  env?: Record<string, string>
}

export interface WorkflowFile {
  /** The file name in .github/workflows, like ci.yml. */
  file: string
  text: string
}

/** Every workflow of .github/workflows, by file name; throws when there is none to check. */
export function workflowFiles(): WorkflowFile[] {
  const dir = join(ROOT, '.github', 'workflows')
  const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file))
  if (files.length === 0) throw new Error(`No workflow in ${dir}: nothing to check.`)
  return files.sort().map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }))
}

/** The text of one workflow, like ci.yml. */
export function workflow(file: string): string {
  const found = workflowFiles().find((w) => w.file === file)
  if (found === undefined) throw new Error(`No workflow ${file} in .github/workflows.`)
  return found.text
}
