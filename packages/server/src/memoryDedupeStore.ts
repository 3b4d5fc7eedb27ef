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
 *   leaseSeconds)` records `key` as running for `leaseSeconds` (resolves `true`), and resolves
 *   `'running'` while that claim holds (answered 503: WeChat retries later) and `false` once `done`.
 *   The handler renews the lease while `onMessage` runs and calls `done` when it returned (or threw
 *   after handing work to `waitUntil`), `release` when it threw. A claim whose instance died is free
 *   again when its lease runs out, so a later retry handles the push.
 */
export interface DedupeStore {
  /**
   * Records `key`; resolves `true` when it was free (first delivery, released, or a lease that ran
   * out). Without `leaseSeconds`: records it for `ttlSeconds` and resolves `false` while it is there
   * (never `'running'`). With `leaseSeconds` (only passed to a store that has `renew` and `done`):
   * records it as running for `leaseSeconds`; resolves `'running'` while such a claim holds and
   * `false` for a key marked `done` (or claimed without a lease).
   */
  claim(key: string, ttlSeconds: number, leaseSeconds?: number): DedupeClaim | Promise<DedupeClaim>
  /** Forgets a claim of `key` (called when the handler failed, so WeChat's retry is handled again); keeps a key marked `done`. */
  release?(key: string): void | Promise<void>
  /** Extends a running claim of `key` to `leaseSeconds` from now; does nothing to a free key or one marked `done`. */
  renew?(key: string, leaseSeconds: number): void | Promise<void>
  /** Marks `key` handled for `ttlSeconds` from now (whatever it held): claims then resolve `false`. */
  done?(key: string, ttlSeconds: number): void | Promise<void>
}

/** Options of `memoryDedupeStore`. */
export interface MemoryDedupeOptions {
  /** Most keys kept; the oldest are dropped first. Default 10000. */
  max?: number
  /** The clock, in ms (for tests). Default `Date.now`. */
  now?: () => number
}

/** One remembered key: until when (ms), and whether it is claimed (plain), running (leased) or done. */
interface Entry {
  until: number
  state: 'claimed' | 'running' | 'done'
}

/**
 * An in-process `DedupeStore` (the default of `createPushHandler`): a bounded map with expiry, leased
 * (running claims, `renew`, `done`, `release`). Enough for one process or one Worker isolate; WeChat's
 * retries usually reach the same instance, but use a shared store behind a load balancer. Share one
 * instance between handlers of one process to make them one fleet.
 *
 * Throws nothing.
 *
 * @example
 * const handler = createPushHandler({ token, appid, onMessage, dedupe: memoryDedupeStore({ max: 50_000 }) })
 */
export function memoryDedupeStore(options: MemoryDedupeOptions = {}): DedupeStore {
  const max = options.max ?? 10_000
  const now = options.now ?? Date.now
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
    claim(key, ttlSeconds, leaseSeconds) {
      const t = now()
      const e = live(key, t)
      if (e) return leaseSeconds !== undefined && e.state === 'running' ? 'running' : false
      if (leaseSeconds === undefined) put(key, { until: t + ttlSeconds * 1000, state: 'claimed' }, t)
      else put(key, { until: t + leaseSeconds * 1000, state: 'running' }, t)
      return true
    },
    renew(key, leaseSeconds) {
      const t = now()
      const e = live(key, t)
      // Moved to the newest end too: a slow delivery's claim is the last one evicted past `max`.
      if (e?.state === 'running') {
        seen.delete(key)
        seen.set(key, { until: t + leaseSeconds * 1000, state: 'running' })
      }
    },
    done(key, ttlSeconds) {
      const t = now()
      put(key, { until: t + ttlSeconds * 1000, state: 'done' }, t)
    },
    release(key) {
      if (seen.get(key)?.state !== 'done') seen.delete(key)
    },
  }
}
