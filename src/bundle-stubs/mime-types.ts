// Stands in for mime-types in dist/: see README.md here. form-data looks types up only for
// file parts; the action sends text fields, which carry no Content-Type.
export function lookup(): never {
  throw new Error(
    'mime-types is not bundled: form-data file parts are not available in this action'
  )
}
