import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const WORKER = fileURLToPath(new URL('./workers/burst.mjs', import.meta.url))

/** Fails (with what to do) when a package the workers import has not been built. */
export function requireDist(...packages: string[]): void {
  const missing = packages.filter((p) => !existsSync(`${root}packages/${p}/dist/index.js`))
  if (missing.length) throw new Error(`missing ${missing.map((p) => `packages/${p}/dist`).join(', ')}: run \`pnpm build\` first`)
}

export interface BurstConfig {
  appid: string
  secret: string
  baseURL: string
  store: 'ioredis' | 'node-redis' | 'file'
  url?: string
  dir?: string
  calls: number
  tokenMode?: 'legacy' | 'stable'
  lockLease?: number
  maxMs?: number
}
export interface BurstResult {
  ok: number
  failed: number
  codes: string[]
  ms: number
  storeErrors: number
}
export interface Worker {
  child: ChildProcess
  go(): Promise<BurstResult>
}

/** Every child started here; `killAll` (call it in afterEach) ends those still running. */
const children = new Set<ChildProcess>()
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  children.clear()
}

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let t: ReturnType<typeof setTimeout>
  return Promise.race([p, new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(t),
  )
}

/** Starts one worker process and waits until it is ready (bounded: 10 s). */
export async function startWorker(cfg: BurstConfig): Promise<Worker> {
  const child = fork(WORKER, [JSON.stringify(cfg)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  children.add(child)
  const exited = new Promise<never>((_, rej) => child.once('exit', (code, sig) => rej(new Error(`worker exited (${code ?? sig})`))))
  exited.catch(() => {})
  const message = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)))
  await within(10_000, 'worker start', Promise.race([message<string>(), exited]))
  return {
    child,
    go: () => {
      const result = Promise.race([message<BurstResult>(), exited])
      child.send('go')
      return within(cfg.maxMs ?? 30_000, 'worker burst', result)
    },
  }
}

/** Starts `n` workers, lets them all go at once, returns their reports. */
export async function burst(n: number, cfg: BurstConfig): Promise<BurstResult[]> {
  const workers = await Promise.all(Array.from({ length: n }, () => startWorker(cfg)))
  return Promise.all(workers.map((w) => w.go()))
}

export const sum = (rs: BurstResult[], k: 'ok' | 'failed' | 'storeErrors') => rs.reduce((a, r) => a + r[k], 0)
