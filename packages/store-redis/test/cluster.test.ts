// Both stores against a real Redis Cluster (one node holding every slot, started here): ioredis `Cluster`
// and node-redis `createCluster`, each through the token and dedupe store contracts. Every command the
// stores send touches one key (scripts declare it as KEYS[1]), so any slot layout works the same.
import { runDedupeStoreContract } from '@wx/testing'
import { runTokenStoreContract } from '@wx/testing/fetch'
import { Cluster } from 'ioredis'
import { createCluster } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveRedis, startRedis, type TestRedis } from '../../../test/redis.ts'
import { redisDedupeStore, redisTokenStore } from '../src/index.ts'

describe.skipIf(!haveRedis())('Redis Cluster', () => {
  let redis: TestRedis
  let io: Cluster
  let node: ReturnType<typeof createCluster>
  beforeAll(async () => {
    redis = await startRedis({ cluster: true })
    io = new Cluster([{ host: '127.0.0.1', port: redis.port }], { enableOfflineQueue: true })
    node = createCluster({ rootNodes: [{ url: redis.url }] })
    await node.connect()
  })
  afterAll(async () => {
    io?.disconnect()
    await node?.close().catch(() => {})
    await redis?.close()
  })

  runTokenStoreContract({ describe, it, expect }, 'redis cluster (ioredis)', () => redisTokenStore(io), { requireLock: true, requireSetIfNewer: true })
  runTokenStoreContract({ describe, it, expect }, 'redis cluster (node-redis)', () => redisTokenStore(node), { requireLock: true, requireSetIfNewer: true })
  runDedupeStoreContract({ describe, it, expect }, 'redis cluster (ioredis)', () => redisDedupeStore(io), { requireLease: true })
  runDedupeStoreContract({ describe, it, expect }, 'redis cluster (node-redis)', () => redisDedupeStore(node), { requireLease: true })

  it('node-redis cluster commands are routed by their key (KEYS[1] of a script, else the first argument)', async () => {
    // One node holds every slot here, so any key would be served: check the key each command is routed by.
    const routed: [string | undefined, string][] = []
    const spy = new Proxy(node, {
      get: (t, p) =>
        p === 'sendCommand'
          ? (key: string | undefined, ro: boolean | undefined, args: string[]) => (routed.push([key, args[0]!]), t.sendCommand(key, ro, args))
          : Reflect.get(t, p, t),
    })
    const tokens = redisTokenStore(spy, { prefix: 'r:' })
    await tokens.set('wx:r:access_token', { accessToken: 'A', expiresAt: Date.now() + 60_000 }, 60)
    await tokens.get('wx:r:access_token')
    await tokens.lock!('wx:r:access_token:lock', 'me', 1000)
    await redisDedupeStore(spy).claim('wx:r:push:1', 60, 5, 'me')
    expect(routed).toEqual([
      ['r:wx:r:access_token', 'SET'],
      ['r:wx:r:access_token', 'GET'],
      ['r:wx:r:access_token:lock', 'EVAL'],
      ['wx:r:push:1', 'EVAL'],
    ])
  })

  it('both cluster clients see the same token', async () => {
    const t = { accessToken: 'CLUSTERED', expiresAt: Date.now() + 7_200_000 }
    await redisTokenStore(io, { prefix: 'c:' }).set('wx:cl:access_token', t, 7200)
    expect(await redisTokenStore(node, { prefix: 'c:' }).get('wx:cl:access_token')).toEqual(t)
  })
})
