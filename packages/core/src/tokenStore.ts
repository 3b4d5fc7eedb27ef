import { WxError } from './errors.ts'

/** A token as kept in a store: the token and when WeChat says it expires (epoch ms). */
export interface StoredToken {
  accessToken: string
  expiresAt: number
}

/**
 * Reads a stored token record in either shape: ours (`{ accessToken, expiresAt }`) or the one wechat-api /
 * co-wechat-api 1.x save (`{ accessToken, expireTime }`, both epoch ms). Anything else (null, a string,
 * a record without a token or a finite expiry) is `undefined`. Pure; no WeChat endpoint. Stores and the
 * token manager pass what they read through it, so processes of both SDKs can share one store while a
 * fleet migrates; what `@wx` writes is always ours.
 *
 * @example
 * readStoredToken({ accessToken: 'T', expireTime: 1767225600000 }) // { accessToken: 'T', expiresAt: 1767225600000 }
 * readStoredToken(JSON.parse(await redis.get(key) ?? 'null'))
 */
export function readStoredToken(raw: unknown): StoredToken | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const r = raw as { accessToken?: unknown; expiresAt?: unknown; expireTime?: unknown }
  const expiresAt = typeof r.expiresAt === 'number' ? r.expiresAt : r.expireTime
  // Number.isFinite is false for anything but a finite number.
  return typeof r.accessToken === 'string' && r.accessToken && Number.isFinite(expiresAt)
    ? { accessToken: r.accessToken, expiresAt: expiresAt as number }
    : undefined
}

/**
 * Where access tokens live. Keys look like `wx:<appid>:access_token`. Implement it to share one token
 * between processes or machines (Redis, a file, a database, Cloudflare KV / Durable Objects).
 *
 * Required: `get` and `set`. Optional, and used by the token manager when present:
 * - `lock`/`unlock`: a **lease lock** so that only one process of a fleet asks WeChat for a token. `lock`
 *   acquires `key` for `owner` when it is free or its lease ran out, and resolves `true` if it did;
 *   `unlock` releases it **only if `owner` still holds it** (a process that lost its lease cannot free a
 *   lock another process now holds). A process that dies holding the lock costs the others at most the lease.
 * - `setIfNewer`: a **monotonic save**: stores `token` only if nothing is stored or the stored token
 *   expires earlier, atomically; resolves whether it stored. Never lets an older token replace a newer one.
 *
 * Bounds: `set`/`setIfNewer` reject a `ttlSeconds` of 0 or less or over a day, and `lock` a `leaseMs` of 0
 * or less or over a day (`checkTtl`, `checkLease`), storing or taking nothing.
 *
 * All methods are async and may throw or hang: the context puts a timeout on each call (`storeTimeout`,
 * default 2 s), reports failures to `hooks.onStoreError`, and carries on with its own in-process copy.
 * Each method gets a last, optional `signal` that fires when the context stops waiting for it (that
 * timeout, or every call that needed it gave up): a store that waits or polls (a mutex, a retry loop)
 * should stop then, so that nothing of it outlives the call. Stores that ignore it still work.
 * Run `runTokenStoreContract` from `@wx/testing` against your implementation.
 *
 * Mapping from wechat-api 1.x: `getToken(cb)` is `get(key)`, `saveToken(token, cb)` is `set(key, token)`. `get` may
 * return wechat-api's record `{ accessToken, expireTime }` as well: it is read through `readStoredToken`.
 *
 * @example
 * const store: TokenStore = {
 *   get: async (key) => JSON.parse((await redis.get(key)) ?? 'null'),
 *   set: async (key, token, ttl) => { await redis.set(key, JSON.stringify(token), 'EX', ttl ?? 7200) },
 * }
 */
export interface TokenStore {
  /** The stored token, or null/undefined when there is none. */
  get(key: string, signal?: AbortSignal): Promise<StoredToken | null | undefined>
  /** Saves a token. `ttlSeconds` is how long it stays useful. */
  set(key: string, token: StoredToken, ttlSeconds?: number, signal?: AbortSignal): Promise<void>
  /** Saves only if nothing newer is stored (by `expiresAt`), atomically. */
  setIfNewer?(key: string, token: StoredToken, ttlSeconds?: number, signal?: AbortSignal): Promise<boolean>
  /** Takes the lease lock `key` for `owner` for `leaseMs`; true if acquired. */
  lock?(key: string, owner: string, leaseMs: number, signal?: AbortSignal): Promise<boolean>
  /** Releases `key` if `owner` still holds it. */
  unlock?(key: string, owner: string, signal?: AbortSignal): Promise<void>
}

/** The longest TTL (s) and lease (ms) a store accepts: one day. */
const DAY_S = 86_400

const bad = (what: string, value: unknown, max: number) =>
  new WxError('wx/validation', `${what} must be a number above 0 and at most ${max} (one day); got ${String(value)}`)

/**
 * Checks a token store's `ttlSeconds`: above 0 and at most one day (86400). A TTL of 0 or less would keep
 * a token forever in stores that read it as "no expiry" (Redis), and a WeChat token lives 7200 s.
 * Store implementations call it first in `set`/`setIfNewer`; `undefined` (no TTL given) passes.
 *
 * Throws `WxError('wx/validation')` for anything else (0, negative, NaN, over a day, not a number).
 *
 * @example
 * async set(key, token, ttlSeconds) {
 *   checkTtl(ttlSeconds)
 *   await redis.set(key, JSON.stringify(token), 'EX', ttlSeconds ?? 7200)
 * }
 */
export function checkTtl(ttlSeconds: number | undefined): void {
  if (ttlSeconds === undefined) return
  if (typeof ttlSeconds !== 'number' || !(ttlSeconds > 0 && ttlSeconds <= DAY_S)) throw bad('ttlSeconds', ttlSeconds, DAY_S)
}

/**
 * Checks a lease lock's `leaseMs`: above 0 and at most one day (86400000 ms). A huge lease would lock
 * every other process out of refreshing for good; 0 or less would be no lock at all.
 * Store implementations call it first in `lock`.
 *
 * Throws `WxError('wx/validation')` for anything else.
 *
 * @example
 * async lock(key, owner, leaseMs) {
 *   checkLease(leaseMs)
 *   return (await redis.set(key, owner, 'PX', leaseMs, 'NX')) === 'OK'
 * }
 */
export function checkLease(leaseMs: number): void {
  if (typeof leaseMs !== 'number' || !(leaseMs > 0 && leaseMs <= DAY_S * 1000)) throw bad('leaseMs', leaseMs, DAY_S * 1000)
}

/**
 * The default store: a Map in this context's memory (one process), with the optional lock and
 * monotonic save implemented, so it doubles as the reference implementation of the contract.
 *
 * @example
 * const store = memoryTokenStore()
 * const a = createContext({ appid, secret, tokenStore: store })
 * const b = createContext({ appid, secret, tokenStore: store }) // shares a's token
 */
export function memoryTokenStore(): TokenStore {
  const map = new Map<string, StoredToken>()
  const locks = new Map<string, { owner: string; until: number }>()
  return {
    get: async (key) => {
      const t = map.get(key)
      return t && { ...t }
    },
    set: async (key, token, ttl) => {
      checkTtl(ttl)
      map.set(key, { accessToken: token.accessToken, expiresAt: token.expiresAt })
    },
    setIfNewer: async (key, token, ttl) => {
      checkTtl(ttl)
      const cur = map.get(key)
      if (cur && cur.expiresAt >= token.expiresAt && cur.accessToken !== token.accessToken) return false
      map.set(key, { accessToken: token.accessToken, expiresAt: token.expiresAt })
      return true
    },
    lock: async (key, owner, leaseMs) => {
      checkLease(leaseMs)
      const cur = locks.get(key)
      const now = Date.now()
      if (cur && cur.owner !== owner && cur.until > now) return false
      locks.set(key, { owner, until: now + leaseMs })
      return true
    },
    unlock: async (key, owner) => {
      if (locks.get(key)?.owner === owner) locks.delete(key)
    },
  }
}
