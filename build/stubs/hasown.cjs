// Takes the place of hasown in dist/, with the same behaviour: the package is
// Object.prototype.hasOwnProperty bound through function-bind, which is what Object.hasOwn is.
'use strict'

module.exports = Object.hasOwn
