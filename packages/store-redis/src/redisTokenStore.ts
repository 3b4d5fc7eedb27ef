import { checkLease, checkTtl, readStoredToken, type StoredToken, type TokenStore } from '@wx/core'
import { redisRunner, type RedisClientLike } from './_client.ts'

/** Options of `redisTokenStore`. */
export interface RedisTokenStoreOptions {
  /** Prepended to every key (the token manager's keys look like `wx:<appid>:access_token`). Default `''`. */
  prefix?: string | undefined
}

// KEYS[1] token key; ARGV[1] JSON, ARGV[2] expiresAt, ARGV[3] accessToken, ARGV[4] ttl ms (> 0).
// Stores unless a different token that expires no earlier is stored: never replaces newer with older.
// A record saved by wechat-api 1.x (`expireTime` instead of `expiresAt`) counts the same way.
const SET_IF_NEWER = `local cur = redis.call('GET', KEYS[1])
if cur then
  local ok, t = pcall(cjson.decode, cur)
  local e = ok and type(t) == 'table' and tonumber(t.expiresAt or t.expireTime)
  if e and e >= tonumber(ARGV[2]) and t.accessToken ~= ARGV[3] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
return 1`

// KEYS[1] lock key; ARGV[1] owner, ARGV[2] lease ms. Free, expired (Redis drops it) or ours: take/renew it.
const LOCK = `local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`

// KEYS[1] lock key; ARGV[1] owner. Deletes only the owner's lock.
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/** The `PX` of a token: the TTL given, else until `expiresAt`; 0 or less, or over a day, is refused (a `SET` without `PX` would keep it forever). */
const ttlMs = (token: StoredToken, ttlSeconds?: number): number => {
  const seconds = ttlSeconds ?? (token.expiresAt - Date.now()) / 1000
  checkTtl(seconds)
  return Math.max(1, Math.ceil(seconds * 1000))
}

/**
 * A token store in Redis, for a fleet of processes or machines sharing one access token. Works with an
 * `ioredis` client or a connected `redis` (node-redis) client that you create, connect and close; neither
 * is a dependency of this package. Implements the whole contract atomically: `setIfNewer` (Lua: never
 * replaces a newer token with an older one) and the lease lock (Lua: `SET ... PX` only when free or
 * already ours; `unlock` deletes only the owner's lock). Tokens are stored as JSON with a `PX` expiry
 * (the TTL given, else until `expiresAt`); a TTL or lease of 0 or less or over a day is refused with
 * `WxError('wx/validation')` before anything is sent, so no token is ever stored without an expiry.
 * Reads wechat-api 1.x's record `{ accessToken, expireTime }` too (a fleet migrating process by process
 * can share the key); writes `{ accessToken, expiresAt }`.
 *
 * Tip: make commands fail fast while Redis is down (ioredis `enableOfflineQueue: false`, node-redis
 * `disableOfflineQueue: true`); otherwise they wait in the client's queue until `storeTimeout` gives up
 * and may still run when Redis returns.
 *
 * Throws (from each method): whatever the client throws (connection refused, closed client); the token
 * manager reports it to `hooks.onStoreError` and carries on with its own copy. Throws
 * `WxError('wx/config')` at creation if `client` has neither `call` nor `sendCommand`, or for options
 * that are not an object (`null`: the defaults) or a `prefix` that is not a string.
 *
 * @example
 * import Redis from 'ioredis'   // or: import { createClient } from 'redis'
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false })
 * const ctx = createContext({ appid, secret, tokenStore: redisTokenStore(redis) })
 */
export function redisTokenStore(client: RedisClientLike, options: RedisTokenStoreOptions | null = {}): TokenStore {
  const { run, prefix } = redisRunner(client, options, 'redisTokenStore')
  const k = (key: string) => prefix + key
  const json = (t: StoredToken) => JSON.stringify({ accessToken: t.accessToken, expiresAt: t.expiresAt })
  return {
    async get(key) {
      const raw = await run(['GET', k(key)])
      if (raw == null) return null
      try {
        return readStoredToken(JSON.parse(String(raw))) ?? null
      } catch {
        return null
      }
    },
    async set(key, token, ttlSeconds) {
      await run(['SET', k(key), json(token), 'PX', String(ttlMs(token, ttlSeconds))])
    },
    async setIfNewer(key, token, ttlSeconds) {
      const args = [json(token), String(token.expiresAt), token.accessToken, String(ttlMs(token, ttlSeconds))]
      return Number(await run(['EVAL', SET_IF_NEWER, '1', k(key), ...args])) === 1
    },
    async lock(key, owner, leaseMs) {
      checkLease(leaseMs)
      return Number(await run(['EVAL', LOCK, '1', k(key), owner, String(Math.ceil(leaseMs))])) === 1
    },
    async unlock(key, owner) {
      await run(['EVAL', UNLOCK, '1', k(key), owner])
    },
  }
}
