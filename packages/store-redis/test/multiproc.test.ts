// Several Node processes share one Redis: the token is fetched once, even in legacy mode.
import Redis from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { haveRedis, useRedis, type TestRedis } from '../../../test/redis.ts'
import { burst, killAll, requireDist, startWorker, sum } from './_multiproc.ts'

const uid = () => Math.random().toString(36).slice(2, 10)
const account = () => useFake({ appid: `wx_mp_${uid()}` })

describe.skipIf(!haveRedis())('many processes, one Redis', () => {
  let redis: TestRedis
  let io: Redis
  beforeAll(async () => {
    requireDist('core', 'message', 'store-redis')
    redis = await useRedis()
    io = new Redis(redis.url, { lazyConnect: true })
    await io.connect()
  })
  afterEach(killAll)
  afterAll(async () => {
    io?.disconnect()
    await redis?.close()
  })

  for (const store of ['ioredis', 'node-redis'] as const) {
    it(`8 processes x 50 cold legacy calls (${store}): 1 token request, 400 deliveries`, async () => {
      const { fake } = await account()
      const results = await burst(8, { ...fake, store, url: redis.url, calls: 50, tokenMode: 'legacy' })
      expect(sum(results, 'failed')).toBe(0)
      expect(sum(results, 'ok')).toBe(400)
      const stats = await fake.stats()
      expect(stats.legacyTokenRequests).toBe(1)
      expect(stats.tokenRequests).toBe(1)
      expect(stats.deliveries).toBe(400)
    }, 40_000)
  }

  it('a process killed holding the refresh lock: the others finish within lease + 6 s, 1 extra token request at most', async () => {
    const { fake } = await account()
    const lease = 2000
    const lockKey = `wx:${fake.appid}:access_token:lock`
    const cfg = { ...fake, store: 'ioredis' as const, url: redis.url, calls: 5, tokenMode: 'legacy' as const, lockLease: lease }
    // The victim takes the lock and then waits on a slow token endpoint.
    await fake.set({ latency: 1500 })
    // Every process is started (and ready) first, so the clock below measures the wait, not node's start-up.
    const [victim, ...others] = await Promise.all(Array.from({ length: 8 }, (_, i) => startWorker(i ? { ...cfg, calls: 50 } : cfg)))
    void victim!.go().catch(() => {})
    const until = Date.now() + 5000
    while (!(await io.get(lockKey)) && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
    expect(await io.get(lockKey)).toBeTruthy()
    await fake.set({ latency: 0 })
    victim!.child.kill('SIGKILL')
    const killedAt = Date.now()
    const results = await Promise.all(others.map((w) => w.go()))
    const took = Date.now() - killedAt
    expect(sum(results, 'ok')).toBe(350)
    // Below the default 10 s lease and the 15 s call deadline, so an ignored `lockLease` goes red; loose
    // enough for a loaded 2-core machine (5.4 s was seen with other jobs running).
    expect(took).toBeLessThan(lease + 6000)
    await new Promise((r) => setTimeout(r, 1600)) // let the victim's slow request land (it counts)
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBeGreaterThanOrEqual(1)
    expect(stats.tokenRequests).toBeLessThanOrEqual(2)
    expect(stats.deliveries).toBe(350)
  }, 40_000)
})
