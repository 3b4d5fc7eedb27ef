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

  it('both cluster clients see the same token', async () => {
    const t = { accessToken: 'CLUSTERED', expiresAt: Date.now() + 7_200_000 }
    await redisTokenStore(io, { prefix: 'c:' }).set('wx:cl:access_token', t, 7200)
    expect(await redisTokenStore(node, { prefix: 'c:' }).get('wx:cl:access_token')).toEqual(t)
  })
})
