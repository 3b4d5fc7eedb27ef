// Bad options and arguments: wx/config at creation, wx/validation for a call, never a raw TypeError or a
// crash; and options that would quietly lift the fleet-wide cooldown are refused.
import { isWxError, memoryTokenStore, type TokenStore } from '@wx/core'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { brokerTokenSource, createTokenBroker } from '../src/index.ts'
import { SECRET, listen } from './_broker.ts'
import { thrown } from '../../../test/bad.ts'

const BAD = [null, undefined, 42, 'x', [], {}, Symbol('s')] as any[]
const auth = { authorization: `Bearer ${SECRET}` }

describe('createTokenBroker: creation', () => {
  it('a context not made by createContext, and every bad options value or field, is wx/config', async () => {
    const { ctx } = await useFake()
    for (const c of BAD) expect(thrown(() => createTokenBroker(c, { authorize: SECRET }))).toBe('wx/config')
    for (const o of BAD) expect(thrown(() => createTokenBroker(ctx(), o))).toBe('wx/config')
    for (const authorize of [{ length: 1 }, 5, [5], [null], new Map([[SECRET, 1]])] as any[])
      expect(thrown(() => createTokenBroker(ctx(), { authorize }))).toBe('wx/config')
    for (const clientKey of [5, {}, [], true, Symbol('k')] as any[])
      expect(thrown(() => createTokenBroker(ctx(), { authorize: SECRET, clientKey }))).toBe('wx/config')
    expect(thrown(() => createTokenBroker(ctx(), { authorize: SECRET, clientKey: 'x-real-ip' }))).toBe('accepted')
    expect(thrown(() => createTokenBroker(ctx(), { authorize: [SECRET], clientKey: () => 'a' }))).toBe('accepted')
  })

  it('a rejectCooldown that is not a number of ms up to a day is wx/config (a store refuses such a lease: the cooldown would be per replica)', async () => {
    const { ctx } = await useFake()
    for (const rejectCooldown of ['60000', 2 * 86_400_000, Number.POSITIVE_INFINITY, Number.NaN, 999, {}] as any[])
      expect(thrown(() => createTokenBroker(ctx(), { authorize: SECRET, rejectCooldown })), String(rejectCooldown)).toBe('wx/config')
    for (const rejectCooldown of [1000, 60_000, 86_400_000, null, undefined] as any[]) expect(thrown(() => createTokenBroker(ctx(), { authorize: SECRET, rejectCooldown }))).toBe('accepted')
    expect(thrown(() => createTokenBroker(ctx({ tokenMode: 'legacy' }), { authorize: SECRET, rejectCooldown: 44_999 }))).toBe('wx/config')
  })

  it('the longest cooldown (a day) still holds across 3 replicas sharing a store: 1 forced refresh', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    const replicas = [0, 1, 2].map(() => createTokenBroker(ctx({ tokenMode: 'legacy', tokenStore: store }), { authorize: SECRET, rejectCooldown: 86_400_000 }))
    const req = (body?: object) => new Request('http://broker/', { method: body ? 'POST' : 'GET', headers: auth, ...(body ? { body: JSON.stringify(body) } : {}) })
    let cur = ((await (await replicas[0]!(req())).json()) as any).access_token
    for (const r of replicas) {
      await (await r(req())).json() // the replica knows the current token
      cur = ((await (await r(req({ rejected: cur }))).json()) as any).access_token
    }
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a store whose lock throws: the replica falls back to its own cooldown (one refresh, then none within it)', async () => {
    const { fake, ctx } = await useFake()
    const store: TokenStore = {
      ...memoryTokenStore(),
      lock: async () => {
        throw new Error('store down')
      },
    }
    const url = await listen(createTokenBroker(ctx({ tokenStore: store }), { authorize: SECRET, rejectCooldown: 1000 }))
    const t1 = ((await (await fetch(url, { headers: auth })).json()) as any).access_token
    await fake.revokeTokens()
    const res = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ rejected: t1 }) })
    expect(res.status).toBe(200)
    const t2 = ((await res.json()) as any).access_token
    expect(t2).not.toBe(t1)
    // Within this replica's cooldown a second report forces nothing more.
    const again = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ rejected: t2 }) })
    expect(((await again.json()) as any).access_token).toBe(t2)
    expect((await fake.stats()).tokenRequests).toBe(2)
  })
})

describe('brokerTokenSource: creation and arguments', () => {
  it('every bad options value or field is wx/config at creation', () => {
    for (const o of BAD) expect(thrown(() => brokerTokenSource('https://broker.example/', o))).toBe('wx/config')
    for (const url of [null, undefined, 42, {}, [], Symbol('u')] as any[]) expect(thrown(() => brokerTokenSource(url, { appid: 'wx1', secret: SECRET }))).toBe('wx/config')
    for (const bad of [{ appid: 5 }, { secret: 5 }, { fetch: 'x' }, { fetch: {} }, { maxAge: '1' }, { timeout: 0 }, { cachedWait: Number.NaN }] as object[])
      expect(thrown(() => brokerTokenSource('https://broker.example/', { appid: 'wx1', secret: SECRET, ...bad })), JSON.stringify(bad)).toBe('wx/config')
  })

  it('a signal that is not an AbortSignal, or a rejected token that is not a string: wx/validation, nothing sent, no crash', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (e: unknown) => unhandled.push(e)
    process.on('unhandledRejection', onUnhandled)
    try {
      let sent = 0
      const src = brokerTokenSource('https://broker.example/', {
        appid: 'wx1',
        secret: SECRET,
        fetch: async () => (sent++, new Response('{"error":"x"}', { status: 500 })),
      })
      for (const signal of ['x', 5, {}, { aborted: false }, { aborted: false, addEventListener: 1, removeEventListener: 1 }] as any[]) {
        const e = await src(signal).catch((x) => x)
        expect(isWxError(e) && e.code === 'wx/validation' && e.stage === 'input', String(e)).toBe(true)
      }
      for (const rejected of [5, {}, null] as any[]) expect((await src(undefined, rejected).catch((x) => x)).code).toBe('wx/validation')
      await new Promise((r) => setTimeout(r, 50))
      expect(sent).toBe(0)
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it("a signal whose addEventListener throws: the caller gets that error, and the request's failure is never left unhandled", async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (e: unknown) => unhandled.push(e)
    process.on('unhandledRejection', onUnhandled)
    try {
      const src = brokerTokenSource('https://broker.example/', { appid: 'wx1', secret: SECRET, fetch: async () => new Response('{"error":"x"}', { status: 500 }) })
      const hostile = {
        aborted: false,
        addEventListener() {
          throw new Error('no listeners here')
        },
        removeEventListener() {},
      } as unknown as AbortSignal
      expect(String(await src(hostile).catch((x) => x))).toMatch(/no listeners here/)
      await new Promise((r) => setTimeout(r, 100))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('a real AbortSignal and none still work', async () => {
    const { fake } = await useFake()
    const url = await listen(async () => new Response(JSON.stringify({ appid: fake.appid, access_token: 'T', expires_at: Date.now() + 7_000_000 })))
    const src = brokerTokenSource(url, { appid: fake.appid, secret: SECRET })
    expect(await src(AbortSignal.timeout(5000))).toBe('T')
    expect(await src()).toBe('T')
  })
})
