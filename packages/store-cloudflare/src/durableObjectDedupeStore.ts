import { WxError, optionsOf, type LeasedDedupeStore } from '@wx/core'
import { MAX_LEASE_MS, MAX_OWNER_LENGTH, type DedupeOp } from './_dedupeOps.ts'
import { objectSender, type DurableObjectNamespaceLike } from './_objectClient.ts'

/** Options of `durableObjectDedupeStore`. */
export interface DurableObjectDedupeStoreOptions {
  /**
   * The object's shared secret (`WX_TOKEN_STORE_SECRET` of the Worker that owns the class), sent as
   * `Authorization: Bearer <secret>`. Needed when that secret is set. At least 32 bytes; surrounding
   * whitespace (a trailing newline) is trimmed.
   */
  secret?: string | undefined
}

/** The store `durableObjectDedupeStore` returns: a leased `DedupeStore` (every method, answering with promises). */
export type DurableObjectDedupeStore = LeasedDedupeStore

/** A TTL in ms for the object (`null`: kept without expiry, for `Infinity`); refuses 0, negative and NaN. */
function ttlMs(seconds: number): number | null {
  if (!(typeof seconds === 'number' && seconds > 0))
    throw new WxError('wx/validation', `ttlSeconds must be a positive number (Infinity allowed), got ${String(seconds)}`)
  return seconds === Number.POSITIVE_INFINITY ? null : Math.max(1, Math.ceil(seconds * 1000))
}

/** A lease in ms; refuses 0, negative, NaN, Infinity and more than a day (the object's limit). */
function leaseMs(seconds: number): number {
  const ms = typeof seconds === 'number' && seconds > 0 ? Math.max(1, Math.ceil(seconds * 1000)) : Number.NaN
  if (!(ms <= MAX_LEASE_MS)) throw new WxError('wx/validation', `leaseSeconds must be a number above 0 and at most 86400 (one day), got ${String(seconds)}`)
  return ms
}

/** The owner field of an operation (none when absent); refuses anything but a string of 1 to 128 characters. */
function ownerField(owner: string | undefined): { owner?: string } {
  if (owner === undefined) return {}
  if (!(typeof owner === 'string' && owner.length > 0 && owner.length <= MAX_OWNER_LENGTH))
    throw new WxError('wx/validation', `owner must be a string of 1 to ${MAX_OWNER_LENGTH} characters, got ${typeof owner === 'string' ? `${owner.length} characters` : typeof owner}`)
  return { owner }
}

/**
 * A push `DedupeStore` for Cloudflare Workers backed by `TokenStoreDurableObject` (the same class and
 * binding as `durableObjectTokenStore`): pass it as `dedupe` (and `replay`) of `createPushHandler`. Each
 * Worker isolate has its own memory, and WeChat's retries of one push may reach different isolates and
 * locations; this store is shared by all of them and strongly consistent. Leased: a retry that reaches
 * another isolate while the first delivery still runs is answered 503 (WeChat tries again), the retry
 * after a failure is handled, the retry after a success is `success`, and a claim of an isolate that
 * died is free once its lease (4 s by default) runs out. A running claim records the push handler's
 * random owner of it: `renew` and `release` with an owner touch only that owner's claim, so an isolate
 * whose lease ran out while it stalled cannot extend or forget the claim another isolate took since.
 *
 * One object per key (`<appid>:push:<sha1>`): each push is its own object, so no account's pushes queue
 * behind one object, and a claim is atomic within it. The object's alarm deletes the key when it expires
 * (lease, or TTL once done), leaving an empty object, which costs nothing: nothing accumulates. A TTL of
 * `Infinity` keeps the key (and its object's storage) for good. Each call is one request to the object.
 *
 * Throws (from each method): `WxError('wx/validation')` for a TTL of 0 or less or NaN, or a lease of 0
 * or less, NaN, Infinity or over a day, or an owner that is not a string of 1 to 128 characters, before
 * anything is sent; an `Error` when the object answers an
 * error status (401 without the object's secret); and whatever the binding throws. The push handler
 * reports it to `onError` and handles the push (at least once). Throws `WxError('wx/config')` at creation
 * when `namespace` is not a Durable Object namespace binding (a misspelled `env.X` is `undefined`), for
 * options that are not an object (`null`: the defaults), or a `secret` that is not a string of at least
 * 32 bytes without whitespace inside.
 *
 * @example
 * export { TokenStoreDurableObject } from '@wx/store-cloudflare'
 * let handler: PushHandler | undefined
 * export default {
 *   fetch(request: Request, env: Env, ctx: ExecutionContext) {
 *     handler ??= createPushHandler({ token: env.WX_TOKEN, appid: env.WX_APPID, encodingAESKey: env.WX_AES_KEY,
 *       onMessage, dedupe: durableObjectDedupeStore(env.WX_TOKENS) })
 *     return handler(request, ctx)
 *   },
 * }
 */
export function durableObjectDedupeStore(namespace: DurableObjectNamespaceLike, options: DurableObjectDedupeStoreOptions | null = {}): DurableObjectDedupeStore {
  const sendAny = objectSender(namespace, (key) => key, optionsOf(options, 'durableObjectDedupeStore').secret, 'durableObjectDedupeStore')
  const send = <T>(op: DedupeOp) => sendAny<T>(op)
  return {
    async claim(key, ttlSeconds, leaseSeconds, owner) {
      const lease = leaseSeconds === undefined ? {} : { leaseMs: leaseMs(leaseSeconds), ...ownerField(owner) }
      return send<boolean | 'running'>({ op: 'claim', key, ttlMs: ttlMs(ttlSeconds), ...lease })
    },
    async renew(key, leaseSeconds, owner) {
      await send({ op: 'renew', key, leaseMs: leaseMs(leaseSeconds), ...ownerField(owner) })
    },
    async done(key, ttlSeconds) {
      await send({ op: 'done', key, ttlMs: ttlMs(ttlSeconds) })
    },
    async release(key, owner) {
      await send({ op: 'release', key, ...ownerField(owner) })
    },
  }
}
