import { optionsOf } from '@wx/core'
import { configError, isFn } from './_check.ts'

/** What `DedupeStore.claim` resolves: `true` (new: handle it), `false` (handled already), `'running'` (being handled). */
export type DedupeClaim = boolean | 'running'

/**
 * Remembers which pushes were handled, so WeChat's retries (it waits 5 s and tries 3 times) and
 * replays are not handled twice. Use a shared store (`redisDedupeStore` from `@wx/store-redis`, a
 * Durable Object, ...) when several instances receive pushes.
 *
 * Two levels, both valid:
 * - **plain**: `claim(key, ttlSeconds)` records `key` for `ttlSeconds` and resolves `true` the first
 *   time, `false` after; `release?` forgets it. A shared plain store (Redis `SET key 1 NX EX ttl`)
 *   cannot tell another instance's delivery that is still running from one that is done: a retry
 *   reaching another instance meanwhile is answered `success`, and lost if the first then fails.
 * - **leased**: a store that also has `renew` and `done` is called with a lease: `claim(key, ttl,
 *   leaseSeconds, owner)` records `key` as running for `leaseSeconds`, held by `owner` (resolves
 *   `true`), and resolves `'running'` while that claim holds (answered 503: WeChat retries later) and
 *   `false` once `done`. The handler renews the lease while `onMessage` runs and calls `done` when it
 *   returned (or threw after handing work to `waitUntil`), `release` when it threw. A claim whose
 *   instance died (or stalled past its lease) is free again when its lease runs out, so a later retry
 *   handles the push.
 *
 * **Owners.** The handler makes one random `owner` per claim (`crypto.randomUUID()`) and passes it to
 * `claim`, `renew` and `release`. An instance whose lease ran out while it was still alive (a GC pause,
 * a frozen VM, a blocked event loop, a store that failed only on `renew`) may meanwhile have lost the
 * key to another instance's claim: its late `renew` or `release` must leave that claim alone, or a third
 * try would run the push while the second still runs. So `renew(key, lease, owner)` extends only a
 * running claim held by `owner`, and `release(key, owner)` forgets only a running claim held by `owner`.
 * `owner` is a trailing optional argument: a store that ignores it still works (without this guard),
 * and `release(key)` without one forgets whatever claim `key` holds (plain claims, the replay cache).
 */
export interface DedupeStore {
  /**
   * Records `key`; resolves `true` when it was free (first delivery, released, or a lease that ran
   * out). Without `leaseSeconds`: records it for `ttlSeconds` and resolves `false` while it is there
   * (never `'running'`). With `leaseSeconds` (only passed to a store that has `renew` and `done`):
   * records it as running for `leaseSeconds`; resolves `'running'` while such a claim holds and
   * `false` for a key marked `done` (or claimed without a lease). `owner` (passed with a lease) is
   * recorded with the running claim, for `renew` and `release`.
   */
  claim(key: string, ttlSeconds: number, leaseSeconds?: number, owner?: string): DedupeClaim | Promise<DedupeClaim>
  /**
   * Forgets a claim of `key` (called when the handler failed, so WeChat's retry is handled again); keeps
   * a key marked `done`. With `owner`: forgets only a running claim held by `owner` (another instance
   * may have claimed the key since this one's lease ran out). Without: forgets any claim (as before).
   */
  release?(key: string, owner?: string): void | Promise<void>
  /**
   * Extends a running claim of `key` to `leaseSeconds` from now; does nothing to a free key or one marked
   * `done`. With `owner`: only a running claim held by `owner` (never another instance's).
   */
  renew?(key: string, leaseSeconds: number, owner?: string): void | Promise<void>
  /**
   * Marks `key` handled for `ttlSeconds` from now (whatever it held, whoever holds it): claims then
   * resolve `false`. Unconditional on purpose: a delivery that succeeded after another instance took the
   * key over still handled the push, so WeChat's next retry is a duplicate.
   */
  done?(key: string, ttlSeconds: number): void | Promise<void>
}

/** Options of `memoryDedupeStore`. */
export interface MemoryDedupeOptions {
  /** Most keys kept; the oldest are dropped first. Default 10000. */
  max?: number
  /** The clock, in ms (for tests). Default `Date.now`. */
  now?: () => number
}

/** One remembered key: until when (ms), whether it is claimed (plain), running (leased) or done, and a running claim's owner. */
interface Entry {
  until: number
  state: 'claimed' | 'running' | 'done'
  owner?: string | undefined
}

/** Whether a caller passing `owner` (or none: any caller) holds the running claim `e`. */
const heldBy = (e: Entry, owner: string | undefined) => e.state === 'running' && (owner === undefined || e.owner === owner)

/**
 * An in-process `DedupeStore` (the default of `createPushHandler`): a bounded map with expiry, leased
 * (running claims, `renew`, `done`, `release`). Enough for one process or one Worker isolate; WeChat's
 * retries usually reach the same instance, but use a shared store behind a load balancer. Share one
 * instance between handlers of one process to make them one fleet.
 *
 * Calls no endpoint. `null` or no options take the defaults.
 *
 * @throws {WxError} `wx/config` when `max` is not a positive integer or `Infinity` (NaN from an unset env
 *   var would keep a single key) or `now` is not a function. `null` fields take their defaults.
 *
 * @example
 * const handler = createPushHandler({ token, appid, onMessage, dedupe: memoryDedupeStore({ max: 50_000 }) })
 */
export function memoryDedupeStore(options?: MemoryDedupeOptions | null): DedupeStore {
  const o = optionsOf(options, 'memoryDedupeStore')
  const max = o.max ?? 10_000
  const now = o.now ?? Date.now
  if (!((Number.isInteger(max) || max === Number.POSITIVE_INFINITY) && max > 0)) throw configError('memoryDedupeStore: max must be a positive integer (or Infinity)')
  if (!isFn(now)) throw configError('memoryDedupeStore: now must be a function returning the time in ms')
  return memoryStore(max, now)
}

/** @internal `memoryDedupeStore` without the option checks: the handler's default (10000 keys, `Date.now`). */
export function memoryStore(max = 10_000, now: () => number = Date.now): DedupeStore {
  const seen = new Map<string, Entry>()
  const live = (key: string, t: number) => {
    const e = seen.get(key)
    return e !== undefined && e.until > t ? e : undefined
  }
  /** Stores `entry` as the newest key, dropping expired keys and, past `max`, the oldest ones. */
  const put = (key: string, entry: Entry, t: number) => {
    seen.delete(key)
    for (const [k, e] of seen) {
      if (e.until > t && seen.size < max) break
      seen.delete(k)
    }
    seen.set(key, entry)
  }
  return {
    claim(key, ttlSeconds, leaseSeconds, owner) {
      const t = now()
      const e = live(key, t)
      if (e) return leaseSeconds !== undefined && e.state === 'running' ? 'running' : false
      if (leaseSeconds === undefined) put(key, { until: t + ttlSeconds * 1000, state: 'claimed' }, t)
      else put(key, { until: t + leaseSeconds * 1000, state: 'running', owner }, t)
      return true
    },
    renew(key, leaseSeconds, owner) {
      const t = now()
      const e = live(key, t)
      // Moved to the newest end too: a slow delivery's claim is the last one evicted past `max`.
      if (e && heldBy(e, owner)) {
        seen.delete(key)
        seen.set(key, { ...e, until: t + leaseSeconds * 1000 })
      }
    },
    done(key, ttlSeconds) {
      const t = now()
      put(key, { until: t + ttlSeconds * 1000, state: 'done' }, t)
    },
    release(key, owner) {
      const e = seen.get(key)
      if (e && (owner === undefined ? e.state !== 'done' : heldBy(e, owner))) seen.delete(key)
    },
  }
}
