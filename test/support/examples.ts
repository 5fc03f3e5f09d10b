// The example workflows users copy from the documentation: every ```yaml block that has a
// top-level `jobs:` key. readme.test.ts, actionlint.test.ts and workflows.test.ts check the same
// list, so an example added to any of these pages is validated, linted and pin-checked alike.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './action.ts'

/** The pages whose example workflows are checked, relative to the repository root. */
export const EXAMPLE_PAGES = ['README.md', 'docs/stores.md'] as const

export interface Example {
  /** "README.md example 2": names the page and the block, for test titles and findings. */
  name: string
  page: string
  workflow: string
}

/** The example workflows in one Markdown text, in order. */
export function workflowBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)]
    .map((match) => match[1] ?? '')
    .filter((block) => /^jobs:/m.test(block))
}

/** Every example workflow of every page in EXAMPLE_PAGES. */
export function exampleWorkflows(): Example[] {
  return EXAMPLE_PAGES.flatMap((page) =>
    workflowBlocks(readFileSync(join(ROOT, page), 'utf8')).map((workflow, i) => ({
      name: `${page} example ${i + 1}`,
      page,
      workflow
    }))
  )
}
