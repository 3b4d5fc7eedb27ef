import { clearQuota, getApiDomainIp, getApiQuota, getIp, getRid } from '@wx/basic'
import { describe, expect, it } from 'vitest'
import { useFake, rejection } from '../../../test/fake.ts'

const IP = '/cgi-bin/getcallbackip'
const QUOTA = '/cgi-bin/openapi/quota/get'

describe('getIp / getApiDomainIp', () => {
  it('list the IPs', async () => {
    const { fake, ctx } = await useFake()
    expect(await getIp(ctx())).toContain('101.226.103.0/25')
    expect(await getApiDomainIp(ctx())).toContain('101.89.47.18')
    expect((await fake.stats()).calls).toEqual({ '/cgi-bin/getcallbackip': 1, '/cgi-bin/get_api_domain_ip': 1 })
  })

  it('report 45009 with the clearQuota hint', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext(45009, 1, '/cgi-bin/getcallbackip')
    await fake.failNext(40164, 1, '/cgi-bin/get_api_domain_ip')
    const e = await rejection(getIp(ctx()))
    expect(e).toMatchObject({ code: 'wx/api', errcode: 45009, hint: expect.stringContaining('clearQuota') })
    expect((await rejection(getApiDomainIp(ctx()))).errcode).toBe(40164)
    expect((await fake.stats()).calls['/cgi-bin/getcallbackip']).toBe(1) // 45009 is never retried
  })

  it('an answer errcode 0 without a list (drift) is an empty list, not a null or a string', async () => {
    const { fake, ctx } = await useFake()
    const drifts: unknown[] = []
    const c = ctx({ hooks: { onSchemaDrift: (d) => void drifts.push(d) } })
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', ip_list: null }) }, 1, IP)
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok' }) }, 1, '/cgi-bin/get_api_domain_ip')
    expect(await getIp(c)).toEqual([])
    expect(await getApiDomainIp(c)).toEqual([])
    await fake.failNext({ body: JSON.stringify({ ip_list: '1.2.3.4' }) }, 1, IP)
    expect(await getIp(c)).toEqual([])
    expect(drifts).toHaveLength(2) // once per endpoint
  })

  it('reject a context that is not one, before any request', async () => {
    const { fake } = await useFake()
    expect((await rejection(getIp({ appid: 'x', tokenMode: 'stable' }))).code).toBe('wx/config')
    expect((await rejection(getApiDomainIp({ appid: 'x', tokenMode: 'stable' }))).code).toBe('wx/config')
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('getApiQuota', () => {
  it("reads an API's daily quota; a full URL is cut down to its path", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await getIp(c)
    await getIp(c)
    const r = await getApiQuota(c, IP)
    expect(r.quota).toMatchObject({ used: 2, remain: r.quota.daily_limit - 2 })
    expect(r.rate_limit).toEqual({ call_count: 50_000, refresh_second: 60 })
    await getApiQuota(c, `https://api.weixin.qq.com${IP}`)
    // As a log prints it: with its (masked) query, or a path with a query.
    await getApiQuota(c, `https://api.weixin.qq.com${IP}?access_token=***`)
    await getApiQuota(c, `${IP}?access_token=***#x`)
    const reqs = await fake.requests()
    expect(reqs.filter((q) => q.path === QUOTA).map((q) => q.body)).toEqual(Array(4).fill({ cgi_path: IP }))
  })

  it('76021 for a path WeChat does not know', async () => {
    const { ctx } = await useFake()
    expect((await rejection(getApiQuota(ctx(), '/no/such/api'))).errcode).toBe(76021)
  })

  it.each(['cgi-bin/message/custom/send', '?x=1', ''])('rejects %j before sending', async (p) => {
    const { fake, ctx } = await useFake()
    const e = await rejection(getApiQuota(ctx(), p))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]?.path).toBe('cgi_path')
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('clearQuota', () => {
  it("resets the counters, sending the context's appid", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await getIp(c)
    expect((await getApiQuota(c, IP)).quota.used).toBe(1)
    await clearQuota(c)
    expect((await getApiQuota(c, IP)).quota.used).toBe(0)
    const req = (await fake.requests()).find((q) => q.path === '/cgi-bin/clear_quota')
    expect(req?.body).toEqual({ appid: fake.appid })
  })

  it('48006 once the 10 monthly resets are used up', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('basic', { clears: 10, clearedAt: {} })
    const e = await rejection(clearQuota(ctx()))
    expect(e.errcode).toBe(48006)
  })

  it('is never resent after an ambiguous failure (each call spends a reset)', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext(-1, 1, '/cgi-bin/clear_quota')
    const e = await rejection(clearQuota(ctx()))
    expect(e.code).toBe('wx/outcome-unknown')
    expect((await fake.stats()).calls['/cgi-bin/clear_quota']).toBe(1)
  })

  it('a context without an appid is rejected before sending', async () => {
    const { fake, ctx } = await useFake()
    // createContext refuses an empty appid; a spread copy of a context is no context (its state stays
    // hidden with the original), so it is refused as such before anything is sent.
    const e = await rejection(clearQuota({ ...ctx(), appid: '' }))
    expect(e.code).toBe('wx/config')
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('getRid', () => {
  it('looks up the request behind a WxError, an errmsg, or a raw rid; masks the token', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(45009, 1, QUOTA)
    const e = await rejection(getApiQuota(c, IP))
    expect(e.rid).toMatch(/^[0-9a-z]+(-[0-9a-z]+)+$/)
    const info = await getRid(c, e)
    expect(JSON.parse(info.response_body)).toMatchObject({ errcode: 45009 })
    expect(JSON.parse(info.request_body)).toEqual({ cgi_path: IP })
    expect(info.request_url).toContain('access_token=***')
    expect(info.request_url).not.toContain('ACCESS_TOKEN_OF_THE_CALL')
    await getRid(c, e.errmsg!)
    await getRid(c, e.rid!)
    const sent = (await fake.requests()).filter((q) => q.path === '/cgi-bin/openapi/rid/get').map((q) => q.body)
    expect(sent).toEqual([{ rid: e.rid }, { rid: e.rid }, { rid: e.rid }])
  })

  it("masks the secret and tokens in a recorded request's body and answer (a failed token request's rid)", async () => {
    const { fake, ctx } = await useFake()
    const request = {
      invoke_time: 1700000000, cost_in_ms: 5, client_ip: '1.2.3.4', request_url: '',
      request_body: '{"grant_type":"client_credential","appid":"wx1","secret":"THE_APP_SECRET_1234"}',
      response_body: '{"access_token":"THE_TOKEN_5678","expires_in":7200}',
    }
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', request }) }, 1, '/cgi-bin/openapi/rid/get')
    const info = await getRid(ctx(), '6965aef2-130b878a-1b55c042')
    expect(JSON.stringify(info)).not.toMatch(/THE_APP_SECRET_1234|THE_TOKEN_5678/)
    expect(JSON.parse(info.request_body)).toMatchObject({ appid: 'wx1', secret: '***' })
  })

  it('masks them also in an answer that fails the schema (drift: request_url null), and returns the request', async () => {
    const { fake, ctx } = await useFake()
    const drifts: unknown[] = []
    const request = {
      invoke_time: 1700000000, cost_in_ms: 5, client_ip: '1.2.3.4', request_url: null,
      request_body: '{"grant_type":"client_credential","appid":"wx1","secret":"THE_APP_SECRET_1234"}',
      response_body: '{"access_token":"THE_TOKEN_5678","expires_in":7200}',
    }
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', request }) }, 1, '/cgi-bin/openapi/rid/get')
    const info = await getRid(ctx({ hooks: { onSchemaDrift: (d) => void drifts.push(d) } }), '6965aef2-130b878a-1b55c042')
    expect(drifts).toHaveLength(1)
    expect(JSON.stringify(info)).not.toMatch(/THE_APP_SECRET_1234|THE_TOKEN_5678/)
    expect(info).toMatchObject({ invoke_time: 1700000000, client_ip: '1.2.3.4', request_url: null })
    expect(JSON.parse(info.request_body)).toMatchObject({ appid: 'wx1', secret: '***' })
    expect(JSON.parse(info.response_body)).toEqual({ access_token: '***', expires_in: 7200 })
    // Without a request at all: an empty record, not a TypeError.
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', request: null }) }, 1, '/cgi-bin/openapi/rid/get')
    expect(await getRid(ctx(), '6965aef2-130b878a-1b55c042')).toEqual({})
  })

  it('finds each failed request by its own rid, not just the latest', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(45009, 1, QUOTA)
    const first = await rejection(getApiQuota(c, IP))
    await fake.failNext(48001, 1, QUOTA)
    const second = await rejection(getApiQuota(c, QUOTA))
    expect(first.rid).not.toBe(second.rid)
    expect(JSON.parse((await getRid(c, first)).response_body)).toMatchObject({ errcode: 45009 })
    expect(JSON.parse((await getRid(c, first)).request_body)).toEqual({ cgi_path: IP })
    const later = await getRid(c, second)
    expect(JSON.parse(later.response_body)).toMatchObject({ errcode: 48001 })
    expect(JSON.parse(later.response_body).errmsg).toContain(second.rid)
    expect(JSON.parse(later.request_body)).toEqual({ cgi_path: QUOTA })
  })

  it('76001 when WeChat has no such request', async () => {
    const { ctx } = await useFake()
    expect((await rejection(getRid(ctx(), '6965aef2-130b878a-1b55c042'))).errcode).toBe(76001)
  })

  it.each(['', 'invalid credential', 'not a rid at all'])('rejects %j (no rid in it) before sending', async (x) => {
    const { fake, ctx } = await useFake()
    const e = await rejection(getRid(ctx(), x))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]?.path).toBe('rid')
    expect((await fake.stats()).calls).toEqual({})
  })
})
