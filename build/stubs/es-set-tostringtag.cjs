// Takes the place of es-set-tostringtag in dist/, with the same behaviour: form-data calls it once
// to label FormData.prototype. The package reaches Object.defineProperty through get-intrinsic and
// some twenty small modules written for engines without it; Node 24 has it, so this is the same
// contract in ten lines (test/repo/substitutes.test.ts holds the two side by side).
'use strict'

module.exports = function setToStringTag(object, value, options) {
  const force = options ? options.force : false
  const nonConfigurable = options ? options.nonConfigurable : false
  if (
    (force !== undefined && typeof force !== 'boolean') ||
    (nonConfigurable !== undefined && typeof nonConfigurable !== 'boolean')
  ) {
    throw new TypeError(
      'if provided, the `overrideIfSet` and `nonConfigurable` options must be booleans'
    )
  }
  if (force || !Object.hasOwn(object, Symbol.toStringTag)) {
    Object.defineProperty(object, Symbol.toStringTag, {
      configurable: !nonConfigurable,
      enumerable: false,
      value,
      writable: false
    })
  }
}
