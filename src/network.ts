// Everything that talks over the network, in one place that main.ts loads only once the inputs
// are valid: a step that fails on its inputs never loads HTTP, TLS or form-data (see
// docs/performance.md). One import point also keeps dist/ to one chunk for all of it.
export { createTransport, MAX_RESPONSE_BYTES } from './http.ts'
export { mintToken } from './personr.ts'
export { runRefresh } from './refresh-step.ts'
