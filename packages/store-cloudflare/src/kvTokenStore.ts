import { checkTtl, readStoredToken, type StoredToken, type TokenStore, optionsOf } from '@wx/core'
import { need } from './_options.ts'

/** The part of a Workers KV namespace binding this store uses. */
export interface KVNamespaceLike {
  get(key: string): Promise<string | null>
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>
}

/** Options of `kvTokenStore`. */
export interface KvTokenStoreOptions {
  /** Prepended to every key. Default `''`. */
  prefix?: string | undefined
}

/**
 * A token store in Cloudflare Workers KV: cheap reads from every location, for **stable** mode (the
 * default), where several isolates fetching at once get the same token anyway. It has **no lock and no
 * `setIfNewer`**: KV is eventually consistent (a write can take 60 s or more to be seen elsewhere) and has
 * no compare-and-set, so neither could be made atomic. With `tokenMode: 'legacy'`, or to guarantee one
 * token request per fleet, use `durableObjectTokenStore` (or a broker) instead. KV's minimum
 * `expirationTtl` is 60 s: shorter TTLs are raised to 60 (the token manager checks `expiresAt` anyway).
 * A TTL (given, or until `expiresAt`) of 0 or less or over a day is refused with `WxError('wx/validation')`.
 *
 * Throws (from each method): whatever the binding throws (e.g. KV's limit of one write per second per
 * key); the token manager reports it to `hooks.onStoreError` and carries on. Throws
 * `WxError('wx/config')` at creation when `kv` is not a KV namespace binding (a misspelled `env.X` is
 * `undefined`: tokens would live only in each isolate's memory), for options that are not an object
 * (`null`: the defaults), or a `prefix` that is not a string.
 *
 * @example
 * export default {
 *   async fetch(request: Request, env: Env) {
 *     const ctx = createContext({ appid: env.APPID, secret: env.SECRET, tokenStore: kvTokenStore(env.TOKENS) })
 *     ...
 *   },
 * }
 */
export function kvTokenStore(kv: KVNamespaceLike, options: KvTokenStoreOptions | null = {}): TokenStore {
  need(
    typeof kv?.get === 'function' && typeof kv.put === 'function',
    `kvTokenStore needs a Workers KV namespace binding (env.<name>, with get and put), got ${kv === undefined ? 'undefined: is the binding named right?' : typeof kv}`,
  )
  const prefix = optionsOf(options, 'kvTokenStore').prefix ?? ''
  need(typeof prefix === 'string', 'kvTokenStore: prefix must be a string')
  return {
    async get(key) {
      const raw = await kv.get(prefix + key)
      try {
        return (raw && readStoredToken(JSON.parse(raw))) || null
      } catch {
        return null
      }
    },
    async set(key, token: StoredToken, ttlSeconds) {
      const seconds = ttlSeconds ?? (token.expiresAt - Date.now()) / 1000
      checkTtl(seconds)
      const ttl = Math.ceil(seconds)
      await kv.put(prefix + key, JSON.stringify({ accessToken: token.accessToken, expiresAt: token.expiresAt }), { expirationTtl: Math.max(60, ttl) })
    },
  }
}
