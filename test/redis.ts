import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createConnection, createServer } from 'node:net'

/** A `redis-server` this test started on 127.0.0.1 (no persistence). */
export interface TestRedis {
  port: number
  url: string
  /** Kills the server (SIGKILL, like a crash); the port stays reserved for `start`. */
  stop(): Promise<void>
  /** Starts it again on the same port (empty: nothing is persisted). */
  start(): Promise<void>
  /** Stops it for good. */
  close(): Promise<void>
}

/**
 * Whether `redis-server` is installed. Missing under `CI=…`: throws (the Redis tests must run there).
 * Missing elsewhere: warns once and returns false, so the caller can `describe.skipIf(!haveRedis())`.
 */
export function haveRedis(): boolean {
  const ok = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
  if (!ok) {
    const msg = 'redis-server is not installed (apt-get install redis-server): the Redis tests are skipped'
    if (process.env.CI) throw new Error(msg.replace('are skipped', 'cannot run, and CI must run them'))
    console.warn(msg)
  }
  return ok
}

/** Servers still running when this process exits are killed with it (a crashed test leaves none behind). */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL')
})

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

const ping = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' })
    const done = (v: boolean) => (s.destroy(), resolve(v))
    s.setTimeout(300, () => done(false))
    s.on('error', () => done(false))
    s.on('connect', () => s.write('PING\r\n'))
    s.on('data', (d) => done(d.toString().startsWith('+PONG')))
  })

/**
 * Starts a private `redis-server` on a free 127.0.0.1 port (no RDB/AOF, so `stop` + `start` means an
 * empty Redis) and waits until it answers PING. Bounded: throws after 5 s. Always `close()` it.
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
      stdio: 'ignore',
    })
    const c = child
    running.add(c)
    c.once('exit', () => running.delete(c))
    const until = Date.now() + 5000
    while (!(await ping(port))) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`)
      await new Promise((r) => setTimeout(r, 30))
    }
  }
  const stop = async () => {
    const c = child
    child = undefined
    if (!c || c.exitCode !== null) return
    const gone = new Promise((r) => c.once('exit', r))
    c.kill('SIGKILL')
    await gone
  }
  await start()
  return { port, url: `redis://127.0.0.1:${port}`, stop, start, close: stop }
}

/**
 * The Redis a test should use when it never stops the server: the one CI started (`REDIS_URL`, see
 * `.ci/run`), else a private one from `startRedis()`. Tests isolate themselves by key (random appids).
 */
export async function useRedis(): Promise<TestRedis> {
  const url = process.env.REDIS_URL
  if (!url) return startRedis()
  const port = Number(new URL(url).port || 6379)
  const refuse = async () => {
    throw new Error('the shared CI Redis cannot be stopped: use startRedis() for that test')
  }
  return { port, url, stop: refuse, start: refuse, close: async () => {} }
}
