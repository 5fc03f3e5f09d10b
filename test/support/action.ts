// Runs the bundle the way the GitHub runner does: inputs as INPUT_* variables with
// action.yml's defaults filled in, outputs and summary through files, workflow commands on stdout.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { track } from './children.ts'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Node 24, which the action declares (`runs.using: node24`), from the `node` package. */
export const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', 'node')

/**
 * The action as `uses: ./` sees it once released: action.yml and dist/ only, no node_modules to
 * fall back on. Under vitest it is the bundle built from the working tree for this test run
 * (test/setup/bundle.ts), so a stale dist/ cannot pass the tests; scripts run the committed one.
 */
export function actionDir(): string {
  const built = process.env.PERSONR_ACTION_DIR
  if (built) return built
  if (process.env.VITEST) {
    throw new Error(
      'No bundle for this test run: vitest.config.ts runs test/setup/bundle.ts first.'
    )
  }
  return ROOT
}

export interface Command {
  command: string
  value: string
}

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  commands: Command[]
  /** Everything the runner would let a user see: stdout, stderr, summary. */
  visible: string
  /** When the process started and ended, by performance.now() of this process. */
  started: number
  ended: number
  /** The signals the runner sent, in order (see RunOptions.cancel). */
  signals: NodeJS.Signals[]
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  /** Values for `${{ github.* }}` in action.yml defaults. */
  github?: Record<string, string>
  /** Another script to run the same way instead of the bundle (benchmarks compare against it). */
  script?: string
  /**
   * Cancels the step as the runner does once `when()` holds: SIGINT, then SIGTERM if it still
   * runs `termAfterMs` later (7,500 ms on GitHub), then SIGKILL `killAfterMs` after that (2,500).
   * A test that means SIGTERM to come at a given point sends it once `termWhen()` holds instead,
   * so what it stops does not depend on how fast a loaded machine gets there.
   */
  cancel?: {
    when: (stdout: string) => boolean
    termWhen?: (stdout: string) => boolean
    termAfterMs?: number
    killAfterMs?: number
  }
  /** Called with everything the action printed on stdout so far, each time it prints. */
  onStdout?: (stdout: string) => void
}

interface ActionInput {
  default?: string
}

/** action.yml's defaults, with `${{ github.x }}` expressions resolved from `github`. */
export function inputDefaults(github: Record<string, string> = {}): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, ActionInput>
  }
  const defaults: Record<string, string> = {}
  for (const [name, input] of Object.entries(action.inputs)) {
    if (input.default === undefined) continue
    defaults[name] = String(input.default).replace(
      /\$\{\{\s*github\.(\w+)\s*\}\}/g,
      (_, key: string) => github[key] ?? ''
    )
  }
  return defaults
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'personr-action-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env
  }
  const inputs = { ...inputDefaults(options.github), ...options.inputs }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  try {
    const script = options.script ?? join(actionDir(), 'dist', 'index.js')
    const started = performance.now()
    const signals: NodeJS.Signals[] = []
    const { code, stdout, stderr } = await spawnCollect(NODE24, [script], env, dir, (child) => {
      if (options.onStdout) watchStdout(child, options.onStdout)
      return options.cancel ? cancelLikeTheRunner(child, options.cancel, signals) : () => {}
    })
    const ended = performance.now()
    const summary = readFileSync(summaryFile, 'utf8')
    return {
      code,
      stdout,
      stderr,
      // The runner reads both; a file write wins, as it is read when the step ends.
      outputs: { ...setOutputCommands(stdout), ...parseOutputs(readFileSync(outputFile, 'utf8')) },
      summary,
      commands: parseCommands(stdout),
      visible: `${stdout}\n${stderr}\n${summary}`,
      started,
      ended,
      signals
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Calls `each` with everything the child printed on stdout so far, each time it prints. */
function watchStdout(child: ChildProcess, each: (stdout: string) => void): void {
  let stdout = ''
  child.stdout?.on('data', (chunk: Buffer) => each((stdout += chunk.toString())))
}

/**
 * Sends the runner's signals on its schedule, or SIGTERM on the test's cue; returns what stops
 * them at exit. The cues are checked as the action prints and every 5 ms, since some watch the
 * fakes' requests.
 */
function cancelLikeTheRunner(
  child: ChildProcess,
  { when, termWhen, termAfterMs = 7500, killAfterMs = 2500 }: NonNullable<RunOptions['cancel']>,
  signals: NodeJS.Signals[]
): () => void {
  const timers: NodeJS.Timeout[] = []
  const send = (signal: NodeJS.Signals): void => {
    signals.push(signal)
    child.kill(signal)
  }
  const terminate = (): void => {
    send('SIGTERM')
    timers.push(setTimeout(() => send('SIGKILL'), killAfterMs))
  }
  let stdout = ''
  const cue = (): void => {
    if (signals.length === 0 && when(stdout)) {
      send('SIGINT')
      if (!termWhen) timers.push(setTimeout(terminate, termAfterMs))
    }
    if (signals.length === 1 && termWhen?.(stdout)) terminate()
  }
  watchStdout(child, (printed) => {
    stdout = printed
    cue()
  })
  const poll = setInterval(cue, 5)
  return () => {
    clearInterval(poll)
    for (const timer of timers) clearTimeout(timer)
  }
}

function spawnCollect(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  watch: (child: ChildProcess) => () => void = () => () => {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }))
    const unwatch = watch(child)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      unwatch()
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * GITHUB_OUTPUT as the runner reads it: `name<<delimiter` … `delimiter` blocks (what
 * @actions/core writes) and `name=value` lines; empty lines are skipped. Anything else fails the
 * step on the runner, so it throws here rather than letting an output pass unseen.
 */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals > 0 && (heredoc < 0 || equals < heredoc)) {
      outputs[line.slice(0, equals)] = line.slice(equals + 1)
      continue
    }
    const delimiter = line.slice(heredoc + 2)
    if (heredoc <= 0 || (equals >= 0 && equals < heredoc) || delimiter === '') {
      throw new Error(
        `GITHUB_OUTPUT line ${i + 1} is not \`name=value\` nor \`name<<delimiter\`: ${line}`
      )
    }
    const end = lines.indexOf(delimiter, i + 1)
    if (end < 0) throw new Error(`GITHUB_OUTPUT line ${i + 1}: no line ${delimiter} ends the value`)
    outputs[line.slice(0, heredoc)] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return outputs
}

/** The deprecated `::set-output name=x::value` commands, which the runner still honours. */
export function setOutputCommands(stdout: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^\s*::set-output(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const name = (match[1] ?? '')
      .split(',')
      .find((property) => property.startsWith('name='))
      ?.slice('name='.length)
    if (name) outputs[decodeCommand(name, true)] = decodeCommand(match[2] ?? '')
  }
  return outputs
}

/** The runner's decoding of a command's value; a property's also escapes `:` and `,`. */
const decodeCommand = (text: string, property = false): string =>
  text.replace(property ? /%(25|0D|0A|3A|2C)/gi : /%(25|0D|0A)/gi, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  )

/** The `::warning::` messages of a run, in order. */
export const warnings = (run: ActionRun): string[] =>
  run.commands.filter((c) => c.command === 'warning').map((c) => c.value)

/** The `::error::` messages of a run, one per line. */
export function errorsOf(run: ActionRun): string {
  return run.commands
    .filter((c) => c.command === 'error')
    .map((c) => c.value)
    .join('\n')
}

/** Workflow commands such as `::add-mask::value` or `::error::message`, in order. */
export function parseCommands(stdout: string): Command[] {
  const commands: Command[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (match) commands.push({ command: match[1] ?? '', value: match[2] ?? '' })
  }
  return commands
}
