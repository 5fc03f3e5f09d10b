// Runs the committed bundle the way the GitHub runner does: inputs as INPUT_* variables with
// action.yml's defaults filled in, outputs and summary through files, workflow commands on stdout.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

let copy: string | undefined
/**
 * The action as `uses: ./` sees it once released: action.yml and dist/ only, no node_modules
 * to fall back on. Copied once per test process and removed when it exits.
 */
export function actionDir(): string {
  if (copy === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'personr-action-copy-'))
    cpSync(join(ROOT, 'action.yml'), join(dir, 'action.yml'))
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true })
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
    copy = dir
  }
  return copy
}

export interface Runtime {
  name: string
  path: string
}

/** Node 24, which the action declares, from the `node` package; and the machine's own Node. */
export function runtimes(): Runtime[] {
  const candidates = [join(ROOT, 'node_modules', 'node', 'bin', 'node'), machineNode()]
  const seen = new Map<string, Runtime>()
  for (const path of candidates) {
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()
    if (!seen.has(version)) seen.set(version, { name: `node ${version}`, path })
  }
  return [...seen.values()]
}

/** npm puts node_modules/.bin (Node 24) first on PATH; the machine's Node is the one running npm. */
function machineNode(): string {
  return process.env.npm_node_execpath ?? process.execPath
}

export const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', 'node')

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
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  node?: string
  /** Values for `${{ github.* }}` in action.yml defaults. */
  github?: Record<string, string>
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
    const bundle = join(actionDir(), 'dist', 'index.js')
    const { code, stdout, stderr } = await spawnCollect(options.node ?? NODE24, [bundle], env, dir)
    const summary = readFileSync(summaryFile, 'utf8')
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
      summary,
      commands: parseCommands(stdout),
      visible: `${stdout}\n${stderr}\n${summary}`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function spawnCollect(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The `name<<delimiter` … `delimiter` format @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name = '', delimiter] = match
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    outputs[name] = value.join('\n')
  }
  return outputs
}

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
