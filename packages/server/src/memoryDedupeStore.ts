import { optionsOf, type DedupeStore } from '@wx/core'
import { configError, isFn } from './_check.ts'

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
