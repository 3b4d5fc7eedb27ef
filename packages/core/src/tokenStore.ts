/** A token as kept in a store: the token and when WeChat says it expires (epoch ms). */
export interface StoredToken {
  accessToken: string
  expiresAt: number
}

/**
 * Where access tokens live. Keys look like `wx:<appid>:access_token`. Implement this to share one token
 * between processes or machines (Redis, a database, KV). All methods are async and may throw: the
 * context then carries on with its own in-process copy and reports the failure to `hooks.onStoreError`.
 *
 * Mapping from wechat-api 1.x: `getToken(cb)` is `get(key)`, `saveToken(token, cb)` is `set(key, token)`.
 *
 * @example
 * const store: TokenStore = {
 *   get: async (key) => JSON.parse((await redis.get(key)) ?? 'null'),
 *   set: async (key, token, ttl) => { await redis.set(key, JSON.stringify(token), 'EX', ttl ?? 7200) },
 * }
 */
export interface TokenStore {
  /** The stored token, or null/undefined when there is none. */
  get(key: string): Promise<StoredToken | null | undefined>
  /** Saves a token. `ttlSeconds` is how long it stays useful. */
  set(key: string, token: StoredToken, ttlSeconds?: number): Promise<void>
}

/**
 * The default store: a Map in this context's memory.
 *
 * @example
 * const ctx = createContext({ appid, secret, tokenStore: memoryTokenStore() })
 */
export function memoryTokenStore(): TokenStore {
  const map = new Map<string, StoredToken>()
  return {
    get: async (key) => map.get(key),
    set: async (key, token) => {
      map.set(key, { ...token })
    },
  }
}
