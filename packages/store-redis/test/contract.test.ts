import { runTokenStoreContract } from '@wx/testing/fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveRedis, useRedis, type TestRedis } from '../../../test/redis.ts'
import { redisTokenStore } from '../src/index.ts'
import { connectClients, type Clients } from './_clients.ts'

describe.skipIf(!haveRedis())('redisTokenStore', () => {
  let redis: TestRedis
  let io: Clients['io']
  let node: Clients['node']
  beforeAll(async () => {
    redis = await useRedis()
    ;({ io, node } = await connectClients(redis.url))
  })
  afterAll(async () => {
    io?.disconnect()
    await node?.close().catch(() => {})
    await redis?.close()
  })

  // A wechat-api process whose saveToken does redis.set(key, JSON.stringify(token)).
  const writeForeign = async (key: string, json: string) => void (await io.set(key, json))
  runTokenStoreContract({ describe, it, expect }, 'redis (ioredis)', () => redisTokenStore(io), { requireLock: true, requireSetIfNewer: true, writeForeign })
  runTokenStoreContract({ describe, it, expect }, 'redis (node-redis)', () => redisTokenStore(node), { requireLock: true, requireSetIfNewer: true })
  runTokenStoreContract({ describe, it, expect }, 'redis (ioredis, prefixed)', () => redisTokenStore(io, { prefix: 'app1:' }), { requireLock: true })

  it('both clients see the same data; the prefix is applied', async () => {
    const t = { accessToken: 'SHARED', expiresAt: Date.now() + 7_200_000 }
    await redisTokenStore(io, { prefix: 'p:' }).set('wx:a:access_token', t, 7200)
    expect(await redisTokenStore(node, { prefix: 'p:' }).get('wx:a:access_token')).toEqual(t)
    expect(await redisTokenStore(node).get('wx:a:access_token')).toBe(null)
    const ttl = await io.pttl('p:wx:a:access_token')
    expect(ttl > 7_100_000 && ttl <= 7_200_000).toBe(true)
  })

  it('a token that already expired, set without a TTL, is refused: never stored without an expiry', async () => {
    const s = redisTokenStore(io)
    await expect(s.set('wx:expired:access_token', { accessToken: 'OLD', expiresAt: Date.now() - 1000 })).rejects.toThrow(/ttlSeconds/)
    expect(await io.pttl('wx:expired:access_token')).toBe(-2) // no such key (-1 would be "no expiry")
  })

  it('a client that is neither is refused at creation', () => {
    expect(() => redisTokenStore({} as any)).toThrow(expect.objectContaining({ code: 'wx/config' }))
  })
})
