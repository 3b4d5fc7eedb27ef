import { isWxError, memoryTokenStore } from '@wx/core'
import { getCardExt, getJsConfig, getTicket, invalidateTicket, signCardExt, signJsConfig, type TicketSource } from '@wx/jssdk'
import { describe, expect, it } from 'vitest'
import { exposed, rejectedLocally, rejects, useFake } from '../../../test/fake.ts'
import vectors from './fixtures/vectors.json'

const GETTICKET = '/cgi-bin/ticket/getticket'
const apis = ['updateAppMessageShareData', 'chooseImage']

describe('known-answer vectors (shared/vectors)', () => {
  const all = vectors as any[]
  it('jssdk: the official appendix-1 signature', async () => {
    const v = all.find((x) => x.kind === 'jssdk')
    const { jsapi_ticket, noncestr, timestamp, url } = v.inputs
    expect(await signJsConfig(jsapi_ticket, { url, nonceStr: noncestr, timestamp })).toBe(v.expected.signature)
    expect(await signJsConfig(jsapi_ticket, { url, nonceStr: noncestr, timestamp: Number(timestamp) })).toBe(v.expected.signature)
    // The #fragment is not signed.
    expect(await signJsConfig(jsapi_ticket, { url: `${url}#/route?x=1`, nonceStr: noncestr, timestamp })).toBe(v.expected.signature)
  })
  it('jssdk: getJsConfig signs with the ticket its source gives', async () => {
    const v = all.find((x) => x.kind === 'jssdk')
    const { ctx } = await useFake()
    const config = await getJsConfig(ctx(), { url: v.inputs.url, jsApiList: apis }, { getTicket: async () => v.inputs.jsapi_ticket })
    expect(config.signature).toBe(await signJsConfig(v.inputs.jsapi_ticket, { url: v.inputs.url, nonceStr: config.nonceStr, timestamp: config.timestamp }))
  })
  for (const v of all.filter((x) => x.name.startsWith('card_ext'))) {
    it(`card_ext: ${v.name}`, async () => {
      const { api_ticket, timestamp, card_id, nonce_str, code, openid } = v.inputs
      expect(await signCardExt(api_ticket, { cardId: card_id, timestamp, nonceStr: nonce_str, code, openid })).toBe(v.expected.signature)
    })
  }
})

describe('getJsConfig', () => {
  it("gives exactly wx.config's object, which the WeChat client accepts, fragment or not", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const page = 'https://example.com/shop/item?id=42&from=timeline'
    const config = await getJsConfig(c, { url: `${page}#/detail`, jsApiList: apis, openTagList: ['wx-open-launch-weapp'] })
    expect(Object.keys(config).sort()).toEqual(['appId', 'debug', 'jsApiList', 'nonceStr', 'openTagList', 'signature', 'timestamp'])
    expect(config).toMatchObject({ debug: false, appId: fake.appid, jsApiList: apis, openTagList: ['wx-open-launch-weapp'] })
    expect(config.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(Math.abs(config.timestamp - Date.now() / 1000)).toBeLessThan(5)
    expect(await fake.checkJsConfig(page, config)).toEqual({ errMsg: 'config:ok' })
    expect(await fake.checkJsConfig(`${page}#/other`, config)).toEqual({ errMsg: 'config:ok' })
    expect(await fake.checkJsConfig('https://example.com/shop/item?id=43', config)).toEqual({ errMsg: 'config:invalid signature' })
    // Each call: a fresh nonce; the ticket is cached.
    const again = await getJsConfig(c, { url: page, jsApiList: apis, debug: true })
    expect(again.nonceStr).not.toBe(config.nonceStr)
    expect(again.debug).toBe(true)
    expect('openTagList' in again).toBe(false)
    const stats = await fake.stats()
    expect(stats.calls).toEqual({ [GETTICKET]: 1 })
    expect((await fake.requests())[0]!.query).toEqual({ type: 'jsapi', access_token: '***' })
  })

  it('200 concurrent calls on a cold context: 1 token request, 1 ticket request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const configs = await Promise.all(Array.from({ length: 200 }, (_, i) => getJsConfig(c, { url: `https://example.com/p/${i}`, jsApiList: apis })))
    expect(new Set(configs.map((x) => x.nonceStr)).size).toBe(200)
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(1)
    expect(stats.calls).toEqual({ [GETTICKET]: 1 })
    expect(await fake.checkJsConfig('https://example.com/p/7', configs[7]!)).toEqual({ errMsg: 'config:ok' })
  })

  it('a revoked ticket: the rejected config is passed back, the ticket is refreshed once, the new config works', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const url = 'https://example.com/page'
    const old = await getJsConfig(c, { url, jsApiList: apis })
    await fake.revokeTickets()
    expect(await fake.checkJsConfig(url, old)).toEqual({ errMsg: 'config:invalid signature' })
    // Without the report the cached (revoked) ticket is still used.
    expect(await fake.checkJsConfig(url, await getJsConfig(c, { url, jsApiList: apis }))).toEqual({ errMsg: 'config:invalid signature' })
    const fresh = await getJsConfig(c, { url, jsApiList: apis, rejected: old })
    expect(await fake.checkJsConfig(url, fresh)).toEqual({ errMsg: 'config:ok' })
    // A replayed report no longer matches the current ticket: nothing is refetched.
    await getJsConfig(c, { url, jsApiList: apis, rejected: old })
    await getJsConfig(c, { url, jsApiList: apis, rejected: fresh })
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 2 })
  })

  it('a revoked ticket from a getTicket source: the source is told at once, the new config works', async () => {
    const { fake, ctx } = await useFake()
    // The ticket service of the fleet: another context on the account, refreshing a ticket reported rejected.
    const owner = ctx()
    const seen: (string | undefined)[] = []
    const given: string[] = []
    const source: TicketSource = async (type, signal, rejected) => {
      seen.push(rejected)
      if (rejected) invalidateTicket(owner, type, rejected)
      const t = await getTicket(owner, type, { signal })
      given.push(t)
      return t
    }
    const c = ctx()
    const url = 'https://example.com/page'
    const old = await getJsConfig(c, { url, jsApiList: apis }, { getTicket: source })
    await fake.revokeTickets()
    expect(await fake.checkJsConfig(url, old)).toEqual({ errMsg: 'config:invalid signature' })
    const fresh = await getJsConfig(c, { url, jsApiList: apis, rejected: old }, { getTicket: source })
    expect(await fake.checkJsConfig(url, fresh)).toEqual({ errMsg: 'config:ok' })
    // Told in the same call which ticket the page rejected, and asked again before signing.
    expect(seen).toEqual([undefined, undefined, given[0]])
    expect(given[2]).not.toBe(given[0])
    // A replayed report no longer matches the current ticket: the source is not told again.
    await getJsConfig(c, { url, jsApiList: apis, rejected: old }, { getTicket: source })
    expect(seen).toEqual([undefined, undefined, given[0], undefined])
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 2 })
  })

  it('a burst of reports of one revoked ticket: one ticket request, every new config works', async () => {
    const { fake, ctx } = await useFake()
    await fake.set({ latency: 30 })
    const c = ctx()
    const url = 'https://example.com/page'
    const old = await Promise.all(Array.from({ length: 20 }, () => getJsConfig(c, { url, jsApiList: apis })))
    await fake.revokeTickets()
    // 20 pages report at once: the first refreshes the ticket, the others join it (or read the new one).
    const fresh = await Promise.all(old.map((rejected) => getJsConfig(c, { url, jsApiList: apis, rejected })))
    const answers = await Promise.all(fresh.map((config) => fake.checkJsConfig(url, config)))
    expect(answers.map((a) => a.errMsg)).toEqual(fresh.map(() => 'config:ok'))
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 2 })
  })

  it('a ticket answered with an expires_in that is no number is kept for WeChat\'s 7200 s, not fetched again on every call', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', ticket: 'TICKET_DRIFT_1', expires_in: '7200s' }) }, 1, GETTICKET)
    expect(await getTicket(c)).toBe('TICKET_DRIFT_1')
    expect(await getTicket(c)).toBe('TICKET_DRIFT_1')
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 1 })
  })

  it("a report that joins another page's refresh waits within its own deadline, and asks nothing after it", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const url = 'https://example.com/page'
    const old = await getJsConfig(c, { url, jsApiList: apis })
    // A's refresh hangs until A's 1.5 s timeout; B joins it with 200 ms, C with a signal aborted at 100 ms.
    await fake.failNext('timeout', 1, GETTICKET)
    const a = getJsConfig(c, { url, jsApiList: apis, rejected: old }, { timeout: 1500 }).catch((e) => e)
    const t0 = Date.now()
    const b = getJsConfig(c, { url, jsApiList: apis, rejected: old }, { timeout: 200 }).catch((e) => e)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const cAborted = getJsConfig(c, { url, jsApiList: apis, rejected: old }, { signal: controller.signal }).catch((e) => e)
    const [bErr, cErr] = await Promise.all([b.then((e) => [e, Date.now() - t0] as const), cAborted.then((e) => [e, Date.now() - t0] as const)])
    expect([bErr[0].code, cErr[0].code]).toEqual(['wx/timeout', 'wx/aborted'])
    expect(bErr[1]).toBeLessThan(1000)
    expect(cErr[1]).toBeLessThan(1000)
    expect((await a).code).toBe('wx/timeout')
    await new Promise((r) => setTimeout(r, 100))
    // A's own request only: neither B nor C fell back to a request of their own once A's failed.
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 2 })
  })

  it('a report waits for two tickets (the held one, then a new one) within one timeout, not one each', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const url = 'https://example.com/page'
    const getTicket: TicketSource = (_type, signal, rejected) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(rejected ? 'T2' : 'T1'), 250)
        signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)))
      })
    const old = await getJsConfig(c, { url, jsApiList: apis }, { getTicket })
    const t0 = Date.now()
    const err = await getJsConfig(c, { url, jsApiList: apis, rejected: old }, { getTicket, timeout: 400 }).catch((e) => e)
    expect(isWxError(err) && err.code).toBe('wx/timeout')
    expect(Date.now() - t0).toBeLessThan(480)
  })

  it('a refresh that brought back the same ticket is not joined later: once that ticket is revoked, a report a minute on refreshes it', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const url = 'https://example.com/page'
    const realNow = Date.now
    let shift = 0
    Date.now = () => realNow() + shift
    try {
      // A report while the ticket is still valid (a page with a wrong URL): WeChat hands back the same ticket.
      const first = await getJsConfig(c, { url, jsApiList: apis })
      shift = 2 * 60_000
      await getJsConfig(c, { url, jsApiList: apis, rejected: first })
      // Now it really is revoked; a page reports it more than a minute later.
      await fake.revokeTickets()
      shift = 4 * 60_000
      const stale = await getJsConfig(c, { url, jsApiList: apis })
      const fresh = await getJsConfig(c, { url, jsApiList: apis, rejected: stale })
      expect((await fake.checkJsConfig(url, fresh)).errMsg).toBe('config:ok')
    } finally {
      Date.now = realNow
    }
  })

  it('a burst of reports with a getTicket source: the source is told once, every new config works', async () => {
    const { fake, ctx } = await useFake()
    await fake.set({ latency: 30 })
    const owner = ctx()
    const seen: (string | undefined)[] = []
    const source: TicketSource = async (type, signal, rejected) => {
      seen.push(rejected)
      if (rejected) invalidateTicket(owner, type, rejected)
      return getTicket(owner, type, { signal })
    }
    const c = ctx()
    const url = 'https://example.com/page'
    const old = await Promise.all(Array.from({ length: 20 }, () => getJsConfig(c, { url, jsApiList: apis }, { getTicket: source })))
    const revoked = await getTicket(owner)
    await fake.revokeTickets()
    seen.length = 0
    const fresh = await Promise.all(old.map((rejected) => getJsConfig(c, { url, jsApiList: apis, rejected }, { getTicket: source })))
    const answers = await Promise.all(fresh.map((config) => fake.checkJsConfig(url, config)))
    expect(answers.map((a) => a.errMsg)).toEqual(fresh.map(() => 'config:ok'))
    expect(seen.filter(Boolean)).toEqual([revoked])
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 2 })
  })

  it('rejects bad URLs and lists before any request, naming the mistake', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const bad = async (url: unknown, message: RegExp) => {
      const e = await rejects(getJsConfig(c, { url, jsApiList: apis } as any), 'wx/validation')
      expect(e.message).toMatch(message)
    }
    await bad('/shop/item?id=1', /absolute, not a path/)
    await bad('https%3A%2F%2Fexample.com%2Fpage', /URL-encoded/)
    await bad('ftp://example.com/x', /http:\/\/ or https:\/\//)
    await bad('example.com/page', /absolute http\(s\)/)
    await bad('https:///page', /no host/)
    await bad('https://example.com/a b', /whitespace/)
    await bad(undefined, /url must be a string/)
    await rejectedLocally(fake, getJsConfig(c, { url: 'https://example.com', jsApiList: 'chooseImage' } as any), 'jsApiList')
    await rejectedLocally(fake, getJsConfig(c, { url: 'https://example.com', jsApiList: ['choose image'] }), 'jsApiList')
    await rejectedLocally(fake, getTicket(c, 'card' as any), 'type')
  })
})

describe('getTicket', () => {
  it('kept in the context store under wx:<appid>:jsapi_ticket, shared by contexts on that store; types apart', async () => {
    const { fake, ctx } = await useFake()
    const tokenStore = memoryTokenStore()
    const a = await getTicket(ctx({ tokenStore }))
    expect(await getTicket(ctx({ tokenStore }), 'jsapi')).toBe(a)
    expect(((await tokenStore.get(`wx:${fake.appid}:jsapi_ticket`)) as any).accessToken).toBe(a)
    const card = await getTicket(ctx({ tokenStore }), 'wx_card')
    expect(card).not.toBe(a)
    expect(((await tokenStore.get(`wx:${fake.appid}:wx_card_ticket`)) as any).accessToken).toBe(card)
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 2 })
  })

  it('an expired ticket is fetched again; WeChat errcodes are thrown; app-token errors are retried by the pipeline', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const t = await getTicket(c)
    await fake.revokeTokens()
    await fake.expireTickets()
    invalidateTicket(c, 'jsapi', t)
    const t2 = await getTicket(c)
    expect(t2).not.toBe(t)
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(2)
    expect(stats.errcodes).toEqual({ 40001: 1 })
    const cold = ctx()
    await fake.failNext(45009, 1, GETTICKET)
    const e = await rejects(getTicket(cold), 'wx/api', 45009)
    expect(exposed(e)).not.toContain(t2)
  })

  it('invalidateTicket compares before it invalidates', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const t = await getTicket(c)
    expect(invalidateTicket(c, 'jsapi', 'not-the-current-one')).toBe(false)
    expect(await getTicket(c)).toBe(t)
    expect(invalidateTicket(c, 'jsapi', t)).toBe(true)
    expect(invalidateTicket(c, 'jsapi', t)).toBe(false)
    await fake.revokeTickets()
    expect(await getTicket(c)).not.toBe(t)
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 2 })
  })

  it("the caller's deadline: wx/timeout, wx/aborted", async () => {
    const { fake, ctx } = await useFake()
    await fake.set({ latency: 600 })
    const e = await rejects(getTicket(ctx(), 'jsapi', { timeout: 150 }), 'wx/timeout')
    expect(e.message).toMatch(/timed out/)
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 100)
    await rejects(getTicket(ctx(), 'jsapi', { signal: ac.signal }), 'wx/aborted')
    await rejects(getJsConfig(ctx(), { url: 'https://example.com', jsApiList: [] }, { timeout: 100 }), 'wx/timeout')
  })

  it('a getTicket source: no request to WeChat; told which ticket was rejected', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const seen: [string, string | undefined][] = []
    let n = 0
    const getTicket_: TicketSource = async (type, signal, rejected) => {
      expect(signal).toBeInstanceOf(AbortSignal)
      seen.push([type, rejected])
      return `OWNED_${type}_${rejected ? ++n : n}`
    }
    expect(await getTicket(c, 'jsapi', { getTicket: getTicket_ })).toBe('OWNED_jsapi_0')
    expect(invalidateTicket(c, 'jsapi', 'OWNED_jsapi_0')).toBe(true) // the one the source gave last
    expect(invalidateTicket(c, 'jsapi', 'OWNED_jsapi_0')).toBe(false)
    expect(await getTicket(c, 'jsapi', { getTicket: getTicket_ })).toBe('OWNED_jsapi_1')
    expect(await getTicket(c, 'jsapi', { getTicket: getTicket_ })).toBe('OWNED_jsapi_1')
    expect(seen).toEqual([['jsapi', undefined], ['jsapi', 'OWNED_jsapi_0'], ['jsapi', undefined]])
    const card = await getCardExt(c, { cardId: 'card_1' }, { getTicket: getTicket_ })
    expect(JSON.parse(card.cardExt).signature).toBe(await signCardExt('OWNED_wx_card_1', { cardId: 'card_1', ...fields(card) }))
    // A source that answers the rejected ticket again (it is still valid) is told once, not on every call.
    const same: TicketSource = async (type, _signal, rejected) => (seen.push([type, rejected]), 'SAME_TICKET')
    await getTicket(c, 'jsapi', { getTicket: same })
    invalidateTicket(c, 'jsapi', 'SAME_TICKET')
    for (let i = 0; i < 3; i++) await getTicket(c, 'jsapi', { getTicket: same })
    expect(seen.slice(4)).toEqual([['jsapi', undefined], ['jsapi', 'SAME_TICKET'], ['jsapi', undefined], ['jsapi', undefined]])
    const e = await rejects(getTicket(c, 'jsapi', { getTicket: async () => { throw new Error('down') } }), 'wx/token')
    expect(e.message).toMatch(/source failed/)
    await rejects(getTicket(c, 'jsapi', { getTicket: async () => '' }), 'wx/token')
    await rejects(getTicket(c, 'jsapi', { timeout: 100, getTicket: () => new Promise(() => {}) }), 'wx/timeout')
    const stats = await fake.stats()
    expect(stats.calls).toEqual({})
    expect(stats.tokenRequests).toBe(0)
  })
})

describe('bad arguments of the ticket functions', () => {
  /** Throws synchronously: the error, which must be a WxError. */
  const thrown = (f: () => unknown): any => {
    try {
      f()
    } catch (e) {
      expect(isWxError(e), String(e)).toBe(true)
      return e
    }
    throw new Error('expected a throw')
  }

  it('a ticket passed as the type (swapped arguments) is never echoed: the error names only its type', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const ticket = await getTicket(c)
    const errors = [thrown(() => invalidateTicket(c, ticket as any, 'jsapi')), await rejects(getTicket(c, ticket as any), 'wx/validation')]
    for (const e of errors) {
      expect(e.code).toBe('wx/validation')
      expect(e.message).toMatch(/got another string/)
      const text = exposed(e)
      // No part of the ticket: any 6 characters of it would narrow it down.
      for (let i = 0; i + 6 <= ticket.length; i++) expect(text).not.toContain(ticket.slice(i, i + 6))
    }
    expect(thrown(() => invalidateTicket(c, 42 as any, 'jsapi')).message).toMatch(/got number/)
  })

  it('invalidateTicket: a non-context is wx/config, a missing or non-string ticket is wx/validation (never a "success")', async () => {
    const { ctx } = await useFake()
    for (const bad of [null, undefined, 0, 'ctx', {}]) expect(thrown(() => invalidateTicket(bad as any, 'jsapi', 'some-ticket')).code).toBe('wx/config')
    const fresh = ctx()
    for (const bad of [undefined, null, '', 42, {}]) expect(thrown(() => invalidateTicket(fresh, 'jsapi', bad as any)).code).toBe('wx/validation')
    expect(invalidateTicket(fresh, 'jsapi', 'not-the-current-one')).toBe(false)
  })

  it('a getTicket source that throws synchronously is wx/token like one that rejects; a getTicket option that is no function is wx/config', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const boom = () => {
      throw new Error('redis://:pw@cache failed')
    }
    const sync = await rejects(getTicket(c, 'jsapi', { getTicket: boom as any }), 'wx/token')
    const async_ = await rejects(getTicket(c, 'jsapi', { getTicket: async () => boom() }), 'wx/token')
    expect(sync.message).toBe(async_.message)
    expect(exposed(sync)).not.toContain('pw@cache')
    // A source that answers synchronously is awaited like any other.
    expect(await getTicket(c, 'jsapi', { getTicket: (() => 'SYNC_TICKET') as any })).toBe('SYNC_TICKET')
    for (const bad of ['https://tickets.internal', 42, {}, true]) await rejects(getTicket(c, 'jsapi', { getTicket: bad as any }), 'wx/config')
    await rejects(getJsConfig(c, { url: 'https://example.com/', jsApiList: [] }, { getTicket: 'x' as any }), 'wx/config')
    // null/undefined: no source, the context's own ticket.
    expect(await getTicket(c, 'jsapi', { getTicket: null as any })).toMatch(/^FAKE_JS_TICKET_/)
    expect((await fake.stats()).calls).toEqual({ [GETTICKET]: 1 })
  })
})

const fields = (card: { cardExt: string }) => {
  const x = JSON.parse(card.cardExt)
  return { timestamp: x.timestamp, nonceStr: x.nonce_str, code: x.code, openid: x.openid }
}

describe('getCardExt', () => {
  it("card_ext for wx.addCard, signed over the wx_card ticket", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const card = await getCardExt(c, { cardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc', openid: 'o_user', code: '12345', outerStr: 'campaign-7', fixedBeginTimestamp: 1700000000 })
    expect(card.cardId).toBe('pFS7Fjg8kV1IdDz01r4SQwMkuCKc')
    const ext = JSON.parse(card.cardExt)
    expect(Object.keys(ext).sort()).toEqual(['code', 'fixed_begintimestamp', 'nonce_str', 'openid', 'outer_str', 'signature', 'timestamp'])
    expect(ext).toMatchObject({ code: '12345', openid: 'o_user', outer_str: 'campaign-7', fixed_begintimestamp: 1700000000 })
    expect(ext.timestamp).toMatch(/^\d{10}$/)
    const ticket = await getTicket(c, 'wx_card')
    expect(ticket).toMatch(/^FAKE_CARD_TICKET_/)
    expect(ext.signature).toBe(await signCardExt(ticket, { cardId: card.cardId, ...fields(card) }))
    const plain = JSON.parse((await getCardExt(c, { cardId: 'card_2' })).cardExt)
    expect(plain).toMatchObject({ code: '', openid: '' })
    expect((await fake.requests()).map((r) => r.query.type)).toEqual(['wx_card'])
  })

  it('rejects bad input before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, getCardExt(c, { cardId: '' }), 'cardId')
    await rejectedLocally(fake, getCardExt(c, { cardId: 'c', openid: 'bad openid' }), 'openid')
    await rejectedLocally(fake, getCardExt(c, { cardId: 'c', balance: -1 }), 'balance')
    expect(isWxError(await getCardExt(c, null as any).catch((e) => e))).toBe(true)
  })
})
