import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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
export async function startRedis(options: { cluster?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  // A one-node Redis Cluster: cluster mode on, its node file in the temp folder, every slot its own. It
  // announces 127.0.0.1: a lone node knows no address of its own and gives clients an empty one.
  const nodesFile = join(tmpdir(), `wx-test-redis-nodes-${port}-${process.pid}.conf`)
  const clusterArgs = options.cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', nodesFile, '--cluster-announce-ip', '127.0.0.1'] : []
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', ...clusterArgs], {
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
  if (options.cluster) await clusterReady(port)
  const close = async () => {
    await stop()
    if (options.cluster) await rm(nodesFile, { force: true })
  }
  return { port, url: `redis://127.0.0.1:${port}`, stop, start, close }
}

/** One RESP command on a fresh connection: the raw answer. */
const command = (port: number, ...args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const s = createConnection({ port, host: '127.0.0.1' })
    s.setTimeout(1000, () => (s.destroy(), reject(new Error(`redis ${args[0]}: no answer`))))
    s.on('error', reject)
    s.on('connect', () => s.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`))
    s.on('data', (d) => (s.destroy(), resolve(d.toString())))
  })

/** Gives the one node every slot and waits (bounded, 5 s) until the cluster reports `cluster_state:ok`. */
async function clusterReady(port: number): Promise<void> {
  // ADDSLOTS with every slot, not ADDSLOTSRANGE: Redis 6 has only the former.
  const added = await command(port, 'CLUSTER', 'ADDSLOTS', ...Array.from({ length: 16384 }, (_, i) => String(i)))
  if (!added.startsWith('+OK')) throw new Error(`redis cluster: ADDSLOTS answered ${added.trim()}`)
  const until = Date.now() + 5000
  while (!(await command(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) {
    if (Date.now() > until) throw new Error(`redis cluster on port ${port} did not become ready`)
    await new Promise((r) => setTimeout(r, 50))
  }
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
