// The processes tests start. A test that times out or fails stops waiting for its process, which
// would keep running (and loading a 2-core machine) long after: test/setup/children.ts kills every
// one still running when its test ends. The processes are the test process's own, hence one set.
import type { ChildProcess } from 'node:child_process'

const running = new Set<ChildProcess>()

/** Registers a child to be killed if it outlives its test. */
export function track<T extends ChildProcess>(child: T): T {
  running.add(child)
  child.once('exit', () => running.delete(child))
  child.once('error', () => running.delete(child))
  return child
}

/** Kills every tracked child still running; says how many there were. */
export function killRunning(): number {
  const left = [...running]
  running.clear()
  for (const child of left) child.kill('SIGKILL')
  return left.length
}
