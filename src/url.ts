import { ActionError } from './errors.ts'

/**
 * Checks a service URL input: https, or plain http for loopback hosts only, since credentials
 * travel to it. Returns it without fragment or trailing slash, and without query unless kept.
 */
export function readServiceUrl(name: string, value: string, { keepQuery = false } = {}): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ActionError(
      `Input \`${name}\` is not a URL (got "${value}"). Leave it out to use the default, or give an https:// URL.`
    )
  }
  if (url.username || url.password) {
    throw new ActionError(
      `Input \`${name}\` must not contain a user name or password: the action sends credentials its own way.`
    )
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ActionError(
      `Input \`${name}\` must use https:// (got ${url.protocol}//${url.host}): credentials travel to it. Plain http:// is accepted only for localhost, 127.0.0.0/8 and [::1].`
    )
  }
  if (!keepQuery) url.search = ''
  url.hash = ''
  url.pathname = url.pathname.replace(/\/+$/, '')
  return url
}

/** `base` with `path` appended after its own path (URL's resolution would replace the last part). */
export function joinPath(base: URL, path: string): URL {
  const url = new URL(base.href)
  // Set, not resolved: a relative `//x` would be read as another host.
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path}`
  return url
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}
