// The two packages build/bundle.ts replaces with the same behaviour (not with a stub that throws)
// held beside the packages themselves: whatever form-data could ask of them, they answer alike.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/action.ts'

const require = createRequire(join(ROOT, 'package.json'))
type SetToStringTag = (object: object, value: unknown, options?: unknown) => void
type HasOwn = (object: unknown, key: PropertyKey) => boolean
const pair = <T>(name: string, file: string): [string, T, T] => [
  name,
  require(name) as T,
  require(join(ROOT, 'build', 'stubs', file)) as T
]

/** What a call leaves behind: the descriptor it wrote, or the error it threw. */
function outcome(set: SetToStringTag, start: () => object, value: unknown, options?: unknown) {
  const object = start()
  try {
    set(object, value, options)
  } catch (error) {
    return { threw: (error as Error).constructor.name, message: (error as Error).message }
  }
  return { descriptor: Object.getOwnPropertyDescriptor(object, Symbol.toStringTag) }
}

describe('es-set-tostringtag, as substituted', () => {
  const [name, real, substitute] = pair<SetToStringTag>(
    'es-set-tostringtag',
    'es-set-tostringtag.cjs'
  )
  const starts = {
    'a plain object': () => ({}),
    'a prototype, as form-data passes': () => function FormData() {}.prototype as object,
    'an object already tagged': () =>
      Object.defineProperty({}, Symbol.toStringTag, { value: 'Old', configurable: true }),
    'an object tagged through its prototype': () =>
      Object.create({ [Symbol.toStringTag]: 'Inherited' })
  }
  const options = [
    undefined,
    null,
    {},
    { force: true },
    { force: false },
    { nonConfigurable: true },
    { force: true, nonConfigurable: true },
    { force: 'yes' },
    { nonConfigurable: 1 }
  ]

  for (const [label, start] of Object.entries(starts)) {
    for (const option of options) {
      it(`labels ${label} with options ${JSON.stringify(option)} as ${name} does`, () => {
        expect(outcome(substitute, start, 'FormData', option)).toEqual(
          outcome(real, start, 'FormData', option)
        )
      })
    }
  }

  it('gives FormData the label form-data sets', () => {
    const object = {}
    substitute(object, 'FormData')
    expect(Object.prototype.toString.call(object)).toBe('[object FormData]')
  })
})

describe('hasown, as substituted', () => {
  const [, real, substitute] = pair<HasOwn>('hasown', 'hasown.cjs')
  const symbol = Symbol('own')
  const cases: [string, unknown, PropertyKey][] = [
    ['an own key', { fd: 3 }, 'fd'],
    ['an inherited key', Object.create({ fd: 3 }), 'fd'],
    ['a missing key', {}, 'httpVersion'],
    ['an own symbol', { [symbol]: 1 }, symbol],
    ['a key set to undefined', { path: undefined }, 'path'],
    ['an object without a prototype', Object.assign(Object.create(null), { a: 1 }), 'a'],
    ['a string index', 'abc', 1]
  ]
  for (const [label, object, key] of cases) {
    it(`answers ${label} as hasown does`, () => {
      expect(substitute(object, key)).toBe(real(object, key))
    })
  }

  it('throws on null as hasown does', () => {
    expect(() => real(null, 'a')).toThrow(TypeError)
    expect(() => substitute(null, 'a')).toThrow(TypeError)
  })
})
