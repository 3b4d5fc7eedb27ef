// Redis goes away mid-run and comes back: calls keep working, the hook sees it, the store is used again.
import { getAccessToken, type TokenStore } from '@wx/core'
import { sendText } from '@wx/message'
import Redis from 'ioredis'
import { createClient } from 'redis'
import { afterEach, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { haveRedis, startRedis, type TestRedis } from '../../../test/redis.ts'
import { redisTokenStore } from '../src/index.ts'

const uid = () => Math.random().toString(36).slice(2, 10)
/** A store call the test makes itself (the context bounds its own with `storeTimeout`): never waits forever. */
const bounded = <T>(what: string, p: Promise<T>, ms = 3000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms))])
const waitFor = async (what: string, ok: () => boolean | Promise<boolean>, ms = 8000) => {
  const until = Date.now() + ms
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.skipIf(!haveRedis())('Redis stopped mid-run', () => {
  let redis: TestRedis | undefined
  let close: (() => Promise<unknown>) | undefined
  afterEach(async () => {
    await close?.().catch(() => {})
    await redis?.close()
  })

  const clients = {
    ioredis: async (url: string) => {
      const c = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 100 })
      c.on('error', () => {})
      await c.connect()
      return { store: redisTokenStore(c), ready: () => c.status === 'ready', close: async () => c.disconnect() }
    },
    // Defaults: commands wait in ioredis's offline queue; the context's storeTimeout stops the wait.
    'ioredis (default offline queue)': async (url: string) => {
      const c = new Redis(url, { lazyConnect: true, retryStrategy: () => 100 })
      c.on('error', () => {})
      await c.connect()
      return { store: redisTokenStore(c), ready: () => c.status === 'ready', close: async () => c.disconnect() }
    },
    'node-redis': async (url: string) => {
      const c = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 100 } })
      c.on('error', () => {})
      await c.connect()
      // destroy, not close: close waits for pending commands, and a test must never wait on a stuck client.
      return { store: redisTokenStore(c), ready: () => c.isReady, close: async () => c.destroy() }
    },
  } satisfies Record<string, (url: string) => Promise<{ store: TokenStore; ready: () => boolean; close: () => Promise<unknown> }>>

  for (const [name, connect] of Object.entries(clients)) {
    it(`${name}: cached token keeps working, onStoreError fires, store used again after Redis returns`, async () => {
      redis = await startRedis()
      const client = await connect(redis.url)
      close = client.close
      const { fake, ctx } = await useFake({ appid: `wx_deg_${uid()}` })
      const errors: string[] = []
      const opts = { tokenMode: 'legacy' as const, tokenStore: client.store, storeTimeout: 500, hooks: { onStoreError: (e: { operation: string }) => void errors.push(e.operation) } }
      const a = ctx(opts)
      await sendText(a, 'o_user', 'warm')
      expect((await fake.stats()).tokenRequests).toBe(1)

      await redis.stop()
      // A still-valid cached token: every call succeeds while Redis is gone.
      const started = Date.now()
      await Promise.all(Array.from({ length: 20 }, (_, i) => sendText(a, `o_user_${i}`, 'redis is down')))
      expect(Date.now() - started).toBeLessThan(3000)
      // WeChat rejects the token: the refresh cannot use the store, goes on without it, and says so.
      await fake.failNext(40001)
      await sendText(a, 'o_user', 'refreshed without the store')
      expect(errors).toContain('get')
      expect(errors).toContain('set')
      expect((await fake.stats()).tokenRequests).toBe(2)

      await redis.start()
      await waitFor('the client to reconnect', client.ready)
      const seen = errors.length
      // The next refresh writes to the store again, and a new process reads it from there.
      await fake.revokeTokens()
      await sendText(a, 'o_user', 'back')
      expect((await fake.stats()).tokenRequests).toBe(3)
      const key = `wx:${fake.appid}:access_token`
      expect((await bounded('store.get after Redis returned', client.store.get(key)))?.accessToken).toBe(await getAccessToken(a))
      const b = ctx(opts)
      await sendText(b, 'o_other', 'from the store')
      expect((await fake.stats()).tokenRequests).toBe(3)
      expect(errors.length).toBe(seen)
      expect((await fake.stats()).deliveries).toBe(24)
    }, 30_000)
  }
})
