/**
 * Remembers which pushes were handled, so WeChat's retries (it waits 5 s and tries 3 times) and
 * replays are not handled twice. Use a shared store (Redis `SET key 1 NX EX ttl`, Workers KV/Durable
 * Object) when several instances receive pushes.
 */
export interface DedupeStore {
  /** Records `key` for `ttlSeconds`; resolves `true` when it was not there yet (first delivery). */
  claim(key: string, ttlSeconds: number): boolean | Promise<boolean>
  /** Forgets `key` (called when the handler failed, so WeChat's retry is handled again). */
  release?(key: string): void | Promise<void>
}

/** Options of `memoryDedupeStore`. */
export interface MemoryDedupeOptions {
  /** Most keys kept; the oldest are dropped first. Default 10000. */
  max?: number
  /** The clock, in ms (for tests). Default `Date.now`. */
  now?: () => number
}

/**
 * An in-process `DedupeStore` (the default of `createPushHandler`): a bounded map with expiry. Enough
 * for one process or one Worker isolate; WeChat's retries usually reach the same instance, but use a
 * shared store behind a load balancer.
 *
 * Throws nothing.
 *
 * @example
 * const handler = createPushHandler({ token, appid, onMessage, dedupe: memoryDedupeStore({ max: 50_000 }) })
 */
export function memoryDedupeStore(options: MemoryDedupeOptions = {}): DedupeStore {
  const max = options.max ?? 10_000
  const now = options.now ?? Date.now
  const seen = new Map<string, number>()
  return {
    claim(key, ttlSeconds) {
      const t = now()
      const until = seen.get(key)
      if (until !== undefined && until > t) return false
      seen.delete(key)
      for (const [k, exp] of seen) {
        if (exp > t && seen.size < max) break
        seen.delete(k)
      }
      seen.set(key, t + ttlSeconds * 1000)
      return true
    },
    release(key) {
      seen.delete(key)
    },
  }
}
