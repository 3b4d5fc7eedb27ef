import { callApi, createContext, defineEndpoint, getAccessToken, getLatestToken, getTokenInfo, invalidateToken, memoryTokenStore } from '@wx/core'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { exposed, useFake, rejection } from '../../../test/fake.ts'

const getMenu = defineEndpoint({ method: 'GET', path: '/cgi-bin/menu/get', retry: 'read' })
const createMenu = defineEndpoint({ method: 'POST', path: '/cgi-bin/menu/create', retry: 'idempotent' })
const MENU = { button: [{ type: 'click', name: 'Hi', key: 'HI' }] }
const SEND = '/cgi-bin/message/custom/send'

describe('token lifecycle', () => {
  it('200 concurrent cold sendText calls make exactly 1 token request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await Promise.all(Array.from({ length: 200 }, (_, i) => sendText(c, `o_user_${i}`, 'hi')))
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(1)
    expect(stats.deliveries).toBe(200)
  })

  it('token revoked while 50 calls are in flight: all 50 succeed after 1 refresh', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await sendText(c, 'o_warm', 'warm')
    await fake.set({ latency: 150 })
    const calls = Promise.all(Array.from({ length: 50 }, (_, i) => sendText(c, `o_user_${i}`, 'hi')))
    await new Promise((r) => setTimeout(r, 50))
    await fake.revokeTokens(40001)
    await calls
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(2)
    expect(stats.deliveries).toBe(51)
  })

  for (const code of [40001, 40014, 42001]) {
    it(`${code} once: refreshed, repeated once, and the next call succeeds`, async () => {
      const { fake, ctx } = await useFake()
      const c = ctx()
      await sendText(c, 'o_warm', 'warm')
      await fake.failNext(code)
      await sendText(c, 'o_user', 'hi')
      await sendText(c, 'o_user', 'again')
      const stats = await fake.stats()
      expect(stats.tokenRequests).toBe(2)
      expect(stats.calls[SEND]).toBe(4)
      expect(stats.deliveries).toBe(3)
    })
  }

  it('a really revoked token: the call succeeds with a new token, and so does the next', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const first = await getAccessToken(c)
    await fake.revokeTokens(42001)
    await sendText(c, 'o_user', 'hi')
    expect(await getAccessToken(c)).not.toBe(first)
    await sendText(c, 'o_user', 'again')
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a token error after the refresh is not retried again (no loop)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(40001, 2)
    const e = await rejection(sendText(c, 'o_user', 'hi'))
    expect(e.errcode).toBe(40001)
    expect((await fake.stats()).calls[SEND]).toBe(2)
  })

  it('only invalidates the token that failed: a newer token is kept (compare-and-invalidate)', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    const a = ctx({ tokenStore: store })
    const b = ctx({ tokenStore: store })
    await getAccessToken(a)
    await getAccessToken(b) // read from the shared store
    expect((await fake.stats()).tokenRequests).toBe(1)
    await fake.revokeTokens()
    await sendText(a, 'o_user', 'a') // a refreshes and saves the new token
    await sendText(b, 'o_user', 'b') // b fails once, then adopts... a new fetch (stable hands out the same new token)
    expect(await getAccessToken(a)).toBe(await getAccessToken(b))
  })

  it('legacy mode uses GET /cgi-bin/token', async () => {
    const { fake, ctx } = await useFake()
    await sendText(ctx({ tokenMode: 'legacy' }), 'o_user', 'hi')
    const stats = await fake.stats()
    expect(stats.legacyTokenRequests).toBe(1)
    expect(stats.stableTokenRequests).toBe(0)
  })

  it('a shared store spares the second context a token request', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    await sendText(ctx({ tokenStore: store }), 'o_a', 'hi')
    await sendText(ctx({ tokenStore: store }), 'o_b', 'hi')
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it("a store shared with wechat-api 1.x: its { accessToken, expireTime } record is used, not refetched", async () => {
    const { fake, ctx } = await useFake()
    const { accessToken, expiresAt } = await getTokenInfo(ctx())
    const saved: Record<string, unknown> = { accessToken, expireTime: expiresAt } // what wechat-api's saveToken wrote
    const store = { get: async () => saved as any, set: async () => {} }
    await sendText(ctx({ tokenStore: store }), 'o_a', 'hi')
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it('a stored token close to expiry is refreshed ahead of time', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    const c = ctx({ tokenStore: store })
    const key = `wx:${c.appid}:access_token`
    await store.set(key, { accessToken: 'OLD', expiresAt: Date.now() + 100_000 })
    const token = await getAccessToken(c)
    expect(token).not.toBe('OLD')
    expect((await store.get(key))?.accessToken).toBe(token)
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it('getLatestToken skips the process copy and reads the store', async () => {
    const { ctx } = await useFake()
    const store = memoryTokenStore()
    const c = ctx({ tokenStore: store })
    const t = await getAccessToken(c)
    const other = ctx({ tokenStore: store })
    expect((await getLatestToken(other)).accessToken).toBe(t)
  })

  it('getTokenInfo gives the same token with its expiry; invalidateToken says whether it was current', async () => {
    const { fake, ctx } = await useFake()
    // Legacy: every refresh gives a new token (stable_token hands back the same one).
    const c = ctx({ tokenMode: 'legacy' })
    const before = Date.now()
    const info = await getTokenInfo(c)
    expect(info.accessToken).toBe(await getAccessToken(c))
    // The fake hands out 7200 s tokens.
    expect(info.expiresAt).toBeGreaterThanOrEqual(before + 7_190_000)
    expect(info.expiresAt).toBeLessThanOrEqual(Date.now() + 7_200_000)
    expect(invalidateToken(c, 'not-the-current-token')).toBe(false)
    expect(await getAccessToken(c)).toBe(info.accessToken)
    expect(invalidateToken(c, info.accessToken)).toBe(true)
    expect((await getTokenInfo(c)).accessToken).not.toBe(info.accessToken)
    expect((await fake.stats()).tokenRequests).toBe(2)
    // A caller-owned source tells no expiry.
    const reader = createContext({ appid: fake.appid, baseURL: fake.baseURL, getAccessToken: () => getAccessToken(c) })
    const fromSource = await getTokenInfo(reader)
    expect(fromSource.accessToken).toBe(await getAccessToken(c))
    expect(fromSource.expiresAt).toBeNaN()
  })

  it('a caller-owned token source replaces the token endpoints', async () => {
    const { fake, ctx } = await useFake()
    const owner = ctx()
    const reader = createContext({ appid: fake.appid, baseURL: fake.baseURL, getAccessToken: () => getAccessToken(owner) })
    await sendText(reader, 'o_user', 'hi')
    expect((await fake.stats()).tokenRequests).toBe(1)
    const broken = createContext({ appid: fake.appid, baseURL: fake.baseURL, getAccessToken: async () => '' })
    expect((await rejection(sendText(broken, 'o_user', 'hi'))).code).toBe('wx/token')
  })

  it('configuration errors from the token endpoint fail fast with what to fix', async () => {
    const { fake, ctx } = await useFake()
    const e = await rejection(sendText(ctx({ secret: 'wrong' }), 'o_user', 'hi'))
    expect(e.code).toBe('wx/config')
    expect(e.errcode).toBe(40125)
    await fake.set({ rejectIp: '203.0.113.7' })
    const w = await rejection(sendText(ctx(), 'o_user', 'hi'))
    expect(w.code).toBe('wx/config')
    expect(w.errcode).toBe(40164)
    expect(w.ip).toBe('203.0.113.7')
    expect(w.message).toContain('whitelist')
    expect((await fake.stats()).tokenRequests).toBe(2) // one each: never retried
  })
})

describe('retry policy', () => {
  it('a send whose connection is reset after the request was written is not resent', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await getAccessToken(c)
    await fake.failNext('reset')
    const e = await rejection(sendText(c, 'o_user', 'hi'))
    expect(e.code).toBe('wx/outcome-unknown')
    const stats = await fake.stats()
    expect(stats.calls[SEND]).toBe(1)
    expect(stats.deliveries).toBe(1)
  })

  it('a send that times out is not resent, and says the outcome is unknown', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ timeout: 300 })
    await getAccessToken(c)
    await fake.failNext('timeout')
    const e = await rejection(sendText(c, 'o_user', 'hi'))
    expect(e.code).toBe('wx/outcome-unknown')
    expect(e.known?.reason ?? e.message).toMatch(/timed out|wx\/timeout/)
    expect((await fake.stats()).deliveries).toBe(1)
  })

  it('errcode -1 and HTTP 5xx on a send: not resent', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(-1)
    expect((await rejection(sendText(c, 'o_user', 'hi'))).code).toBe('wx/outcome-unknown')
    await fake.failNext('http500')
    expect((await rejection(sendText(c, 'o_user', 'hi'))).code).toBe('wx/outcome-unknown')
    expect((await fake.stats()).calls[SEND]).toBe(2)
  })

  it('reads and idempotent writes are retried after reset, 5xx and -1; a timeout ends the call at its deadline', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ timeout: 300, retry: { baseDelay: 10 } })
    await callApi(c, createMenu, { body: MENU })
    for (const what of ['reset', 'http500', -1] as const) {
      await fake.failNext(what)
      const menu = await callApi(c, getMenu)
      expect(menu.menu.button).toHaveLength(1)
    }
    await fake.failNext(-1)
    await callApi(c, createMenu, { body: MENU })
    expect((await fake.stats()).calls['/cgi-bin/menu/get']).toBe(6)
    // The timeout is the whole call's deadline: a hung attempt uses it up, nothing is left to retry in.
    await fake.failNext('timeout')
    const started = Date.now()
    expect((await rejection(callApi(c, getMenu))).code).toBe('wx/timeout')
    expect(Date.now() - started).toBeLessThan(500)
    expect((await fake.stats()).calls['/cgi-bin/menu/get']).toBe(7)
  })

  it('gives up after 3 attempts', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ retry: { baseDelay: 5 } })
    await callApi(c, createMenu, { body: MENU })
    await fake.failNext(-1, 5)
    const e = await rejection(callApi(c, getMenu))
    expect(e.errcode).toBe(-1)
    expect((await fake.stats()).calls['/cgi-bin/menu/get']).toBe(3)
  })

  it('the retry budget stops retry storms', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ retry: { baseDelay: 5, budget: 5 } })
    await callApi(c, createMenu, { body: MENU })
    await fake.failNext(-1, 10)
    await rejection(callApi(c, getMenu)) // one retry (cost 5), then the budget is spent
    expect((await fake.stats()).calls['/cgi-bin/menu/get']).toBe(2)
  })

  it('45009 is never retried', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(45009, 3)
    const e = await rejection(callApi(c, getMenu))
    expect(e.code).toBe('wx/api')
    expect(e.errcode).toBe(45009)
    expect(e.hint).toMatch(/quota/)
    expect((await fake.stats()).calls['/cgi-bin/menu/get']).toBe(1)
  })

  it('45011 on a send is not retried; on a read it waits for the next minute only when allowed', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ retry: { maxRateLimitWait: 0 } })
    await fake.failNext(45011)
    expect((await rejection(sendText(c, 'o_user', 'hi'))).errcode).toBe(45011)
    await fake.failNext(45011)
    expect((await rejection(callApi(c, getMenu))).errcode).toBe(45011)
    expect((await fake.stats()).calls['/cgi-bin/menu/get']).toBe(1)
  })

  it('an aborted call stops with wx/aborted; a send aborted in flight is wx/outcome-unknown (it may have arrived)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await getAccessToken(c)
    await fake.set({ latency: 500 })
    let ac = new AbortController()
    const read = callApi(c, getMenu, {}, { signal: ac.signal })
    setTimeout(() => ac.abort(), 50)
    expect((await rejection(read)).code).toBe('wx/aborted')
    ac = new AbortController()
    const send = sendText(c, 'o_user', 'hi', { signal: ac.signal })
    setTimeout(() => ac.abort(), 50)
    const e = await rejection(send)
    expect(e.code).toBe('wx/outcome-unknown')
    expect(e.known).toMatchObject({ reason: 'wx/aborted' })
    // The caller's abort reason is not the transport's word: one that looks like a refused connection
    // (an app aborting on its own Redis failure) does not make an in-flight send "not sent".
    ac = new AbortController()
    const looksRefused = sendText(c, 'o_user', 'hi again', { signal: ac.signal })
    setTimeout(() => ac.abort(Object.assign(new Error('redis: connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' })), 50)
    expect((await rejection(looksRefused)).code).toBe('wx/outcome-unknown')
    // Aborted before it could go out (here: already aborted): wx/aborted, nothing sent.
    expect((await rejection(sendText(c, 'o_user', 'never', { signal: AbortSignal.abort() }))).code).toBe('wx/aborted')
    await new Promise((r) => setTimeout(r, 600))
    expect((await fake.stats()).deliveries).toBeLessThanOrEqual(2)
  })
})

describe('errors, hooks, parsing', () => {
  it('never exposes the secret or an access token in errors or hook payloads', async () => {
    const { fake, ctx } = await useFake({ secret: 'TOP_SECRET_42' })
    const events: unknown[] = []
    const hooks = {
      onRequest: (e: unknown) => events.push(e),
      onResponse: (e: unknown) => events.push(e),
      onRetry: (e: unknown) => events.push(e),
      onError: (e: unknown) => events.push(e),
      onTokenRefresh: (e: unknown) => events.push(e),
    }
    const c = ctx({ secret: 'TOP_SECRET_42', hooks, timeout: 300 })
    const token = await getAccessToken(c)
    const errors: unknown[] = []
    const collect = (p: Promise<unknown>) => p.catch((e) => errors.push(e))
    await fake.failNext('reset')
    await collect(sendText(c, 'o_user', 'hi'))
    await fake.failNext('timeout')
    await collect(sendText(c, 'o_user', 'hi'))
    await fake.failNext(40001, 2)
    await collect(sendText(c, 'o_user', 'hi'))
    await collect(sendText(c, '', 'hi'))
    await collect(sendText(ctx({ secret: 'TOP_SECRET_43', hooks }), 'o_user', 'hi'))
    await collect(sendText(ctx({ secret: 'TOP_SECRET_42', baseURL: 'http://127.0.0.1:9', hooks }), 'o_user', 'hi'))
    expect(errors.length).toBe(6)
    const all = errors.map(exposed).join('\n') + JSON.stringify(events)
    expect(all).not.toContain('TOP_SECRET_4')
    expect(all).not.toContain(token)
    expect(all).not.toContain('FAKE_')
  })

  it('hooks see endpoint, attempt, errcode, rid and delay', async () => {
    const { fake, ctx } = await useFake()
    const seen = { req: [] as any[], res: [] as any[], retry: [] as any[], refresh: [] as any[], err: [] as any[] }
    const c = ctx({
      retry: { baseDelay: 5 },
      hooks: {
        onRequest: (e) => seen.req.push(e),
        onResponse: (e) => seen.res.push(e),
        onRetry: (e) => seen.retry.push(e),
        onTokenRefresh: (e) => seen.refresh.push(e),
        onError: (e) => seen.err.push(e),
      },
    })
    await callApi(c, createMenu, { body: MENU })
    await fake.failNext(-1)
    await callApi(c, getMenu)
    await fake.failNext(45009)
    await callApi(c, getMenu).catch(() => {})
    expect(seen.refresh).toEqual([expect.objectContaining({ reason: 'cold', mode: 'stable', appid: c.appid })])
    expect(seen.retry[0]).toMatchObject({ endpoint: '/cgi-bin/menu/get', attempt: 1, reason: 'unsure', errcode: -1 })
    expect(seen.retry[0].rid).toMatch(/\w+-\w+-\w+/)
    expect(typeof seen.retry[0].delay).toBe('number')
    expect(seen.res.find((e) => e.errcode === -1)).toMatchObject({ endpoint: '/cgi-bin/menu/get', status: 200 })
    expect(seen.err[0].error.errcode).toBe(45009)
    expect(seen.req.length).toBeGreaterThanOrEqual(4)
  })

  it('throwing hooks do not break calls', async () => {
    const { ctx } = await useFake()
    const c = ctx({ hooks: { onRequest: () => { throw new Error('boom') } } })
    await sendText(c, 'o_user', 'hi')
  })

  it('bad input is rejected before any request, naming the field', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const e = await rejection(sendText(c, '', 'hi'))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]?.path).toBe('touser')
    expect((await rejection(sendText(c, 'o_user', ''))).message).toContain('text.content')
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(0)
    expect(stats.calls).toEqual({})
  })

  it('createContext rejects a missing appid/secret and a bad tokenMode', async () => {
    expect(() => createContext({ appid: '', secret: 's' })).toThrow(/appid/)
    expect(() => createContext({ appid: 'wx' })).toThrow(/secret/)
    expect(() => createContext({ appid: 'wx', secret: 's', tokenMode: 'x' as never })).toThrow(/tokenMode/)
    await expect(callApi({} as never, getMenu)).rejects.toThrow(/createContext/)
  })

  it('the context is small and frozen', () => {
    const c = createContext({ appid: 'wx1', secret: 's' })
    expect(Object.isFrozen(c)).toBe(true)
    expect(Object.keys(c)).toEqual(['appid', 'tokenMode'])
    expect(JSON.stringify(c)).not.toContain('"s"')
  })
})
