// What a fleet review found (2026-12-03): a token WeChat issued is never thrown away (also when a store
// hangs), a token WeChat rejected is never adopted again, and a store learns when the context stopped
// waiting for it.
import { getAccessToken, memoryTokenStore, type StoredToken, type TokenStore } from '@wx/core'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const LEGACY = '/cgi-bin/token'
const STABLE = '/cgi-bin/stable_token'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('fleet: tokens under adversity', () => {
  it('callers with a deadline shorter than the token request: the token WeChat issued is kept, not fetched again', async () => {
    for (const [mode, path] of [['legacy', LEGACY], ['stable', STABLE]] as const) {
      const { fake, ctx } = await useFake()
      const c = ctx({ tokenMode: mode })
      await fake.failNext({ delay: 600 }, 1, path)
      // The caller gives up at 300 ms; the request went out and WeChat answers at 600 ms.
      await rejects(sendText(c, 'o_a', 'a', { timeout: 300 }), 'wx/timeout')
      await sleep(500)
      await sendText(c, 'o_b', 'b', { timeout: 300 })
      const stats = await fake.stats()
      // Before: the refresh was aborted with its last caller and the token WeChat issued was lost: with
      // every call's deadline below WeChat's answer no call ever succeeded (legacy: each fetch ended the last).
      expect(stats.tokenRequests, mode).toBe(1)
      expect(stats.deliveries, mode).toBe(1)
    }
  })

  it('a token request that never answers does not hold the calls after it: the next call asks again', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext('timeout', 1, STABLE)
    await rejects(sendText(c, 'o_a', 'a', { timeout: 300 }), 'wx/timeout')
    const t0 = Date.now()
    await sendText(c, 'o_b', 'b', { timeout: 2000 })
    expect(Date.now() - t0).toBeLessThan(1500)
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('...nor the other processes: the detached request gives the lock back', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    await fake.failNext('timeout', 1, STABLE)
    await rejects(sendText(ctx({ tokenStore: store }), 'o_a', 'a', { timeout: 300 }), 'wx/timeout')
    const t0 = Date.now()
    // Before: the lock holder kept renewing its lease while its request hung (up to its 15 s timeout).
    await sendText(ctx({ tokenStore: store }), 'o_b', 'b', { timeout: 3000 })
    expect(Date.now() - t0).toBeLessThan(1500)
  })

  it('a detached request answering after a newer one: the newer token stays (legacy: WeChat issued it last)', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    const c = ctx({ tokenMode: 'legacy', tokenStore: store })
    await fake.failNext({ delay: 800 }, 1, LEGACY)
    await rejects(sendText(c, 'o_a', 'a', { timeout: 300 }), 'wx/timeout')
    await sendText(c, 'o_b', 'b') // a new request, answered at once
    const newer = await getAccessToken(c)
    await sleep(700) // the first request's answer lands (an older token)
    expect(await getAccessToken(c)).toBe(newer)
    expect((await store.get(`wx:${fake.appid}:access_token`))?.accessToken).toBe(newer)
    await sendText(c, 'o_c', 'c')
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a store whose write hangs past the call deadline: that call fails, but the token is kept (no second request)', async () => {
    const { fake, ctx } = await useFake()
    const inner = memoryTokenStore()
    const never = new Promise<never>(() => {})
    const store: TokenStore = { ...inner, set: () => never, setIfNewer: () => never }
    const c = ctx({ tokenStore: store })
    // The save is waited for (storeTimeout, 2 s: a process that exits after its call must not lose the
    // fleet's token), longer than this call's deadline.
    await rejects(sendText(c, 'o_a', 'a', { timeout: 500 }), 'wx/timeout')
    const t0 = Date.now()
    await sendText(c, 'o_b', 'b', { timeout: 500 })
    expect(Date.now() - t0).toBeLessThan(400)
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(1)
    expect(stats.deliveries).toBe(1)
  })

  it('a token WeChat rejected is never taken from the store again, though later ones were rejected too', async () => {
    const { fake, ctx } = await useFake()
    const inner = memoryTokenStore()
    let writes = true
    const saved: string[] = []
    // A store whose writes start failing (full, read-only): it keeps the first token.
    const store: TokenStore = {
      ...inner,
      setIfNewer: async (k: string, t: StoredToken, ttl?: number) => {
        if (!writes) throw new Error('store full')
        saved.push(t.accessToken)
        return inner.setIfNewer!(k, t, ttl)
      },
    }
    const c = ctx({ tokenStore: store, tokenMode: 'legacy' })
    await sendText(c, 'o_a', '1') // T1, saved
    writes = false
    await fake.revokeTokens() // T1 rejected: the call invalidates it, fetches T2 (not saved)
    await sendText(c, 'o_a', '2')
    await fake.revokeTokens() // T2 rejected: the store still holds T1, rejected before
    // Before: only the last rejected token was remembered, so T1 was adopted from the store, answered
    // 40001 again, and the one token retry was spent: the caller got wx/api 40001.
    await sendText(c, 'o_a', '3')
    expect(saved).toHaveLength(1)
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(3)
    expect(stats.deliveries).toBe(3)
  })

  it("each store call gets a signal that fires when the context stops waiting for it (storeTimeout)", async () => {
    const { ctx } = await useFake()
    const inner = memoryTokenStore()
    const signals: AbortSignal[] = []
    const store: TokenStore = {
      ...inner,
      get: (_k: string, signal?: AbortSignal) => (signals.push(signal!), new Promise<never>(() => {})),
    }
    await sendText(ctx({ tokenStore: store, storeTimeout: 100 }), 'o_a', 'a')
    expect(signals.length).toBeGreaterThan(0)
    expect(signals.every((s) => s instanceof AbortSignal && s.aborted)).toBe(true)
  })

  const activeTimers = (globalThis as { process?: { getActiveResourcesInfo?(): string[] } }).process?.getActiveResourcesInfo
  it.skipIf(!activeTimers)('an unlock that hangs after the call leaves no timer keeping the process alive', async () => {
    const { ctx } = await useFake()
    const inner = memoryTokenStore()
    const store: TokenStore = { ...inner, unlock: () => new Promise<never>(() => {}) }
    const timers = () => activeTimers!().filter((r) => r === 'Timeout').length
    const before = timers()
    await sendText(ctx({ tokenStore: store }), 'o_a', 'a')
    await sleep(20)
    // Before: the unlock's storeTimeout (2 s) timer, ref'd, though nothing waits for the unlock.
    expect(timers() - before).toBe(0)
  })
})
