// 8 Node processes share one Redis: the jsapi ticket (and the token) is fetched once between them.
import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { haveRedis, useRedis, type TestRedis } from '../../../test/redis.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const WORKER = fileURLToPath(new URL('./workers/tickets.mjs', import.meta.url))
const children = new Set<ChildProcess>()

interface Report {
  ok: number
  failed: number
  codes: string[]
}

/** Starts a worker and waits (at most 10 s) until it is ready; `go` fires its burst. */
async function start(cfg: object): Promise<() => Promise<Report>> {
  const child = fork(WORKER, [JSON.stringify(cfg)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  children.add(child)
  const exited = new Promise<never>((_, rej) => child.once('exit', (code, sig) => rej(new Error(`worker exited (${code ?? sig})`))))
  exited.catch(() => {})
  const next = <T>() => Promise.race([new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T))), exited])
  const timeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('worker: no answer in 15 s')), 15_000).unref())])
  await timeout(next<string>())
  return () => {
    const report = next<Report>()
    child.send('go')
    return timeout(report)
  }
}

describe.skipIf(!haveRedis())('many processes, one Redis', () => {
  let redis: TestRedis
  beforeAll(async () => {
    const missing = ['core', 'jssdk', 'store-redis', 'server'].filter((p) => !existsSync(`${root}packages/${p}/dist/index.js`))
    if (missing.length) throw new Error(`missing ${missing.map((p) => `packages/${p}/dist`).join(', ')}: run \`pnpm build\` first`)
    redis = await useRedis()
  })
  afterEach(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    children.clear()
  })
  afterAll(() => redis?.close())

  it('8 processes x 25 cold getJsConfig: 1 ticket request, 1 token request', async () => {
    const { fake } = await useFake({ appid: `wx_js_${Math.random().toString(36).slice(2, 10)}` })
    const cfg = { appid: fake.appid, secret: fake.secret, baseURL: fake.baseURL, url: redis.url, calls: 25 }
    const go = await Promise.all(Array.from({ length: 8 }, () => start(cfg)))
    const reports = await Promise.all(go.map((g) => g()))
    expect(reports.flatMap((r) => r.codes)).toEqual([])
    expect(reports.reduce((n, r) => n + r.ok, 0)).toBe(200)
    const stats = await fake.stats()
    expect(stats.calls).toEqual({ '/cgi-bin/ticket/getticket': 1 })
    expect(stats.tokenRequests).toBe(1)
  }, 40_000)
})
