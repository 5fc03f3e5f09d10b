// Stands in for mime-types in dist/: form-data looks a type up only for file parts; the action
// sends text fields, which carry no Content-Type.
exports.lookup = function lookup() {
  throw new Error(
    'mime-types is not bundled: form-data file parts are not available in this action'
  )
}
