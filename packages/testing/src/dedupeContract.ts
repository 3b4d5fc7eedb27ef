import type { DedupeStore } from '@wx/core'
import type { ContractRunner } from './storeContract.ts'

/** A push-dedupe store under test: `DedupeStore` from `@wx/core` (the shape `@wx/server` calls). */
export type DedupeStoreUnderTest = DedupeStore

/** Options of `runDedupeStoreContract`. */
export interface DedupeStoreContractOptions {
  /**
   * The store must be leased: implement `release`, `renew` and `done` (else the lease tests run only when
   * it has `renew` and `done`, as `createPushHandler` uses leases only then). Default false.
   */
  requireLease?: boolean | undefined
  /**
   * The short TTL and lease of the expiry tests, seconds (the tests wait about three of them). Default
   * 0.3; raise it for a store that counts in whole seconds.
   */
  shortSeconds?: number | undefined
  /** Per-test timeout, ms. Default 10000. */
  timeout?: number | undefined
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const uid = () => Math.random().toString(36).slice(2, 10)

/**
 * Registers the `DedupeStore` contract tests (`@wx/server`'s push dedupe and replay store) for one store
 * implementation. Plain claims: `true` once, then `false` (never `'running'`), independent keys, expiry
 * after the TTL, `release` (when present) frees the key, exactly one of 10 racing claims wins. Leased
 * claims (when the store has `renew` and `done`, or with `requireLease`): `'running'` while the lease
 * holds (to every other claimer, one of 10 racing wins), free again when it runs out (an instance that
 * died), kept by `renew` past the first lease, `false` once `done` and for its whole TTL then free,
 * `release` frees a running claim but never a done key, `renew` never revives a done or free key, and a
 * plain claim of a running key is `false`. Owners (leased): `renew` and `release` by another owner (an
 * instance whose lease ran out, after another one claimed the key) leave the running claim alone, by its
 * owner they work, `release` without an owner frees any claim but a done key, and `done` marks the key
 * whoever holds it. `makeStore` is called once per test; every test uses fresh
 * random keys, so a shared backend is fine.
 *
 * Throws nothing itself; failing expectations throw inside the registered tests.
 *
 * @example
 * import { describe, it, expect } from 'vitest'
 * import { memoryDedupeStore } from '@wx/server'
 * import { runDedupeStoreContract } from '@wx/testing'
 * runDedupeStoreContract({ describe, it, expect }, 'memory', () => memoryDedupeStore(), { requireLease: true })
 */
export function runDedupeStoreContract(
  { describe, it, expect }: ContractRunner,
  name: string,
  makeStore: () => DedupeStoreUnderTest | Promise<DedupeStoreUnderTest>,
  options?: DedupeStoreContractOptions | null,
): void {
  options ??= {}
  const timeout = options.timeout ?? 10_000
  const short = options.shortSeconds ?? 0.3
  const TTL = 600 // what createPushHandler passes by default (601 s)
  const LEASE = 30 // long enough never to run out during a test that does not wait for it
  const key = () => `wx_contract_${uid()}:push:${uid()}`
  const test = (title: string, body: (store: DedupeStoreUnderTest) => Promise<void>) =>
    it(title, async () => body(await makeStore()), timeout)
  /** The lease tests: for stores that have `renew` and `done` (the handler leases only those). */
  const leasedTest = (title: string, body: (store: Required<DedupeStoreUnderTest>) => Promise<void>) =>
    test(title, async (store) => {
      if (!options.requireLease && !(store.renew && store.done)) return
      await body(store as Required<DedupeStoreUnderTest>)
    })
  const waitOut = (seconds: number) => sleep(seconds * 1000 + 150)

  describe(`DedupeStore contract: ${name}: plain claims`, () => {
    test('the first claim is true, every later one false (never running); keys are independent', async (store) => {
      const [a, b] = [key(), key()]
      expect(await store.claim(a, TTL)).toBe(true)
      expect(await store.claim(a, TTL)).toBe(false)
      expect(await store.claim(a, TTL)).toBe(false)
      expect(await store.claim(b, TTL)).toBe(true)
    })

    test('a claim is kept for its TTL, then the key is free', async (store) => {
      const k = key()
      expect(await store.claim(k, short)).toBe(true)
      expect(await store.claim(k, TTL)).toBe(false)
      await waitOut(short)
      expect(await store.claim(k, TTL)).toBe(true)
    })

    test('release frees the key (when the store has it); releasing an unknown key is harmless', async (store) => {
      if (!store.release) return
      const k = key()
      expect(await store.claim(k, TTL)).toBe(true)
      await store.release(k)
      expect(await store.claim(k, TTL)).toBe(true)
      await store.release(key())
    })

    test('10 racing claims: exactly one is true', async (store) => {
      const k = key()
      const results = await Promise.all(Array.from({ length: 10 }, () => store.claim(k, TTL)))
      expect(results.filter((r) => r === true).length).toBe(1)
      expect(results.filter((r) => r === false).length).toBe(9)
    })
  })

  describe(`DedupeStore contract: ${name}: leased claims`, () => {
    if (options.requireLease)
      test('has release, renew and done', async (store) => expect([typeof store.release, typeof store.renew, typeof store.done]).toEqual(['function', 'function', 'function']))

    leasedTest('a leased claim is true once, then running for every other claimer; done makes it false', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
      expect(await store.claim(k, TTL, LEASE)).toBe('running')
      expect(await store.claim(k, TTL, LEASE)).toBe('running')
      await store.done(k, TTL)
      expect(await store.claim(k, TTL, LEASE)).toBe(false)
      expect(await store.claim(k, TTL)).toBe(false)
    })

    leasedTest('10 racing leased claims: exactly one is true, the others running', async (store) => {
      const k = key()
      const results = await Promise.all(Array.from({ length: 10 }, () => store.claim(k, TTL, LEASE)))
      expect(results.filter((r) => r === true).length).toBe(1)
      expect(results.filter((r) => r === 'running').length).toBe(9)
    })

    leasedTest('a plain claim of a running key is false: running is only told to a caller that passed a lease', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
      expect(await store.claim(k, TTL)).toBe(false)
      expect(await store.claim(k, TTL, LEASE)).toBe('running') // and the plain claim took nothing over
    })

    leasedTest('a key claimed without a lease is false to a leased claim (handled, not running)', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL)).toBe(true)
      expect(await store.claim(k, TTL, LEASE)).toBe(false)
    })

    leasedTest('a running claim whose lease runs out (its instance died) is free again, and running for the next claimer', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, short)).toBe(true)
      expect(await store.claim(k, TTL, LEASE)).toBe('running')
      await waitOut(short)
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
      expect(await store.claim(k, TTL, LEASE)).toBe('running')
    })

    leasedTest('renew keeps a claim running past its first lease', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, short)).toBe(true)
      // createPushHandler renews every third of the lease while onMessage runs.
      for (let i = 0; i < 4; i++) {
        await sleep((short * 1000) / 2)
        await store.renew(k, short)
      }
      // Two leases have passed since the claim: only the renewals keep it running.
      expect(await store.claim(k, TTL, LEASE)).toBe('running')
      await waitOut(short)
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
    })

    leasedTest('renew never revives a done key or creates a free one', async (store) => {
      const [handled, free] = [key(), key()]
      expect(await store.claim(handled, TTL, LEASE)).toBe(true)
      await store.done(handled, TTL)
      await store.renew(handled, LEASE)
      expect(await store.claim(handled, TTL, LEASE)).toBe(false)
      await store.renew(free, LEASE)
      expect(await store.claim(free, TTL, LEASE)).toBe(true)
    })

    leasedTest('done keeps the key for its TTL from then, then it is free', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
      await store.done(k, short)
      expect(await store.claim(k, TTL, LEASE)).toBe(false)
      await waitOut(short)
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
    })

    leasedTest('done outlasts the lease: a slow delivery that ends after its lease ran out is still handled', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, short)).toBe(true)
      await waitOut(short)
      await store.done(k, TTL)
      expect(await store.claim(k, TTL, LEASE)).toBe(false)
    })

    leasedTest('release frees a running claim (a failed delivery: the retry handles it)', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
      await store.release(k)
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
    })

    leasedTest('release never forgets a done key (a stale failure of another instance)', async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, LEASE)).toBe(true)
      await store.done(k, TTL)
      await store.release(k)
      expect(await store.claim(k, TTL, LEASE)).toBe(false)
    })

    leasedTest("release by another owner leaves the running claim alone; by its owner it frees the key", async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, LEASE, 'owner-b')).toBe(true)
      await store.release(k, 'owner-a')
      expect(await store.claim(k, TTL, LEASE, 'owner-c')).toBe('running')
      await store.release(k, 'owner-b')
      expect(await store.claim(k, TTL, LEASE, 'owner-c')).toBe(true)
    })

    leasedTest("renew by another owner leaves the running claim's lease alone; by its owner it extends it", async (store) => {
      const [theirs, mine] = [key(), key()]
      expect(await store.claim(theirs, TTL, short, 'owner-b')).toBe(true)
      expect(await store.claim(mine, TTL, short, 'owner-b')).toBe(true)
      for (let i = 0; i < 4; i++) {
        await sleep((short * 1000) / 2)
        await store.renew(theirs, short, 'owner-a')
        await store.renew(mine, short, 'owner-b')
      }
      // Two leases have passed since the claims: only the owner's renewals kept one running.
      expect(await store.claim(theirs, TTL, LEASE, 'owner-c')).toBe(true)
      expect(await store.claim(mine, TTL, LEASE, 'owner-c')).toBe('running')
    })

    leasedTest("an instance whose lease ran out cannot release or renew the claim another took since (GC pause, frozen VM)", async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, short, 'owner-a')).toBe(true)
      await waitOut(short) // A stalled past its lease
      expect(await store.claim(k, TTL, LEASE, 'owner-b')).toBe(true) // WeChat's retry reached B
      await store.renew(k, short, 'owner-a') // A wakes up: a late renewal must not shorten B's lease
      await store.release(k, 'owner-a') // then A fails: its release must not free B's claim
      expect(await store.claim(k, TTL, LEASE, 'owner-c')).toBe('running')
      await waitOut(short)
      expect(await store.claim(k, TTL, LEASE, 'owner-c')).toBe('running') // still B's full lease
    })

    leasedTest('release without an owner frees any running claim, owned or not (plain stores and older callers), but never a done key', async (store) => {
      const [owned, unowned, handled] = [key(), key(), key()]
      expect(await store.claim(owned, TTL, LEASE, 'owner-a')).toBe(true)
      await store.release(owned)
      expect(await store.claim(owned, TTL, LEASE, 'owner-b')).toBe(true)
      expect(await store.claim(unowned, TTL, LEASE)).toBe(true)
      await store.release(unowned, 'owner-a') // an owned release leaves a claim without an owner alone too
      expect(await store.claim(unowned, TTL, LEASE)).toBe('running')
      await store.release(unowned)
      expect(await store.claim(unowned, TTL, LEASE)).toBe(true)
      expect(await store.claim(handled, TTL, LEASE, 'owner-a')).toBe(true)
      await store.done(handled, TTL)
      await store.release(handled, 'owner-a')
      await store.release(handled)
      expect(await store.claim(handled, TTL, LEASE)).toBe(false)
    })

    leasedTest("done marks the key handled whoever holds it (a delivery that succeeded after another took it over)", async (store) => {
      const k = key()
      expect(await store.claim(k, TTL, LEASE, 'owner-b')).toBe(true)
      await store.done(k, TTL) // A, whose lease had run out, succeeded
      expect(await store.claim(k, TTL, LEASE, 'owner-c')).toBe(false)
      await store.renew(k, LEASE, 'owner-b')
      await store.release(k, 'owner-b')
      expect(await store.claim(k, TTL, LEASE, 'owner-c')).toBe(false)
    })
  })
}
