// One deadline per call: the caller's signal and the call's timeout bound the token leg, the lock wait,
// store calls, every attempt and backoff. A call that gave up never sends afterwards.
import { callApi, createContext, defineEndpoint, getAccessToken, memoryTokenStore, type TokenStore } from '@wx/core'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const STABLE = '/cgi-bin/stable_token'
const SEND = '/cgi-bin/message/custom/send'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('timeouts beyond what a timer holds', () => {
  it('timeout: Infinity or 2^31 ms (no practical limit) does not fire at once', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext({ delay: 50 }, 2, SEND)
    await sendText(c, 'o_user', 'hi', { timeout: Number.POSITIVE_INFINITY })
    await sendText(c, 'o_user', 'hi', { timeout: 2 ** 31 })
    await sendText(ctx({ timeout: 2 ** 32 }), 'o_user', 'hi')
    expect((await fake.stats()).deliveries).toBe(3)
  })
})

describe('a timeout that is not a positive number', () => {
  it('is wx/config (not an instant wx/timeout that looks like a network fault): per call, per context, before anything is sent', async () => {
    const { fake, ctx } = await useFake()
    const errors: unknown[] = []
    const c = ctx({ hooks: { onError: (e) => void errors.push(e.error) } })
    for (const timeout of [0, -1, Number.NaN]) await rejects(sendText(c, 'o_user', 'hi', { timeout }), 'wx/config')
    await rejects(getAccessToken(c, { timeout: 0 }), 'wx/config')
    const mass = defineEndpoint({ method: 'POST', path: '/cgi-bin/message/mass/sendall', retry: 'send' })
    for (const resendAfter of [-1, Number.NaN]) await rejects(callApi(c, mass, { body: {}, resendAfter }), 'wx/config')
    expect(errors).toHaveLength(5) // every failed callApi reaches onError once
    await sendText(ctx({ timeout: null as never }), 'o_user', 'default timeout')
    await getAccessToken(c, { timeout: null as never })
    for (const bad of [{ timeout: 0 }, { timeout: Number.NaN }, { timeout: { media: -5 } }, { storeTimeout: 0 }, { lockLease: -1 }, { timeout: 'soon' as never }])
      expect(() => ctx(bad), JSON.stringify(bad)).toThrow(/timeouts must be positive numbers of ms/)
    // Not numbers ('2000' made the deadline a string concatenation; true timed out in 1 ms), a lease the
    // stores refuse (over a day): refused here. null means the default, per context and per call alike.
    for (const bad of [{ timeout: '2000' as never }, { timeout: true as never }, { lockLease: Number.POSITIVE_INFINITY }, { lockLease: 172_800_000 }])
      expect(() => ctx(bad), JSON.stringify(bad)).toThrow(/timeouts must be positive numbers of ms/)
    await rejects(sendText(c, 'o_user', 'hi', { timeout: '2000' as never }), 'wx/config')
    await rejects(getAccessToken(c, { timeout: true as never }), 'wx/config')
    const stats = await fake.stats()
    expect(stats.deliveries).toBe(1) // the null-timeout send
  })
})

describe('the caller bounds the token leg', () => {
  it('aborted at 300 ms while the token request takes 2 s: wx/aborted at once, and the message is never sent', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext({ delay: 2000 }, 1, STABLE)
    const started = Date.now()
    const e = await rejects(sendText(ctx(), 'o_user', 'hi', { signal: AbortSignal.timeout(300) }), 'wx/aborted')
    expect(e.path).toBe(SEND)
    expect(Date.now() - started).toBeLessThan(600)
    await sleep(2000) // the token answer lands; nothing may be sent after it
    const stats = await fake.stats()
    expect(stats.deliveries).toBe(0)
    expect(stats.calls[SEND]).toBeUndefined()
  })

  it('timeout 300 against a hanging token endpoint: wx/timeout in under 0.5 s (not attempts x timeout)', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext('timeout', 3, STABLE)
    const started = Date.now()
    await rejects(sendText(ctx({ timeout: 300 }), 'o_user', 'hi'), 'wx/timeout')
    expect(Date.now() - started).toBeLessThan(500)
    expect((await fake.stats()).deliveries).toBe(0)
  })

  it("waiting on another process's lock: the caller's abort ends the wait, and nothing is sent", async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    await store.lock!(`wx:${fake.appid}:access_token:lock`, 'another-process', 10_000)
    const started = Date.now()
    await rejects(sendText(ctx({ tokenStore: store }), 'o_user', 'hi', { signal: AbortSignal.timeout(300) }), 'wx/aborted')
    expect(Date.now() - started).toBeLessThan(600)
    await sleep(300)
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(0)
    expect(stats.deliveries).toBe(0)
  })

  it('a hanging store is bounded by the call too (store timeout longer than the call)', async () => {
    const { fake, ctx } = await useFake()
    const hang = () => new Promise<never>(() => {})
    const store: TokenStore = { get: hang, set: hang }
    const started = Date.now()
    await rejects(sendText(ctx({ tokenStore: store, storeTimeout: 10_000, timeout: 300 }), 'o_user', 'hi'), 'wx/timeout')
    expect(Date.now() - started).toBeLessThan(500)
    expect((await fake.stats()).deliveries).toBe(0)
  })

  it('a caller that gives up leaves the shared refresh to the others', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext({ delay: 400 }, 1, STABLE)
    const quitter = sendText(c, 'o_a', 'a', { signal: AbortSignal.timeout(100) })
    const stayer = sendText(c, 'o_b', 'b')
    await rejects(quitter, 'wx/aborted')
    await stayer
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(1)
    expect(stats.deliveries).toBe(1)
  })

  it('getAccessToken takes { signal, timeout } as well', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext('timeout', 1, STABLE)
    await rejects(getAccessToken(ctx(), { timeout: 200 }), 'wx/timeout')
  })
})

describe('no listener or timer outlives its call', () => {
  it('retry delays remove their abort listeners', async () => {
    const { fake, ctx } = await useFake()
    const ac = new AbortController()
    let live = 0
    const add = ac.signal.addEventListener.bind(ac.signal)
    const remove = ac.signal.removeEventListener.bind(ac.signal)
    ac.signal.addEventListener = ((type: string, fn: any, o?: any) => (live++, add(type, fn, o))) as any
    ac.signal.removeEventListener = ((type: string, fn: any, o?: any) => (live--, remove(type, fn, o))) as any
    const getMenu = defineEndpoint({ method: 'GET', path: '/cgi-bin/menu/get', retry: 'read' })
    await callApi(ctx({ retry: { baseDelay: 5 } }), defineEndpoint({ method: 'POST', path: '/cgi-bin/menu/create', retry: 'idempotent' }), {
      body: { button: [{ type: 'click', name: 'a', key: 'a' }] },
    })
    await fake.failNext(-1, 2)
    await callApi(ctx({ retry: { baseDelay: 5 } }), getMenu, {}, { signal: ac.signal })
    expect(live).toBe(0)
  })
})

describe('a call given up never sends afterwards', () => {
  it('aborted during a retry backoff: wx/aborted, no further attempt', async () => {
    const { fake, ctx } = await useFake()
    const getMenu = defineEndpoint({ method: 'GET', path: '/cgi-bin/menu/get', retry: 'read' })
    const ac = new AbortController()
    // Aborted the moment the retry is scheduled (onRetry fires just before the backoff): deterministic,
    // whatever delay the full-jitter backoff drew.
    const c = ctx({ retry: { baseDelay: 2000, maxDelay: 2000 }, hooks: { onRetry: () => ac.abort() } })
    await getAccessToken(c)
    await fake.failNext(-1, 1)
    await rejects(callApi(c, getMenu, {}, { signal: ac.signal }), 'wx/aborted')
    await sleep(300)
    expect((await fake.stats()).calls['/cgi-bin/menu/get']).toBe(1)
  })

  it('a deadline too short for the backoff throws the last error at once', async () => {
    const { fake } = await useFake()
    const getMenu = defineEndpoint({ method: 'GET', path: '/cgi-bin/menu/get', retry: 'read' })
    const c = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.baseURL, timeout: 400, retry: { baseDelay: 1e9, maxDelay: 1e9 } }) // any drawn backoff is past the deadline
    await getAccessToken(c)
    await fake.failNext(-1, 5)
    const started = Date.now()
    const e = await rejects(callApi(c, getMenu), 'wx/api', -1)
    expect(Date.now() - started).toBeLessThan(450)
    expect(e.errcode).toBe(-1)
  })
})
