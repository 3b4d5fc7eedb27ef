// The lock holder keeps its lease while WeChat answers slowly; events name the caller's endpoint.
import { createContext, getAccessToken, getTokenInfo, invalidateToken, memoryTokenStore, type ErrorEvent, type TokenStore } from '@wx/core'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const LEGACY = '/cgi-bin/token'

describe('leases', () => {
  it('a token request slower than the lease: the holder renews it, no second process fetches (legacy mode)', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore() // has the lease lock, like Redis, file and Durable Object stores
    const o = { tokenStore: store, tokenMode: 'legacy' as const, lockLease: 300 }
    const a = ctx(o)
    const b = ctx(o)
    await fake.failNext({ delay: 1200 }, 1, LEGACY)
    const first = sendText(a, 'o_a', 'a')
    await new Promise((r) => setTimeout(r, 100))
    await Promise.all([first, sendText(b, 'o_b', 'b')])
    const stats = await fake.stats()
    expect(stats.legacyTokenRequests).toBe(1)
    expect(stats.deliveries).toBe(2)
  })

  it('a renewal slower than storeTimeout (the guard gave up, the store call goes on): the unlock still comes after it', async () => {
    const { fake, ctx } = await useFake()
    const inner = memoryTokenStore()
    let calls = 0
    const ops: string[] = []
    const store: TokenStore = {
      ...inner,
      lock: async (k, o, ms) => {
        if (calls++ > 0) await new Promise((r) => setTimeout(r, 200)) // renewals take 200 ms
        const got = await inner.lock!(k, o, ms)
        ops.push(calls > 1 ? 'renew' : 'lock')
        return got
      },
      unlock: async (k, o) => {
        ops.push('unlock')
        await inner.unlock!(k, o)
      },
    }
    // Lease 600 ms: a renewal starts at 200 ms, before the token arrives (300 ms), and lands at ~400 ms.
    await fake.failNext({ delay: 300 }, 1, LEGACY)
    await sendText(ctx({ tokenStore: store, tokenMode: 'legacy', lockLease: 600, storeTimeout: 30 }), 'o_a', 'a')
    await new Promise((r) => setTimeout(r, 350))
    expect(ops).toEqual(['lock', 'renew', 'unlock'])
    expect(await inner.lock!(`wx:${fake.appid}:access_token:lock`, 'another-process', 1000)).toBe(true)
  })

  it('a lock the store grants after the refresh stopped waiting (aborted, or past storeTimeout) is given back at once', async () => {
    const { fake, ctx } = await useFake()
    const lockKey = `wx:${fake.appid}:access_token:lock`
    for (const how of ['aborted', 'store timeout'] as const) {
      const inner = memoryTokenStore()
      // Each lock call takes 60 ms to be granted.
      const store: TokenStore = { ...inner, lock: async (k, o, ms) => (await new Promise((r) => setTimeout(r, 60)), inner.lock!(k, o, ms)) }
      const c = ctx({ tokenStore: store, storeTimeout: how === 'aborted' ? 2000 : 20 })
      const first = getTokenInfo(c, how === 'aborted' ? { signal: AbortSignal.timeout(20) } : {})
      if (how === 'aborted') await rejects(first, 'wx/aborted')
      else await first // went on without the lock
      await new Promise((r) => setTimeout(r, 120)) // the grant lands (60 ms), and is given back
      expect(await inner.lock!(lockKey, 'another-process', 1000), how).toBe(true)
    }
  })

  it("an abandoned refresh's late unlock never frees the lock of the context's next refresh", async () => {
    const { fake, ctx } = await useFake()
    const inner = memoryTokenStore()
    const lockKey = `wx:${fake.appid}:access_token:lock`
    // Unlocks land 50 ms late (a slow store): the abandoned refresh's unlock arrives while the next one holds the lock.
    const store: TokenStore = { ...inner, unlock: async (k, o) => (await new Promise((r) => setTimeout(r, 50)), inner.unlock!(k, o)) }
    const c = ctx({ tokenStore: store, tokenMode: 'legacy' })
    await fake.failNext({ delay: 400 }, 2, LEGACY)
    // The only waiter gives up during the token request: the refresh is abandoned and unlocks.
    await rejects(sendText(c, 'o_a', 'a', { signal: AbortSignal.timeout(100) }), 'wx/aborted')
    const next = sendText(c, 'o_b', 'b')
    await new Promise((r) => setTimeout(r, 200))
    // The next refresh is waiting for WeChat: it must still hold the lock.
    expect(await inner.lock!(lockKey, 'another-process', 1000)).toBe(false)
    await next
  })

  it('a renewal still in flight when the token arrives: the lock is released after it, never re-taken', async () => {
    const { fake, ctx } = await useFake()
    const inner = memoryTokenStore()
    const ops: string[] = []
    // A slow store: each lock call takes 25 ms, so with a 30 ms lease (renewals every 10 ms) one is
    // always in flight when the token arrives.
    const store: TokenStore = {
      ...inner,
      lock: async (key, owner, ms) => {
        await new Promise((r) => setTimeout(r, 25))
        const got = await inner.lock!(key, owner, ms)
        ops.push(got ? 'lock' : 'lock-refused')
        return got
      },
      unlock: async (key, owner) => {
        ops.push('unlock')
        await inner.unlock!(key, owner)
      },
    }
    await fake.failNext({ delay: 120 }, 1, LEGACY)
    await sendText(ctx({ tokenStore: store, tokenMode: 'legacy', lockLease: 30 }), 'o_a', 'a')
    await new Promise((r) => setTimeout(r, 80))
    expect(ops.length).toBeGreaterThan(2) // the first lock and at least one renewal
    expect(ops.at(-1)).toBe('unlock')
    expect(ops.filter((o) => o === 'unlock')).toHaveLength(1)
    // Nobody holds the lock: another process takes it at once.
    expect(await inner.lock!(`wx:${fake.appid}:access_token:lock`, 'someone-else', 1000)).toBe(true)
  })
})

describe('events', () => {
  it("a failed token leg reaches onError once, naming the caller's endpoint", async () => {
    const { fake, ctx } = await useFake()
    const errors: ErrorEvent[] = []
    await fake.failNext(40125, 1, '/cgi-bin/stable_token')
    await sendText(ctx({ hooks: { onError: (e) => errors.push(e) } }), 'o_user', 'hi').catch(() => {})
    expect(errors).toHaveLength(1)
    expect(errors[0]!.endpoint).toBe('/cgi-bin/message/custom/send')
    expect(errors[0]!.error.errcode).toBe(40125)
  })

  it('every failed call reaches onError exactly once (validation, errcode, outcome unknown)', async () => {
    const { fake, ctx } = await useFake()
    const errors: ErrorEvent[] = []
    const c = ctx({ hooks: { onError: (e) => errors.push(e) } })
    await sendText(c, '', 'hi').catch(() => {})
    await fake.failNext(45015)
    await sendText(c, 'o_user', 'hi').catch(() => {})
    await fake.failNext(-1)
    await sendText(c, 'o_user', 'hi').catch(() => {})
    expect(errors.map((e) => e.error.code)).toEqual(['wx/validation', 'wx/api', 'wx/outcome-unknown'])
  })
})

describe('compare-and-invalidate', () => {
  it('invalidating a token that is no longer current does nothing (no refresh, no request)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ tokenMode: 'legacy' }) // legacy hands out a new token each time
    const current = await getAccessToken(c)
    expect(invalidateToken(c, 'an-older-token-another-call-used')).toBe(false)
    expect(await getAccessToken(c)).toBe(current)
    expect((await fake.stats()).tokenRequests).toBe(1)
    expect(invalidateToken(c, current)).toBe(true)
    expect(await getAccessToken(c)).not.toBe(current)
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a context with a getAccessToken source passes the rejected token on', async () => {
    const seen: (string | undefined)[] = []
    const c = createContext({ appid: 'wx1', getAccessToken: async (_s, rejected) => (seen.push(rejected), 'T') })
    await getAccessToken(c)
    invalidateToken(c, 'T')
    await getAccessToken(c)
    expect(seen).toEqual([undefined, 'T'])
  })

  it('the rejected token is reported to the source once: a source that keeps the same token is not asked on every call', async () => {
    const { fake, ctx } = await useFake()
    const owner = ctx()
    const seen: (string | undefined)[] = []
    const reader = createContext({ appid: fake.appid, baseURL: fake.baseURL, getAccessToken: async (_s, rejected) => (seen.push(rejected), getAccessToken(owner)) })
    const token = await getAccessToken(owner)
    // A spurious 40001: the source is told, answers the same (still valid) token, and the call goes through.
    await fake.failNext(40001, 1, '/cgi-bin/message/custom/send')
    await sendText(reader, 'o_user', 'a')
    for (const m of ['b', 'c', 'd']) await sendText(reader, 'o_user', m)
    expect(seen.filter((r) => r !== undefined)).toEqual([token])
    expect((await fake.stats()).deliveries).toBe(4)
  })
})
