/**
 * The shape of a push-dedupe store, shared by `@wx/server` (which calls it), the stores that implement it
 * (`@wx/store-redis`, `@wx/store-cloudflare`, `memoryDedupeStore`) and `@wx/testing`'s contract suite.
 * Types only: nothing of this file reaches a bundle.
 */

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

/**
 * A `DedupeStore` with every optional method, answering with promises: what the shared stores
 * (`redisDedupeStore` from `@wx/store-redis`, `durableObjectDedupeStore` from `@wx/store-cloudflare`)
 * return, i.e. a leased store.
 */
export interface LeasedDedupeStore extends DedupeStore {
  claim(key: string, ttlSeconds: number, leaseSeconds?: number, owner?: string): Promise<DedupeClaim>
  renew(key: string, leaseSeconds: number, owner?: string): Promise<void>
  done(key: string, ttlSeconds: number): Promise<void>
  release(key: string, owner?: string): Promise<void>
}
