import { readStoredToken, type StoredToken, type TokenStore } from '@wx/core'

/**
 * The test functions the contract suite needs. Pass your runner's own (`vitest`, `jest`, `node:test` with
 * an `expect` library): this file imports no test framework.
 */
export interface ContractRunner {
  describe(name: string, body: () => void): void
  it(name: string, body: () => Promise<void>, timeout?: number): void
  /** Only two matchers are used: `expect(x).toBe(y)` (Object.is) and `expect(x).toEqual(y)` (deep equality). */
  expect(actual: unknown): { toBe(expected: unknown): void; toEqual(expected: unknown): void }
}

/** Options of `runTokenStoreContract`. */
export interface TokenStoreContractOptions {
  /** The store must implement `lock`/`unlock` (else they are tested only when present). Default false. */
  requireLock?: boolean | undefined
  /** The store must implement `setIfNewer` (else it is tested only when present). Default false. */
  requireSetIfNewer?: boolean | undefined
  /** Lease used for the lease-expiry test, ms. Default 300. */
  shortLeaseMs?: number | undefined
  /**
   * Rounds of the race of 12 owners for a lock whose lease ran out (one fresh lock each). Default 200: a
   * recovery that can hand the lock to two owners at once tends to show it only a few times in 200; lower it
   * only for a store whose every call is slow (a remote one).
   */
  expiredLockRounds?: number | undefined
  /** Per-test timeout, ms. Default 10000. */
  timeout?: number | undefined
  /**
   * Writes `json` at `key` the way another program sharing the backend would (e.g. wechat-api 1.x's
   * `saveToken` doing `redis.set(key, JSON.stringify(token))`). When given, the suite checks that the store
   * reads wechat-api's record `{ accessToken, expireTime }`, writes ours over it, and that `setIfNewer`
   * weighs its `expireTime` like an `expiresAt`.
   */
  writeForeign?: ((key: string, json: string) => Promise<void>) | undefined
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const uid = () => Math.random().toString(36).slice(2, 10)

/**
 * Registers the `TokenStore` contract tests for one store implementation: round trips, independent keys,
 * the monotonic `setIfNewer` (including 20 racing writers), and the lease lock (exclusive among 10 racing
 * owners, and among 12 racing for a lock whose lease ran out, `expiredLockRounds` times over; re-entrant for its owner, never
 * released by another owner, free again after the lease, renewed by locking again: the context renews its
 * lease while its token request is in flight), the bounds (a TTL or
 * lease of 0 or less or over a day is refused and changes nothing) and keys that a naive escaping would map
 * to one record (`/41` and `\u2f41`, `A` and `a`, `.` and `%2e`). With `writeForeign`, a key shared with
 * wechat-api 1.x (its `{ accessToken, expireTime }` record) as well.
 * Optional methods are tested when the store has them (or always, with `requireLock`/`requireSetIfNewer`).
 * `makeStore` is called once per test; every test uses fresh random keys, so a shared backend is fine.
 *
 * Throws nothing itself; failing expectations throw inside the registered tests.
 *
 * @example
 * import { describe, it, expect } from 'vitest'
 * import { memoryTokenStore } from '@wx/core'
 * import { runTokenStoreContract } from '@wx/testing'
 * runTokenStoreContract({ describe, it, expect }, 'memory', () => memoryTokenStore(), { requireLock: true })
 */
export function runTokenStoreContract(
  { describe, it, expect }: ContractRunner,
  name: string,
  makeStore: () => TokenStore | Promise<TokenStore>,
  options?: TokenStoreContractOptions | null,
): void {
  options ??= {}
  const timeout = options.timeout ?? 10_000
  const lease = options.shortLeaseMs ?? 300
  const rounds = options.expiredLockRounds ?? 200
  const key = () => `wx:contract_${uid()}:access_token`
  const tok = (accessToken: string, inMs: number): StoredToken => ({ accessToken, expiresAt: Date.now() + inMs })
  const test = (title: string, body: (store: TokenStore) => Promise<void>) =>
    it(title, async () => body(await makeStore()), timeout)
  const plain = (t: StoredToken | null | undefined) => (t ? { accessToken: t.accessToken, expiresAt: t.expiresAt } : null)

  describe(`TokenStore contract: ${name}`, () => {
    test('get of an unknown key is null or undefined', async (store) => {
      expect((await store.get(key())) ?? null).toBe(null)
    })

    test('set then get returns the same token and expiresAt', async (store) => {
      const k = key()
      const t = tok('T1_' + 'x'.repeat(500), 7_200_000)
      await store.set(k, t, 7200)
      expect(plain(await store.get(k))).toEqual(t)
    })

    test('set replaces; keys are independent', async (store) => {
      const [a, b] = [key(), key()]
      await store.set(a, tok('A1', 7_200_000), 7200)
      const a2 = tok('A2', 3_600_000)
      await store.set(a, a2, 3600)
      const b1 = tok('B1', 7_200_000)
      await store.set(b, b1, 7200)
      expect(plain(await store.get(a))).toEqual(a2)
      expect(plain(await store.get(b))).toEqual(b1)
    })

    test('a lock on `<key>:lock` does not touch the token at `<key>`', async (store) => {
      const k = key()
      const t = tok('T', 7_200_000)
      await store.set(k, t, 7200)
      if (store.lock) {
        expect(await store.lock(`${k}:lock`, 'o1', 5000)).toBe(true)
        await store.unlock?.(`${k}:lock`, 'o1')
      }
      expect(plain(await store.get(k))).toEqual(t)
    })

    const foreign = options.writeForeign
    if (foreign) {
      test("shared with wechat-api 1.x: reads its { accessToken, expireTime }, writes ours over it", async (store) => {
        const k = key()
        const expireTime = Date.now() + 7_000_000
        await foreign(k, JSON.stringify({ accessToken: 'WECHAT_API', expireTime }))
        expect(readStoredToken(await store.get(k)) ?? null).toEqual({ accessToken: 'WECHAT_API', expiresAt: expireTime })
        const ours = tok('OURS', 7_200_000)
        await store.set(k, ours, 7200)
        expect(plain(await store.get(k))).toEqual(ours)
      })
      test("shared with wechat-api 1.x: setIfNewer weighs its expireTime", async (store) => {
        if (!store.setIfNewer) return
        const k = key()
        const expireTime = Date.now() + 7_000_000
        await foreign(k, JSON.stringify({ accessToken: 'WECHAT_API', expireTime }))
        expect(await store.setIfNewer(k, tok('OLDER', 1_000_000), 1000)).toBe(false)
        expect(readStoredToken(await store.get(k)) ?? null).toEqual({ accessToken: 'WECHAT_API', expiresAt: expireTime })
        const newer = tok('NEWER', 7_200_000)
        expect(await store.setIfNewer(k, newer, 7200)).toBe(true)
        expect(plain(await store.get(k))).toEqual(newer)
      })
    }

    if (options.requireSetIfNewer) test('has setIfNewer', async (store) => expect(typeof store.setIfNewer).toBe('function'))
    if (options.requireLock)
      test('has lock and unlock', async (store) => expect([typeof store.lock, typeof store.unlock]).toEqual(['function', 'function']))

    test('setIfNewer: stores into an empty key and over an older token', async (store) => {
      if (!store.setIfNewer) return
      const k = key()
      const older = tok('OLD', 1_000_000)
      const newer = tok('NEW', 7_200_000)
      expect(await store.setIfNewer(k, older, 1000)).toBe(true)
      expect(plain(await store.get(k))).toEqual(older)
      expect(await store.setIfNewer(k, newer, 7200)).toBe(true)
      expect(plain(await store.get(k))).toEqual(newer)
    })

    test('setIfNewer: never replaces a newer (or equally new) token with another one', async (store) => {
      if (!store.setIfNewer) return
      const k = key()
      const newer = tok('NEW', 7_200_000)
      await store.setIfNewer(k, newer, 7200)
      expect(await store.setIfNewer(k, tok('OLD', 1_000_000), 1000)).toBe(false)
      expect(await store.setIfNewer(k, { accessToken: 'SAME_EXPIRY', expiresAt: newer.expiresAt }, 7200)).toBe(false)
      expect(plain(await store.get(k))).toEqual(newer)
    })

    test('setIfNewer: 20 racing writers leave the newest token', async (store) => {
      if (!store.setIfNewer) return
      const k = key()
      const base = Date.now() + 3_600_000
      const order = Array.from({ length: 20 }, (_, i) => i).sort(() => Math.random() - 0.5)
      const results = await Promise.all(order.map((i) => store.setIfNewer!(k, { accessToken: `T${i}`, expiresAt: base + i * 1000 }, 7200)))
      expect(results.includes(true)).toBe(true)
      expect(plain(await store.get(k))).toEqual({ accessToken: 'T19', expiresAt: base + 19_000 })
    })

    test('lock: exclusive, re-entrant for its owner, released only by its owner', async (store) => {
      if (!store.lock || !store.unlock) return
      const k = `${key()}:lock`
      expect(await store.lock(k, 'a', 5000)).toBe(true)
      expect(await store.lock(k, 'b', 5000)).toBe(false)
      expect(await store.lock(k, 'a', 5000)).toBe(true)
      await store.unlock(k, 'b')
      expect(await store.lock(k, 'b', 5000)).toBe(false)
      await store.unlock(k, 'a')
      expect(await store.lock(k, 'b', 5000)).toBe(true)
      await store.unlock(k, 'b')
    })

    test('lock: 10 racing owners, exactly one wins', async (store) => {
      if (!store.lock || !store.unlock) return
      const k = `${key()}:lock`
      const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => store.lock!(k, `owner${i}`, 5000)))
      expect(wins.filter(Boolean).length).toBe(1)
      await store.unlock(k, `owner${wins.indexOf(true)}`)
    })

    test(`lock: 12 racing owners for an EXPIRED lock: exactly one wins (${rounds} rounds)`, async (store) => {
      if (!store.lock || !store.unlock) return
      // One lock per round, each left by a holder that died: its 1 ms lease has run out before the race.
      // (The winners' 5 s leases are left to run out: every key is used once.)
      const keys = Array.from({ length: rounds }, () => `${key()}:lock`)
      await Promise.all(keys.map((k) => store.lock!(k, 'dead', 1)))
      await sleep(20)
      const bad: string[] = []
      for (const [round, k] of keys.entries()) {
        const wins = await Promise.all(Array.from({ length: 12 }, (_, i) => store.lock!(k, `owner${i}`, 5000)))
        const winners = wins.filter(Boolean).length
        // The winner must still hold it: a lock lost by the one who believes it holds it makes two holders too.
        const late = await store.lock(k, 'late', 5000)
        if (winners !== 1 || late) bad.push(`round ${round}: ${winners} winners${late ? ', then a late owner took it as well' : ''}`)
      }
      expect(bad).toEqual([])
    })

    test('lock: free again after the lease; the old owner cannot release the new owner', async (store) => {
      if (!store.lock || !store.unlock) return
      const k = `${key()}:lock`
      expect(await store.lock(k, 'dead', lease)).toBe(true)
      expect(await store.lock(k, 'next', 5000)).toBe(false)
      await sleep(lease + 150)
      expect(await store.lock(k, 'next', 5000)).toBe(true)
      await store.unlock(k, 'dead')
      expect(await store.lock(k, 'third', 5000)).toBe(false)
      await store.unlock(k, 'next')
    })

    test('lock: its owner renews the lease by locking again, and keeps it past the first lease', async (store) => {
      if (!store.lock || !store.unlock) return
      const k = `${key()}:lock`
      expect(await store.lock(k, 'holder', lease)).toBe(true)
      // The context renews every lease / 3 while its token request is in flight.
      for (let i = 0; i < 4; i++) {
        await sleep(lease / 2)
        expect(await store.lock(k, 'holder', lease)).toBe(true)
      }
      // 2 leases have passed since the first lock: only the renewals keep the others out.
      expect(await store.lock(k, 'other', 5000)).toBe(false)
      await store.unlock(k, 'holder')
      expect(await store.lock(k, 'other', 5000)).toBe(true)
      await store.unlock(k, 'other')
    })
  })

  describe(`TokenStore contract: ${name}: bounds and keys`, () => {
    const rejects = async (run: () => Promise<unknown>) => {
      try {
        await run()
        return false
      } catch {
        return true
      }
    }
    const DAY = 86_400

    test('set refuses a TTL of 0 or less or over a day, and stores nothing', async (store) => {
      const k = key()
      for (const ttl of [0, -1, -7200, DAY + 1]) expect(await rejects(() => store.set(k, tok('BAD', 7_200_000), ttl))).toBe(true)
      expect((await store.get(k)) ?? null).toBe(null)
      const t = tok('GOOD', 7_200_000)
      await store.set(k, t, DAY) // a day is still allowed
      expect(plain(await store.get(k))).toEqual(t)
    })

    test('setIfNewer refuses a TTL of 0 or less or over a day, and stores nothing', async (store) => {
      if (!store.setIfNewer) return
      const k = key()
      for (const ttl of [0, -1, DAY + 1]) expect(await rejects(() => store.setIfNewer!(k, tok('BAD', 7_200_000), ttl))).toBe(true)
      expect((await store.get(k)) ?? null).toBe(null)
    })

    test('lock refuses a lease of 0 or less, NaN, or over a day, and takes nothing', async (store) => {
      if (!store.lock || !store.unlock) return
      const k = `${key()}:lock`
      for (const lease of [0, -1, Number.NaN, DAY * 1000 + 1, 1e15]) expect(await rejects(() => store.lock!(k, 'greedy', lease))).toBe(true)
      expect(await store.lock(k, 'other', 5000)).toBe(true) // nobody holds it
      await store.unlock(k, 'other')
    })

    test('keys that differ only in escapes, case, dots or slashes never share a record', async (store) => {
      const base = `wx:contract_${uid()}:`
      // Pairs a naive escaping maps to one name: '/' + '41' vs U+2F41, '%' vs its escape, case, '.' vs '%2e'.
      const keys = ['/41', '\u2f41', '%2f41', '%u2f41', 'A', 'a', '.', '%2e', '..', '\u00e9', 'e\u0301', ''].map((s) => base + s)
      await Promise.all(keys.map((k, i) => store.set(k, { accessToken: `K${i}`, expiresAt: 1_000 + i }, 7200)))
      const got = await Promise.all(keys.map(async (k) => plain(await store.get(k))))
      expect(got).toEqual(keys.map((_, i) => ({ accessToken: `K${i}`, expiresAt: 1_000 + i })))
    })
  })
}
