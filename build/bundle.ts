// npm run bundle: builds dist/ (or the folder given) from src/index.ts with @vercel/ncc.
//
// Two packages that dependencies import but the action never runs are replaced, in the bundle
// only, by the stubs in build/stubs/ (copied to <out>/stubs/). Each pays for itself on the path
// users pay for, a successful token step over TLS (README, "Performance"): undici about 35 ms
// of parsing, mime-types (and its 180 kB database) about 10 ms. Each stub throws if reached, so a
// dependency update that starts to use one fails the end-to-end tests instead of misbehaving.
// Type checking and tests see the real packages: no import in src/ means anything else.
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

interface NccAsset {
  source: string | Buffer
}
type Ncc = (
  entry: string,
  options: Record<string, unknown>
) => Promise<{ code: string; assets: Record<string, NccAsset> }>

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const STUBS = join(ROOT, 'build', 'stubs')

/** Request → the file that stands in for it, relative to the bundle. */
export const SUBSTITUTES: Record<string, string> = {
  undici: './stubs/undici.mjs',
  'mime-types': './stubs/mime-types.cjs'
}

export async function bundle(out: string): Promise<void> {
  const ncc = createRequire(import.meta.url)('@vercel/ncc') as Ncc
  // ncc never deletes a stale chunk, so the folder starts empty.
  rmSync(out, { recursive: true, force: true })
  const { code, assets } = await ncc(join(ROOT, 'src', 'index.ts'), {
    externals: SUBSTITUTES,
    license: 'licenses.txt',
    quiet: true
  })
  const files: Record<string, string | Buffer> = { 'index.js': code }
  for (const [name, asset] of Object.entries(assets)) files[name] = asset.source
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(dirname(join(out, name)), { recursive: true })
    writeFileSync(join(out, name), source)
  }
  mkdirSync(join(out, 'stubs'), { recursive: true })
  for (const stub of readdirSync(STUBS)) copyFileSync(join(STUBS, stub), join(out, 'stubs', stub))
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
