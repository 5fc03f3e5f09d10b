// Stands in for undici in dist/: @actions/http-client imports it only for getAgentDispatcher(),
// a proxy for fetch, which the action never calls (its requests go through node:http/https).
export function ProxyAgent() {
  throw new Error('undici is not bundled: getAgentDispatcher() is not available in this action')
}
