// Throwaway certificates for TLS tests, made with the `openssl` CLI in a temporary directory
// that is removed when the test process exits: a private CA, a server certificate it signed for
// localhost and 127.0.0.1, a self-signed certificate, and one the CA signed for another host.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface KeyPair {
  key: string
  cert: string
}

export interface Certificates {
  /** The CA's certificate file (PEM), for NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** Signed by the CA for DNS:localhost and IP:127.0.0.1. */
  server: KeyPair
  /** Signed by itself, for DNS:localhost and IP:127.0.0.1. */
  selfSigned: KeyPair
  /** Signed by the CA for DNS:other.example only. */
  otherHost: KeyPair
}

const LOCAL_NAMES = 'subjectAltName=DNS:localhost,IP:127.0.0.1'

/** Runs `openssl` in `dir` with the arguments of `command`, split at spaces, then `more`. */
function openssl(dir: string, command: string, ...more: string[]): void {
  execFileSync('openssl', [...command.split(' '), ...more], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe']
  })
}

/** A fresh EC key (fast to make) in `name`.key. */
function newKey(dir: string, name: string): void {
  openssl(dir, `genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ${name}.key`)
}

/** A leaf certificate for `names`, signed by the CA in ca.key/ca.pem. */
function signed(dir: string, name: string, subject: string, names: string): void {
  newKey(dir, name)
  openssl(dir, `req -new -key ${name}.key -out ${name}.csr -subj`, subject)
  const extensions = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
    names
  ]
  writeFileSync(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`)
  openssl(
    dir,
    `x509 -req -in ${name}.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -sha256 -extfile ${name}.ext -out ${name}.pem`
  )
}

function selfSignedCert(dir: string, name: string, subject: string, extensions: string[]): void {
  newKey(dir, name)
  const added = extensions.flatMap((e) => ['-addext', e])
  openssl(
    dir,
    `req -new -x509 -key ${name}.key -days 2 -sha256 -out ${name}.pem -subj`,
    subject,
    ...added
  )
}

let made: Certificates | undefined

/** The certificates, made once per test process. */
export function certificates(): Certificates {
  if (made) return made
  const dir = mkdtempSync(join(tmpdir(), 'personr-tls-'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  selfSignedCert(dir, 'ca', '/CN=personr-token-action test CA', [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign'
  ])
  signed(dir, 'server', '/CN=localhost', LOCAL_NAMES)
  signed(dir, 'other', '/CN=other.example', 'subjectAltName=DNS:other.example')
  selfSignedCert(dir, 'self', '/CN=localhost', [LOCAL_NAMES])
  const pair = (name: string): KeyPair => ({
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8')
  })
  made = {
    caFile: join(dir, 'ca.pem'),
    server: pair('server'),
    selfSigned: pair('self'),
    otherHost: pair('other')
  }
  return made
}
