// Stands in for @actions/http-client where @actions/core imports it (for getIDToken, which the
// action never calls), so that a step which fails on its inputs loads no node:https or TLS.
// src/http.ts imports the real module by its path, which this mapping does not touch.
export function HttpClient(): never {
  throw new Error(
    '@actions/core cannot send requests in this bundle: getIDToken() is not available'
  )
}
