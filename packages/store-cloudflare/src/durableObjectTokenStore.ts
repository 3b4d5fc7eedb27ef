import { checkLease, checkTtl, type StoredToken, type TokenStore, optionsOf } from '@wx/core'
import { objectSender, type DurableObjectNamespaceLike } from './_objectClient.ts'
import type { TokenStoreOp } from './TokenStoreDurableObject.ts'

export type { DurableObjectNamespaceLike } from './_objectClient.ts'

/** Options of `durableObjectTokenStore`. */
export interface DurableObjectTokenStoreOptions {
  /**
   * Name of the object that holds a key. Default: one object per token key (`wx:<appid>:access_token`),
   * holding that token and its refresh lock.
   */
  objectName?: ((key: string) => string) | undefined
  /**
   * The object's shared secret (`WX_TOKEN_STORE_SECRET` of the Worker that owns the class), sent as
   * `Authorization: Bearer <secret>`. Needed when that secret is set. At least 32 bytes; surrounding
   * whitespace (a trailing newline) is trimmed.
   */
  secret?: string | undefined
}

/**
 * A token store for Cloudflare Workers backed by `TokenStoreDurableObject`: strongly consistent, with
 * the atomic lease lock and monotonic `setIfNewer`, so a whole fleet of isolates makes one token request
 * even in legacy mode. Each operation is one request to the object (a few ms from the same location).
 *
 * Throws (from each method): `WxError('wx/validation')` for a TTL (given, or until `expiresAt`) or a
 * lease of 0 or less, NaN, Infinity or over a day, before anything is sent; an `Error` when the object
 * answers an error status (401 without the object's secret), and whatever the binding throws (object
 * overloaded or reset); the token manager reports it to `hooks.onStoreError` and carries on with its own
 * copy. Throws `WxError('wx/config')` at creation when `namespace` is not a Durable Object namespace
 * binding (a misspelled `env.X` is `undefined`: tokens would live only in each isolate's memory), for
 * options that are not an object (`null`: the defaults), an `objectName` that is not a function, or a
 * `secret` that is not a string of at least 32 bytes without whitespace inside.
 *
 * @example
 * const ctx = createContext({ appid: env.APPID, secret: env.SECRET, tokenMode: 'legacy',
 *   tokenStore: durableObjectTokenStore(env.WX_TOKENS) })
 * // a Worker bound to another Worker's class (script_name), with WX_TOKEN_STORE_SECRET set there:
 * durableObjectTokenStore(env.WX_TOKENS, { secret: env.WX_TOKEN_STORE_SECRET })
 */
export function durableObjectTokenStore(namespace: DurableObjectNamespaceLike, options: DurableObjectTokenStoreOptions | null = {}): TokenStore {
  const o = optionsOf(options, 'durableObjectTokenStore')
  const name = o.objectName ?? ((key: string) => key.replace(/:lock$/, ''))
  const sendAny = objectSender(namespace, name, o.secret, 'durableObjectTokenStore')
  const send = <T>(m: TokenStoreOp) => sendAny<T>(m)
  /** The operation for `token`, once its TTL (given, or until its expiry) is checked as the object would: JSON would turn NaN or Infinity into null. */
  const save = (op: 'set' | 'setIfNewer', key: string, t: StoredToken, ttl: number | undefined): TokenStoreOp => {
    checkTtl(ttl === undefined ? (t.expiresAt - Date.now()) / 1000 : ttl)
    return { op, key, token: { accessToken: t.accessToken, expiresAt: t.expiresAt }, ...(ttl === undefined ? {} : { ttl }) }
  }
  return {
    get: (key) => send<StoredToken | null>({ op: 'get', key }),
    set: async (key, token, ttl) => void (await send(save('set', key, token, ttl))),
    setIfNewer: async (key, token, ttl) => send<boolean>(save('setIfNewer', key, token, ttl)),
    lock: async (key, owner, leaseMs) => {
      checkLease(leaseMs)
      return send<boolean>({ op: 'lock', key, owner, leaseMs })
    },
    unlock: async (key, owner) => void (await send({ op: 'unlock', key, owner })),
  }
}
