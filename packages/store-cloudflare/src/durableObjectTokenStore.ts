import type { StoredToken, TokenStore } from '@wx/core'
import { objectSender, type DurableObjectNamespaceLike } from './_objectClient.ts'
import type { TokenStoreOp } from './TokenStoreDurableObject.ts'

export type { DurableObjectNamespaceLike } from './_objectClient.ts'

/** Options of `durableObjectTokenStore`. */
export interface DurableObjectTokenStoreOptions {
  /**
   * Name of the object that holds a key. Default: one object per token key (`wx:<appid>:access_token`),
   * holding that token and its refresh lock.
   */
  objectName?: (key: string) => string
  /**
   * The object's shared secret (`WX_TOKEN_STORE_SECRET` of the Worker that owns the class), sent as
   * `Authorization: Bearer <secret>`. Needed when that secret is set. At least 32 bytes; surrounding
   * whitespace (a trailing newline) is trimmed.
   */
  secret?: string
}

/**
 * A token store for Cloudflare Workers backed by `TokenStoreDurableObject`: strongly consistent, with
 * the atomic lease lock and monotonic `setIfNewer`, so a whole fleet of isolates makes one token request
 * even in legacy mode. Each operation is one request to the object (a few ms from the same location).
 *
 * Throws (from each method): an `Error` when the object answers an error status (401 without the
 * object's secret, 400 for a TTL or lease of 0 or less or over a day), and
 * whatever the binding throws (object overloaded or reset); the token manager reports it to
 * `hooks.onStoreError` and carries on with its own copy. Throws `WxError('wx/config')` at creation for a
 * `secret` under 32 bytes or with whitespace inside.
 *
 * @example
 * const ctx = createContext({ appid: env.APPID, secret: env.SECRET, tokenMode: 'legacy',
 *   tokenStore: durableObjectTokenStore(env.WX_TOKENS) })
 * // a Worker bound to another Worker's class (script_name), with WX_TOKEN_STORE_SECRET set there:
 * durableObjectTokenStore(env.WX_TOKENS, { secret: env.WX_TOKEN_STORE_SECRET })
 */
export function durableObjectTokenStore(namespace: DurableObjectNamespaceLike, options: DurableObjectTokenStoreOptions = {}): TokenStore {
  const name = options.objectName ?? ((key: string) => key.replace(/:lock$/, ''))
  const sendAny = objectSender(namespace, name, options.secret, 'durableObjectTokenStore')
  const send = <T>(m: TokenStoreOp) => sendAny<T>(m)
  const plain = (t: StoredToken) => ({ accessToken: t.accessToken, expiresAt: t.expiresAt })
  return {
    get: (key) => send<StoredToken | null>({ op: 'get', key }),
    set: async (key, token, ttl) => void (await send({ op: 'set', key, token: plain(token), ...(ttl === undefined ? {} : { ttl }) })),
    setIfNewer: (key, token, ttl) => send<boolean>({ op: 'setIfNewer', key, token: plain(token), ...(ttl === undefined ? {} : { ttl }) }),
    lock: (key, owner, leaseMs) => send<boolean>({ op: 'lock', key, owner, leaseMs }),
    unlock: async (key, owner) => void (await send({ op: 'unlock', key, owner })),
  }
}
