// Starts an example program as its own Node process (as a user runs it) and waits for the line that
// says where it listens. `stop()` ends it (only that process).
import { type ChildProcess, spawn } from 'node:child_process'

export interface Started {
  child: ChildProcess
  /** The first capture group of `ready`. */
  url: string
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  stop(): Promise<void>
}

export async function startExample(cwd: string, args: string[], env: Record<string, string>, ready: RegExp, timeoutMs = 15_000): Promise<Started> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill()
      await new Promise((r) => child.once('exit', r))
    }
  }
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms: ${out}`)), timeoutMs)
      const seen = (chunk: Buffer) => {
        out += chunk
        const m = ready.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(m[1]!)
        }
      }
      child.stdout!.on('data', seen)
      child.stderr!.on('data', seen)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`exited with ${code}: ${out}`))
      })
    })
    return { child, url, output: () => out, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
