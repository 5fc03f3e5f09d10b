// The runner fills in action.yml's defaults only for an input a workflow leaves out; the action
// applies them itself to an input given as an empty string. Both lists must say the same.
import { describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS } from '../../src/inputs.ts'
import { inputDefaults } from '../support/action.ts'

describe('input defaults', () => {
  it('are the same in src/inputs.ts and action.yml', () => {
    const fromActionYml = inputDefaults({ api_url: 'https://api.github.com' })
    expect(INPUT_DEFAULTS).toEqual(fromActionYml)
  })
})
