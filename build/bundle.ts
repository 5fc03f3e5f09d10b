// npm run bundle: builds dist/ (or the folder given) from src/index.ts with @vercel/ncc.
//
// Three packages that dependencies import but the action never runs are replaced, in the bundle
// only, by stubs from build/stubs/ (copied to <out>/stubs/) that throw if reached, so a dependency
// update that starts to use one fails the end-to-end tests instead of misbehaving: undici (about
// 40 ms less on a token step over TLS), mime-types with its 180 kB database (about 6 ms) and
// @actions/exec with @actions/io and child_process (about 8 ms on a cold start, which would
// otherwise miss its goal). A substitute stays only while it saves 5 ms on one of those two paths:
// `BENCH_ONLY=substitutes npm run bench` weighs each (docs/performance.md). No import in src/
// means anything else: type checks and tests see the real packages.
//
// The code is written out in ASCII only: one non-ASCII character (an ellipsis in a message)
// makes Node decode the whole file the slow way and V8 hold it as two-byte text, about 2 ms for
// dist/index.js. Escaping (\u2026) keeps every string the same.
//
// libsodium embeds its WebAssembly as a 295 kB base64 string, which gzip shrinks worse than the
// bytes themselves. The build moves it, unchanged, to <out>/libsodium.wasm, and the chunk reads it
// back as the same base64 string at the same place: the tarball every job downloads is 29 kB
// smaller (docs/performance.md), and the chunk is readable code again.
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

interface NccAsset {
  source: string | Buffer
}
/** What ncc's webpack compiled: each module's file, or the modules it joined into one. */
interface NccModule {
  resource?: string
  modules?: Iterable<NccModule>
}
interface NccStats {
  compilation: { modules: Iterable<NccModule> }
}

const filesOf = (module: NccModule): string[] =>
  module.resource !== undefined ? [module.resource] : [...(module.modules ?? [])].flatMap(filesOf)
type Ncc = (
  entry: string,
  options: Record<string, unknown>
) => Promise<{ code: string; assets: Record<string, NccAsset>; stats: NccStats }>

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const STUBS = join(ROOT, 'build', 'stubs')

/** Request → the file that stands in for it, relative to the bundle. */
export const SUBSTITUTES: Record<string, string> = {
  undici: './stubs/undici.mjs',
  'mime-types': './stubs/mime-types.cjs',
  '@actions/exec': './stubs/actions-exec.mjs'
}

const ACTION = join(ROOT, 'src', 'index.ts')

/**
 * Builds the action, or another entry the same way (the benchmark builds its floor script), with
 * these substitutes (the benchmark leaves each out in turn, to weigh it).
 */
export async function bundle(
  out: string,
  entry = ACTION,
  substitutes = SUBSTITUTES
): Promise<void> {
  const ncc = createRequire(import.meta.url)('@vercel/ncc') as Ncc
  // ncc never deletes a stale chunk, so the folder starts empty.
  rmSync(out, { recursive: true, force: true })
  const { code, assets, stats } = await ncc(entry, { externals: substitutes, quiet: true })
  const files: Record<string, string | Buffer> = {
    'index.js': code,
    'licenses.txt': licenses(stats)
  }
  for (const [name, asset] of Object.entries(assets)) files[name] = asset.source
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(dirname(join(out, name)), { recursive: true })
    writeFileSync(join(out, name), name.endsWith('.js') ? asciiOnly(String(source)) : source)
  }
  if (entry === ACTION) shipWasmApart(out)
  mkdirSync(join(out, 'stubs'), { recursive: true })
  for (const stub of readdirSync(STUBS)) copyFileSync(join(STUBS, stub), join(out, 'stubs', stub))
}

/**
 * dist/licenses.txt: for every package bundled into any file of dist/, its name, its license as
 * its package.json states it, and its license text. (ncc's own `license` option writes the file
 * once per chunk, each write replacing the last, so it missed dist/index.js's packages.)
 */
function licenses(stats: NccStats): string {
  const roots = new Set<string>()
  for (const file of [...stats.compilation.modules].flatMap(filesOf)) {
    const root = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]
    if (root) roots.add(root)
  }
  return [...roots]
    .map((root) => {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        name: string
        license?: string
      }
      const file = readdirSync(root).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
      const text = file ? readFileSync(join(root, file), 'utf8').trim() : ''
      return [pkg.name, ...(pkg.license ? [pkg.license] : []), text].join('\n')
    })
    .sort()
    .join('\n\n\n')
    .concat('\n')
}

/**
 * The same program in ASCII: every other UTF-16 unit as a \uXXXX escape, which means the same
 * character in a string, template, regular expression, identifier or comment. Two places would
 * change meaning, so code with either is refused: a raw template string (String.raw sees the
 * escape itself) and a character escaped by a backslash (`\…` would become `\\u2026`).
 */
export function asciiOnly(code: string): string {
  if (!/[^\0-\x7f]/.test(code)) return code
  if (code.includes('String.raw') || /\\[^\0-\x7f]/.test(code)) {
    throw new Error(
      'build/bundle.ts cannot escape the non-ASCII text of this code (String.raw, or a backslash before it): see asciiOnly'
    )
  }
  return code.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export const WASM_FILE = 'libsodium.wasm'
/** A string literal that holds a WebAssembly module in base64 ("\0asm" is "AGFzbQ"). */
const WASM_LITERAL = /"(AGFzbQ[A-Za-z0-9+/]+={0,2})"/g

/** Moves the one embedded WebAssembly module out of its chunk into WASM_FILE. */
function shipWasmApart(out: string): void {
  const found = readdirSync(out)
    .filter((name) => name.endsWith('.js'))
    .flatMap((name) => {
      const code = readFileSync(join(out, name), 'utf8')
      return [...code.matchAll(WASM_LITERAL)].map((match) => ({
        name,
        code,
        base64: match[1] ?? ''
      }))
    })
  if (found.length !== 1 || !found[0]) {
    throw new Error(
      `build/bundle.ts expects one embedded WebAssembly module (libsodium's) and found ${found.length}; update shipWasmApart to the new libsodium.`
    )
  }
  const { name, code, base64 } = found[0]
  writeFileSync(join(out, WASM_FILE), Buffer.from(base64, 'base64'))
  const read = `readWasmAsBase64(new URL("./${WASM_FILE}", import.meta.url), "base64")`
  writeFileSync(
    join(out, name),
    `import { readFileSync as readWasmAsBase64 } from "node:fs";\n${code.replace(`"${base64}"`, () => read)}`
  )
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'dist'))
  try {
    await bundle(out)
  } catch (error) {
    // ncc's errors carry its minified source; the lines that say what is wrong are short.
    const lines = String((error as Error).message ?? error).split('\n')
    process.stderr.write(`${lines.filter((line) => line.length < 300).join('\n')}\n`)
    process.exit(1)
  }
  for (const file of listFiles(out)) {
    const kb = (statSync(join(out, file)).size / 1024).toFixed(0).padStart(5)
    console.log(`${kb} kB  ${relative(ROOT, join(out, file))}`)
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`]
  )
}
