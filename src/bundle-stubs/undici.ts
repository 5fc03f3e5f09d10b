// Stands in for undici in dist/: see README.md here.
export function ProxyAgent(): never {
  throw new Error('undici is not bundled: getAgentDispatcher() is not available in this action')
}
