// npm run bench:error-page: how long reading a hostile 64 KiB error page takes, the largest body
// the action reads. Prints numbers; asserts nothing. The regular expression the action used
// before is timed beside it, to show why it was replaced.
import { readErrorBody } from '../src/error-body.ts'
import { Redactor } from '../src/redactor.ts'

const SIZE = 64 * 1024
const keep = (text: string): string => text
const pages: Record<string, string> = {
  'unclosed <title tags': '<title'.repeat(Math.floor(SIZE / 6)),
  'a title tag without >': `<html><title${' '.repeat(SIZE - 12)}`,
  'a title without </title>': `<html><title>${'x'.repeat(SIZE - 13)}`,
  'commas and spaces (JSON)': `{${', '.repeat(Math.floor(SIZE / 2) - 1)}`,
  'a "message" without its end quote': `{"message":"${'\\"'.repeat(Math.floor(SIZE / 2) - 8)}`,
  'a message escaped five times over (JSON)': `{"message":"${'%252525'.repeat(Math.floor(SIZE / 7) - 2)}"}`,
  'a message of references (JSON)': `{"message":"${'&amp;lt;'.repeat(Math.floor(SIZE / 8) - 2)}"}`
}
// The step's secrets as a refresh holds them: the password, github-token and two Personr tokens.
const secrets = new Redactor()
secrets.add('pä$$ w0rd|"&=;\\ ünïcode')
secrets.add('ghs_16C7e42F292c6912E7710c838347Ae178B4a')
for (const token of [
  'bus|1665086295388x405886519539808060|1700000000000x123456789012345678',
  'bus|1665086295388x405886519539808060|1700000000001x876543210987654321'
]) {
  secrets.add(token, { token: true })
}
const read = (text: string): string => secrets.read(text)
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
console.log('| page | readErrorBody ms | read and redacted ms | the old title regex ms |')
console.log('| --- | ---: | ---: | ---: |')
for (const [name, page] of Object.entries(pages)) {
  await secrets.prepare(page)
  const now = time(() => readErrorBody(page, keep))
  const redacted = time(() => readErrorBody(page, read))
  const old = page.startsWith('<') ? time(() => OLD_TITLE.exec(page)).toFixed(1) : '—'
  console.log(`| ${name} | ${now.toFixed(1)} | ${redacted.toFixed(1)} | ${old} |`)
}
