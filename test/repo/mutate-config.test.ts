// npm run mutate judges each mutant by the unit suite alone: an end-to-end or repository test there
// would build the bundle and start processes for every mutant.
import { expect, it } from 'vitest'
import mutate from '../../vitest.mutate.config.ts'

it('runs test/unit/ alone, without the bundle build', () => {
  expect(mutate.test?.include).toEqual(['test/unit/**/*.test.ts'])
  expect(mutate.test?.globalSetup).toEqual([])
})
