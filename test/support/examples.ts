// The example workflows users copy from the documentation: every ```yaml block that has a
// top-level `jobs:` key, in README.md and docs/stores.md. validate.test.ts, actionlint.test.ts,
// readme.test.ts and workflows.test.ts check the same list, so an example added to either page is
// validated, linted and pin-checked alike.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './action.ts'

export interface Example {
  /** "README.md example 2": names the page and the block, for test titles and findings. */
  name: string
  page: string
  workflow: string
}

export function exampleWorkflows(): Example[] {
  return ['README.md', 'docs/stores.md'].flatMap((page) =>
    [...readFileSync(join(ROOT, page), 'utf8').matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)]
      .map((match) => match[1] ?? '')
      .filter((block) => /^jobs:/m.test(block))
      .map((workflow, i) => ({ name: `${page} example ${i + 1}`, page, workflow }))
  )
}
