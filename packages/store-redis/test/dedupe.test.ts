// redisDedupeStore against a real redis-server: the contract, and two push handlers over HTTP sharing it.
import { createPushHandler, textReply, type PushHandlerOptions } from '@wx/server'
import { toNodeListener } from '@wx/server/node'
import { runDedupeStoreContract } from '@wx/testing'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveRedis, useRedis, type TestRedis } from '../../../test/redis.ts'
import { redisDedupeStore } from '../src/index.ts'
import { connectClients, type Clients } from './_clients.ts'

const uid = () => Math.random().toString(36).slice(2, 10)

describe.skipIf(!haveRedis())('redisDedupeStore', () => {
  let redis: TestRedis
  let io: Clients['io']
  let node: Clients['node']
  const servers: ReturnType<typeof createServer>[] = []
  beforeAll(async () => {
    redis = await useRedis()
    ;({ io, node } = await connectClients(redis.url))
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
    io?.disconnect()
    await node?.close().catch(() => {})
    await redis?.close()
  })

  runDedupeStoreContract({ describe, it, expect }, 'redis (ioredis)', () => redisDedupeStore(io), { requireLease: true })
  runDedupeStoreContract({ describe, it, expect }, 'redis (node-redis)', () => redisDedupeStore(node), { requireLease: true })
  runDedupeStoreContract({ describe, it, expect }, 'redis (ioredis, prefixed)', () => redisDedupeStore(io, { prefix: 'app1:' }), { requireLease: true })

  it('keys carry the prefix and expire with the lease, then with the TTL; both clients see the same keys', async () => {
    const key = `wx_${uid()}:push:abc`
    expect(await redisDedupeStore(io, { prefix: 'p:' }).claim(key, 601, 4)).toBe(true)
    expect(await io.get(`p:${key}`)).toBe('running')
    const lease = await io.pttl(`p:${key}`)
    expect(lease > 3000 && lease <= 4000).toBe(true)
    expect(await redisDedupeStore(node, { prefix: 'p:' }).claim(key, 601, 4)).toBe('running')
    expect(await redisDedupeStore(node).claim(key, 601, 4)).toBe(true) // another prefix, another key
    await redisDedupeStore(node, { prefix: 'p:' }).done(key, 601)
    expect(await io.get(`p:${key}`)).toBe('done')
    const ttl = await io.pttl(`p:${key}`)
    expect(ttl > 600_000 && ttl <= 601_000).toBe(true)
  })

  it('a TTL of Infinity keeps the key without expiry; a TTL or lease of 0, less, NaN (or an infinite lease) is refused and sends nothing', async () => {
    const store = redisDedupeStore(io)
    const key = `wx_${uid()}:push:inf`
    expect(await store.claim(key, Number.POSITIVE_INFINITY)).toBe(true)
    expect(await io.pttl(key)).toBe(-1)
    const fresh = `wx_${uid()}:push:bad`
    const refused = async (call: () => Promise<unknown>) => call().then(() => 'accepted', (e) => e.code)
    for (const bad of [0, -1, Number.NaN]) {
      expect(await refused(() => store.claim(fresh, bad))).toBe('wx/validation')
      expect(await refused(() => store.claim(fresh, 601, bad))).toBe('wx/validation')
      expect(await refused(() => store.renew(fresh, bad))).toBe('wx/validation')
      expect(await refused(() => store.done(fresh, bad))).toBe('wx/validation')
    }
    expect(await refused(() => store.claim(fresh, 601, Number.POSITIVE_INFINITY))).toBe('wx/validation')
    expect(await refused(() => store.claim(fresh, 601, 86_401))).toBe('wx/validation')
    expect(await refused(() => store.renew(fresh, 1e16))).toBe('wx/validation')
    expect(await io.exists(fresh)).toBe(0)
  })

  it('a TTL too long for a PX (1e16 s) is kept without expiry, never a Redis error that leaves the key running', async () => {
    const store = redisDedupeStore(io)
    const key = `wx_${uid()}:push:huge`
    expect(await store.claim(key, 1e16, 4)).toBe(true)
    await store.done(key, 1e16)
    expect(await io.get(key)).toBe('done')
    expect(await io.pttl(key)).toBe(-1)
    const plain = `wx_${uid()}:push:huge-plain`
    expect(await store.claim(plain, 1e16)).toBe(true)
    expect(await io.pttl(plain)).toBe(-1)
  })

  it('a key written by a hand-written SET key 1 NX EX store counts as handled (a fleet can switch over)', async () => {
    const key = `wx_${uid()}:push:old`
    await io.set(key, '1', 'EX', 600)
    expect(await redisDedupeStore(io).claim(key, 601, 4)).toBe(false)
  })

  it("a running claim holds its owner (running:<owner>); a plain running value (written before owners) still reads as running", async () => {
    const store = redisDedupeStore(io)
    const owned = `wx_${uid()}:push:owned`
    expect(await store.claim(owned, 601, 4, 'owner-a')).toBe(true)
    expect(await io.get(owned)).toBe('running:owner-a')
    const legacy = `wx_${uid()}:push:legacy`
    await io.set(legacy, 'running', 'PX', 4000) // what the version before owners wrote
    expect(await store.claim(legacy, 601, 4, 'owner-b')).toBe('running')
    await store.renew(legacy, 0.2, 'owner-b') // not its claim: the lease stays
    await store.release(legacy, 'owner-b')
    expect(await io.pttl(legacy)).toBeGreaterThan(3000)
    await store.release(legacy) // an old instance's release (no owner) still frees it
    expect(await io.exists(legacy)).toBe(0)
  })

  it('an owner that is not a string of 1 to 128 characters is refused (wx/validation) and sends nothing', async () => {
    const store = redisDedupeStore(io)
    const fresh = `wx_${uid()}:push:owner`
    const refused = async (call: () => Promise<unknown>) => call().then(() => 'accepted', (e) => e.code)
    for (const bad of ['', 'x'.repeat(129), 42 as unknown as string]) {
      expect(await refused(() => store.claim(fresh, 601, 4, bad))).toBe('wx/validation')
      expect(await refused(() => store.renew(fresh, 4, bad))).toBe('wx/validation')
      expect(await refused(() => store.release(fresh, bad))).toBe('wx/validation')
    }
    expect(await io.exists(fresh)).toBe(0)
  })

  it('a client that is neither is refused at creation', () => {
    expect(() => redisDedupeStore({} as any)).toThrow(expect.objectContaining({ code: 'wx/config' }))
  })

  describe('two push handlers over HTTP sharing it', () => {
    const cfg = { token: 'redisfleet', appid: `wx_rf_${uid()}`, encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }
    const instance = async (o: Pick<PushHandlerOptions, 'onMessage'>) => {
      const handler = createPushHandler({ ...cfg, dedupe: redisDedupeStore(io, { prefix: 'fleet:' }), replay: redisDedupeStore(node, { prefix: 'fleet:' }), ...o })
      const server = createServer(toNodeListener(handler))
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      servers.push(server)
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    }
    const wechatPush = async (msgId: string) => {
      const req = await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'slow', MsgId: msgId } })
      const { pathname, search } = new URL(req.url)
      const body = await req.text()
      return (base: string) => fetch(`${base}${pathname}${search}`, { method: 'POST', body })
    }

    for (const fails of [true, false]) {
      it(`a retry reaching B while A runs is 503; after A ${fails ? 'failed, the next retry is handled by B' : 'succeeded, a retry is success without running onMessage again'}`, async () => {
        let entered!: () => void
        let finish!: () => void
        const inA = new Promise<void>((r) => (entered = r))
        const finished = new Promise<void>((r) => (finish = r))
        const calls: string[] = []
        const a = await instance({
          onMessage: async () => {
            calls.push('A')
            entered()
            await finished
            if (fails) throw new Error('the first delivery failed')
            return textReply('from A')
          },
        })
        const b = await instance({ onMessage: () => (calls.push('B'), textReply('from B')) })
        const send = await wechatPush(uid())
        const toA = send(a)
        await inA
        expect((await send(b)).status).toBe(503)
        finish()
        const first = await toA
        expect(first.status).toBe(fails ? 500 : 200)
        const retry = await send(b)
        if (fails) expect(await readPushReply(retry, cfg)).toContain('from B')
        else expect(await retry.text()).toBe('success')
        expect(calls).toEqual(fails ? ['A', 'B'] : ['A'])
      })
    }
  })
})
