import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors.ts'
import { explainNetworkError, NetworkError } from '../../src/network-error.ts'

const HTTPS = new URL('https://personr.example:8443/api/1.1/wf/api-token-generate?x=1')
const HTTP = new URL('http://127.0.0.1:8080/api/1.1/wf/api-token-generate')

function errno(code: string, message = 'node says something terse'): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code })
}

function explained(code: string, url = HTTPS): string {
  const out = explainNetworkError(errno(code), url, 'api-url')
  expect(out).toBeInstanceOf(ActionError)
  return (out as ActionError).message
}

describe('explainNetworkError', () => {
  it.each([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_UNTRUSTED',
    'CERT_SIGNATURE_FAILURE'
  ])('names the URL and NODE_EXTRA_CA_CERTS for an untrusted certificate (%s)', (code) => {
    const message = explained(code)
    expect(message).toContain(`The TLS certificate of personr.example:8443 is not trusted (${code}`)
    expect(message).toContain('https://personr.example:8443/api/1.1/wf/api-token-generate')
    expect(message).toContain('NODE_EXTRA_CA_CERTS')
    expect(message).toContain('check `api-url`')
    expect(message).not.toContain('x=1')
  })

  it.each([
    ['CERT_HAS_EXPIRED', 'expired'],
    ['CERT_NOT_YET_VALID', 'not valid yet']
  ])('says a certificate is %s', (code, words) => {
    expect(explained(code)).toContain(`The TLS certificate of personr.example:8443 is ${words}`)
  })

  it('says a certificate for another host name is one', () => {
    expect(explained('ERR_TLS_CERT_ALTNAME_INVALID')).toContain(
      'is for another host name, so nothing was sent to https://personr.example:8443/api/1.1/wf/api-token-generate. Check the host name in `api-url`'
    )
  })

  it.each(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG'])(
    'says a server that does not speak TLS looks like plain http (%s)',
    (code) => {
      expect(explained(code)).toContain(
        `personr.example:8443 did not answer in TLS (${code}) at https://personr.example:8443/api/1.1/wf/api-token-generate: it looks like a plain http port.`
      )
    }
  )

  it.each(['HPE_INVALID_CONSTANT', 'HPE_INVALID_HEADER_TOKEN'])(
    'says an answer that is not HTTP is not (%s)',
    (code) => {
      expect(explained(code)).toContain(`answered something that is not HTTP (${code})`)
      expect(explained(code, HTTP)).toContain(
        'if that server speaks https, the URL must start with https://'
      )
      expect(explained(code)).not.toContain('must start with https://')
    }
  )

  it('keeps a reset on plain http transient, with a hint about https', () => {
    const out = explainNetworkError(errno('ECONNRESET', 'socket hang up'), HTTP, 'api-url')
    expect(out).toBeInstanceOf(NetworkError)
    expect(out).toMatchObject({
      code: 'ECONNRESET',
      message:
        'the connection closed without an answer; if 127.0.0.1:8080 speaks https, `api-url` must start with https://',
      advice:
        'If 127.0.0.1:8080 speaks https, change `api-url` to https://; otherwise re-run the job later.'
    })
  })

  it.each([
    ['a reset over https', errno('ECONNRESET'), HTTPS],
    ['a refused connection', errno('ECONNREFUSED'), HTTP],
    ['an error without a code', new Error('boom'), HTTPS],
    ['a thrown string', 'boom', HTTPS],
    ['undefined', undefined, HTTPS]
  ])('returns %s as it was', (_what, error, url) => {
    expect(explainNetworkError(error, url, 'api-url')).toBe(error)
  })

  it('names the input it was given', () => {
    expect(
      (explainNetworkError(errno('EPROTO'), HTTPS, 'github-api-url') as Error).message
    ).toContain('`github-api-url`')
  })
})
