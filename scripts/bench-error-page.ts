// npm run bench:error-page: how long reading a hostile 64 KiB error page takes, the largest body
// the action reads. Prints numbers; asserts nothing. The regular expression the action used
// before is timed beside it, to show why it was replaced.
import { readErrorBody } from '../src/error-body.ts'

const SIZE = 64 * 1024
const keep = (text: string): string => text
const pages: Record<string, string> = {
  'unclosed <title tags': '<title'.repeat(Math.floor(SIZE / 6)),
  'a title tag without >': `<html><title${' '.repeat(SIZE - 12)}`,
  'a title without </title>': `<html><title>${'x'.repeat(SIZE - 13)}`,
  'commas and spaces (JSON)': `{${', '.repeat(Math.floor(SIZE / 2) - 1)}`,
  'a "message" without its end quote': `{"message":"${'\\"'.repeat(Math.floor(SIZE / 2) - 8)}`
}
const OLD_TITLE = /<title[^>]*>([^<]*)<\/title>/i

function time(run: () => unknown): number {
  const runs: number[] = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    run()
    runs.push(performance.now() - start)
  }
  return runs.sort((a, b) => a - b)[2] ?? 0
}

console.log(`Reading a ${SIZE / 1024} KiB error page, median of 5, Node ${process.version}`)
console.log('')
console.log('| page | readErrorBody ms | the old title regex ms |')
console.log('| --- | ---: | ---: |')
for (const [name, page] of Object.entries(pages)) {
  const now = time(() => readErrorBody(page, keep))
  const old = page.startsWith('<') ? time(() => OLD_TITLE.exec(page)).toFixed(1) : '—'
  console.log(`| ${name} | ${now.toFixed(1)} | ${old} |`)
}
