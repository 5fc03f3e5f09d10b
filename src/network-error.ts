import { ActionError } from './errors.ts'

/** A TLS failure: the handshake failed, so the request itself was never sent. */
export class NothingSentError extends ActionError {
  override name = 'NothingSentError'
}

/**
 * The system calls whose failure proves a request never left the runner: no connection was made,
 * or the host name never resolved. A code alone proves nothing: ECONNRESET or EHOSTUNREACH on a
 * reused connection can come after the request went out.
 */
const BEFORE_SENDING = new Set(['connect', 'getaddrinfo'])

/** Whether a request that failed this way certainly never reached the server. */
export function neverSent(error: unknown): boolean {
  const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall ?? ''
  return error instanceof NothingSentError || BEFORE_SENDING.has(syscall)
}

/** A network failure with Node's error code, raised by the action's own transport. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  readonly code: string
  /** What to do if it keeps happening, when that is not simply to retry later. */
  readonly advice: string | undefined
  constructor(code: string, message: string, advice?: string) {
    super(message)
    this.code = code
    this.advice = advice
  }
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE'
])

/**
 * Node's own words for TLS and protocol failures ("self-signed certificate", "Parse Error:
 * Expected HTTP/") say nothing about which URL or what to do. These failures are not transient,
 * so they become one final error that says both. Anything else is returned as it was.
 */
export function explainNetworkError(error: unknown, url: URL, input: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code !== 'string') return error
  const where = `${url.origin}${url.pathname}`
  if (code === 'ECONNRESET' && url.protocol === 'http:') {
    // A TLS server hangs up on a plain http request: say so, and let the retries run.
    return new NetworkError(
      code,
      `the connection closed without an answer; if ${url.host} speaks https, \`${input}\` must start with https://`,
      `If ${url.host} speaks https, change \`${input}\` to https://; otherwise re-run the job later.`
    )
  }
  const host = url.host
  if (UNTRUSTED.has(code)) {
    return new NothingSentError(
      `The TLS certificate of ${host} is not trusted (${code}: self-signed, or issued by a CA Node does not know), so nothing was sent to ${where}. If that is the right server and it uses a private CA, give the runner that CA in NODE_EXTRA_CA_CERTS (a PEM file); otherwise check \`${input}\`.`
    )
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new NothingSentError(
      `The TLS certificate of ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}, so nothing was sent to ${where}. Check \`${input}\`, the server's certificate and the runner's clock.`
    )
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new NothingSentError(
      `The TLS certificate presented for ${host} is for another host name, so nothing was sent to ${where}. Check the host name in \`${input}\`: it must be the name the server's certificate is for.`
    )
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    return new NothingSentError(
      `${host} did not answer in TLS (${code}) at ${where}: it looks like a plain http port. Check the scheme and port in \`${input}\`.`
    )
  }
  if (code.startsWith('HPE_')) {
    return new ActionError(
      `${host} answered something that is not HTTP (${code}) at ${where}. Check the scheme, host and port in \`${input}\`${url.protocol === 'http:' ? '; if that server speaks https, the URL must start with https://' : ''}.`
    )
  }
  return error
}
