import { WxError } from '@wx/core'
import { redisRunner, type RedisClientLike } from './_client.ts'

/** Options of `redisDedupeStore`. */
export interface RedisDedupeStoreOptions {
  /** Prepended to every key (the push handler's keys look like `<appid>:push:<sha1>`). Default `''`. */
  prefix?: string
}

/**
 * The store `redisDedupeStore` returns: `@wx/server`'s `DedupeStore` with every optional method (a
 * leased store). Spelled out here, so this package does not depend on `@wx/server`.
 */
export interface RedisDedupeStore {
  claim(key: string, ttlSeconds: number, leaseSeconds?: number): Promise<boolean | 'running'>
  renew(key: string, leaseSeconds: number): Promise<void>
  done(key: string, ttlSeconds: number): Promise<void>
  release(key: string): Promise<void>
}

// Values: `running` (a leased claim, expiring with the lease), `done` (handled), anything else a plain
// claim (`1`, as a hand-written `SET key 1 NX EX ttl` store writes it: a fleet can switch over).

// KEYS[1] key; ARGV[1] lease ms. Free: claim it as running (1). Running: 2. Done or plain: 0.
const CLAIM = `local cur = redis.call('GET', KEYS[1])
if cur == 'running' then return 2 end
if cur then return 0 end
redis.call('SET', KEYS[1], 'running', 'PX', ARGV[1])
return 1`

// KEYS[1] key; ARGV[1] lease ms. Extends only a running claim.
const RENEW = `if redis.call('GET', KEYS[1]) == 'running' then return redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 0`

// KEYS[1] key. Forgets a claim, never a key marked done.
const RELEASE = `local cur = redis.call('GET', KEYS[1])
if cur and cur ~= 'done' then return redis.call('DEL', KEYS[1]) end
return 0`

/** The longest lease, s: one day (as `createPushHandler`'s `dedupeLeaseSeconds` and the Durable Object store). */
const MAX_LEASE_S = 86_400

/** TTLs past this (100 years, s) are kept without expiry: Redis refuses a `PX` beyond a 64-bit ms count. */
const FOREVER_S = 3_155_760_000

/** A lease in ms for `PX`; refuses 0, negative, NaN and anything over a day. */
function leaseMs(seconds: number): string {
  if (!(typeof seconds === 'number' && seconds > 0 && seconds <= MAX_LEASE_S))
    throw new WxError('wx/validation', `leaseSeconds must be a number above 0 and at most ${MAX_LEASE_S} (one day), got ${String(seconds)}`)
  return String(Math.max(1, Math.ceil(seconds * 1000)))
}

/** The `PX` arguments of a TTL (none for `Infinity` or over 100 years: kept without expiry); refuses 0, negative and NaN. */
function ttlArgs(seconds: number): string[] {
  if (!(typeof seconds === 'number' && seconds > 0))
    throw new WxError('wx/validation', `ttlSeconds must be a positive number (Infinity allowed), got ${String(seconds)}`)
  return seconds > FOREVER_S ? [] : ['PX', String(Math.max(1, Math.ceil(seconds * 1000)))]
}

/**
 * A push `DedupeStore` in Redis, for a fleet of instances receiving WeChat's pushes behind one load
 * balancer: pass it as `dedupe` (and `replay`) of `createPushHandler`. Leased: a retry that reaches
 * another instance while the first delivery still runs is answered 503 (WeChat tries again), not
 * `success`; the retry after a failure is handled; the retry after a success is `success`; a claim of
 * an instance that died is free once its lease (4 s by default) runs out. Every call is one atomic
 * command (`SET NX PX`, or a Lua script for one key: Redis 6 and 7, Cluster too). Works with an
 * `ioredis` client or a connected `redis` (node-redis) client, as `redisTokenStore`.
 *
 * Keys hold `running` (with the lease as `PX`), `done` or `1` (a claim without a lease, as the replay
 * cache makes), each expiring with its TTL; a TTL of `Infinity` (or over 100 years) is kept without expiry.
 *
 * Throws (from each method, never at creation): whatever the client throws, and `WxError`
 * `wx/validation` for a TTL or lease of 0 or less or NaN, or a lease over a day, before anything is
 * sent; the push handler reports it to `onError` and handles the push (at least once). Throws a
 * `TypeError` at creation if `client` has neither `call` nor `sendCommand`.
 *
 * @example
 * import Redis from 'ioredis'
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false })
 * const store = redisDedupeStore(redis, { prefix: 'wx:' })
 * const handler = createPushHandler({ token, appid, encodingAESKey, onMessage, dedupe: store, replay: store })
 */
export function redisDedupeStore(client: RedisClientLike, options: RedisDedupeStoreOptions = {}): RedisDedupeStore {
  const run = redisRunner(client, 'redisDedupeStore')
  const prefix = options.prefix ?? ''
  const k = (key: string) => prefix + key
  return {
    async claim(key, ttlSeconds, leaseSeconds) {
      const ttl = ttlArgs(ttlSeconds)
      if (leaseSeconds === undefined) return (await run(['SET', k(key), '1', 'NX', ...ttl])) != null
      const got = Number(await run(['EVAL', CLAIM, '1', k(key), leaseMs(leaseSeconds)]))
      return got === 2 ? 'running' : got === 1
    },
    async renew(key, leaseSeconds) {
      await run(['EVAL', RENEW, '1', k(key), leaseMs(leaseSeconds)])
    },
    async done(key, ttlSeconds) {
      await run(['SET', k(key), 'done', ...ttlArgs(ttlSeconds)])
    },
    async release(key) {
      await run(['EVAL', RELEASE, '1', k(key)])
    },
  }
}
