import { WxError, type LeasedDedupeStore } from '@wx/core'
import { redisRunner, type RedisClientLike } from './_client.ts'

/** Options of `redisDedupeStore`. */
export interface RedisDedupeStoreOptions {
  /** Prepended to every key (the push handler's keys look like `<appid>:push:<sha1>`). Default `''`. */
  prefix?: string | undefined
}

/** The store `redisDedupeStore` returns: a leased `DedupeStore` (every method, answering with promises). */
export type RedisDedupeStore = LeasedDedupeStore

// Values: `running:<owner>` (a leased claim of one delivery, expiring with the lease), `running` (a leased
// claim made without an owner: running too), `done` (handled),
// anything else a plain claim (`1`, as a hand-written `SET key 1 NX EX ttl` store writes it: a fleet can
// switch over).

// Each script spells out "running, with or without an owner" (`cur == 'running' or string.sub(cur, 1, 8) ==
// 'running:'`) itself: a template literal built from another constant would keep this module from tree-shaking.

// KEYS[1] key; ARGV[1] lease ms; ARGV[2] owner (optional). Free: claim it as running (1). Running: 2. Done or plain: 0.
const CLAIM = `local cur = redis.call('GET', KEYS[1])
if cur and (cur == 'running' or string.sub(cur, 1, 8) == 'running:') then return 2 end
if cur then return 0 end
redis.call('SET', KEYS[1], ARGV[2] and ('running:' .. ARGV[2]) or 'running', 'PX', ARGV[1])
return 1`

// KEYS[1] key; ARGV[1] lease ms; ARGV[2] owner (optional). Extends only a running claim (with an owner: only its own).
const RENEW = `local cur = redis.call('GET', KEYS[1])
local ok
if not cur then ok = false
elseif ARGV[2] then ok = cur == 'running:' .. ARGV[2]
else ok = cur == 'running' or string.sub(cur, 1, 8) == 'running:' end
if ok then return redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 0`

// KEYS[1] key; ARGV[1] owner (optional). Without an owner: forgets any claim but a key marked done. With
// one: forgets only that owner's running claim.
const RELEASE = `local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
if ARGV[1] then
  if cur ~= 'running:' .. ARGV[1] then return 0 end
elseif cur == 'done' then return 0 end
return redis.call('DEL', KEYS[1])`

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

/** The longest owner, characters (the push handler's are UUIDs: 36). */
const MAX_OWNER = 128

/** The owner as trailing script arguments (none when absent); refuses anything but a string of 1 to 128 characters. */
function ownerArgs(owner: string | undefined): string[] {
  if (owner === undefined) return []
  if (!(typeof owner === 'string' && owner.length > 0 && owner.length <= MAX_OWNER))
    throw new WxError('wx/validation', `owner must be a string of 1 to ${MAX_OWNER} characters, got ${typeof owner === 'string' ? `${owner.length} characters` : typeof owner}`)
  return [owner]
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
 * Keys hold `running:<owner>` (with the lease as `PX`; the push handler's random owner of that claim),
 * `done` or `1` (a claim without a lease, as the replay cache makes), each expiring with its TTL; a TTL
 * of `Infinity` (or over 100 years) is kept without expiry. `renew` and `release` with an owner touch
 * only that owner's running claim: an instance whose lease ran out while it stalled cannot extend or
 * forget the claim another instance took since. A `running` value without an owner (written by a
 * caller that passes none) reads as running too.
 *
 * Throws (from each method): whatever the client throws, and `WxError` `wx/validation` for a TTL or
 * lease of 0 or less or NaN, a lease over a day, or an owner that is not a string of 1 to 128
 * characters, before anything is sent; the push handler reports it to `onError` and handles the push
 * (at least once). Throws `WxError('wx/config')` at creation if `client` has neither `call` nor
 * `sendCommand`, or for options that are not an object (`null`: the defaults) or a `prefix` that is not a string.
 *
 * @example
 * import Redis from 'ioredis'
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false })
 * const store = redisDedupeStore(redis, { prefix: 'wx:' })
 * const handler = createPushHandler({ token, appid, encodingAESKey, onMessage, dedupe: store, replay: store })
 */
export function redisDedupeStore(client: RedisClientLike, options: RedisDedupeStoreOptions | null = {}): RedisDedupeStore {
  const { run, prefix } = redisRunner(client, options, 'redisDedupeStore')
  const k = (key: string) => prefix + key
  return {
    async claim(key, ttlSeconds, leaseSeconds, owner) {
      const ttl = ttlArgs(ttlSeconds)
      if (leaseSeconds === undefined) return (await run(['SET', k(key), '1', 'NX', ...ttl])) != null
      const got = Number(await run(['EVAL', CLAIM, '1', k(key), leaseMs(leaseSeconds), ...ownerArgs(owner)]))
      return got === 2 ? 'running' : got === 1
    },
    async renew(key, leaseSeconds, owner) {
      await run(['EVAL', RENEW, '1', k(key), leaseMs(leaseSeconds), ...ownerArgs(owner)])
    },
    async done(key, ttlSeconds) {
      await run(['SET', k(key), 'done', ...ttlArgs(ttlSeconds)])
    },
    async release(key, owner) {
      await run(['EVAL', RELEASE, '1', k(key), ...ownerArgs(owner)])
    },
  }
}
