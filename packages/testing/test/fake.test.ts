import { createFakeWeChat, FakeState, type FakeWeChat } from '@wx/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let fake: FakeWeChat
beforeEach(async () => {
  fake = await createFakeWeChat({ appid: 'wx_t', secret: 's_t', legacyGraceMs: 200, forceRefreshGraceMs: 200 })
})
afterEach(() => fake.close())

const get = async (path: string) => (await fetch(fake.url + path)).json() as Promise<any>
const post = async (path: string, body: unknown) =>
  (await fetch(fake.url + path, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<any>
const legacy = () => get('/cgi-bin/token?grant_type=client_credential&appid=wx_t&secret=s_t')
const stable = (force = false) => post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wx_t', secret: 's_t', force_refresh: force })
const menu = (token: string) => get(`/cgi-bin/menu/get?access_token=${token}`)

describe('fake WeChat token semantics', () => {
  it('legacy: a new token ends the previous one after the grace period (40001, not latest)', async () => {
    const a = await legacy()
    expect(a.expires_in).toBe(7200)
    const b = await legacy()
    expect(a.access_token).not.toBe(b.access_token)
    expect((await menu(a.access_token)).errcode).toBe(46003) // still valid (no menu yet)
    await new Promise((r) => setTimeout(r, 250))
    const replaced = await menu(a.access_token)
    expect(replaced.errcode).toBe(40001)
    expect(replaced.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest/)
    expect((await menu(b.access_token)).errcode).toBe(46003)
    expect(fake.stats().legacyTokenRequests).toBe(2)
  })

  it('42001 is for a token past its own expiry', async () => {
    const { access_token } = await legacy()
    fake.expireTokens()
    const expired = await menu(access_token)
    expect(expired.errcode).toBe(42001)
    expect(expired.errmsg).toMatch(/^access_token expired/)
  })

  it('stable: the same token until its last 5 minutes; force_refresh replaces it (the old one: 40001 after its grace)', async () => {
    const a = await stable()
    const b = await stable()
    expect(b.access_token).toBe(a.access_token)
    const c = await stable(true)
    expect(c.access_token).not.toBe(a.access_token)
    expect((await menu(a.access_token)).errcode).toBe(46003) // one forced refresh does not end it at once
    await new Promise((r) => setTimeout(r, 250))
    expect((await menu(a.access_token)).errcode).toBe(40001)
    expect((await menu(c.access_token)).errcode).toBe(46003)
    expect(new FakeState().forceRefreshGraceMs).toBe(300_000)
  })

  it('stable: forceRefreshGraceMs 0 (through set()) ends the previous token at once, as the fake did before the option', async () => {
    fake.set({ forceRefreshGraceMs: 0 })
    const a = await stable()
    await stable(true)
    expect((await menu(a.access_token)).errcode).toBe(40001)
  })

  it("stable: WeChat's emergency advice, two forced refreshes (30 s apart), ends a leaked token at once", async () => {
    fake.set({ forceRefreshGapMs: 0, forceRefreshGraceMs: 60_000 })
    const leaked = (await stable()).access_token
    const first = (await stable(true)).access_token
    expect((await menu(leaked)).errcode).toBe(46003)
    const second = (await stable(true)).access_token
    expect((await menu(leaked)).errcode).toBe(40001)
    expect((await menu(first)).errcode).toBe(46003) // now in its own grace
    expect((await menu(second)).errcode).toBe(46003)
  })

  it('stable: a force_refresh within 30 s of the last one does not refresh', async () => {
    const a = await stable(true)
    const b = await stable(true)
    expect(b.access_token).toBe(a.access_token)
    expect((await menu(a.access_token)).errcode).toBe(46003)
  })

  it('stable: force_refresh refreshes again after the gap, and 20 times a day at most (then 45009)', async () => {
    fake.set({ forceRefreshGapMs: 0, forceRefreshPerDay: 3 })
    const tokens = [await stable(true), await stable(true), await stable(true)].map((t) => t.access_token)
    expect(new Set(tokens).size).toBe(3)
    const over = await stable(true)
    expect(over.errcode).toBe(45009)
    expect((await menu(tokens[2]!)).errcode).toBe(46003) // the refused call changed nothing
    expect((await stable()).access_token).toBe(tokens[2]) // normal mode still works
    expect(fake.stats().stableTokenRequests).toBe(5)
    expect(new FakeState().forceRefreshPerDay).toBe(20)
    expect(new FakeState().forceRefreshGapMs).toBe(30_000)
  })

  it('checks credentials and the token on every call', async () => {
    expect((await get('/cgi-bin/token?grant_type=client_credential&appid=wx_t&secret=nope')).errcode).toBe(40125)
    expect((await get('/cgi-bin/token?grant_type=client_credential&appid=nope&secret=s_t')).errcode).toBe(40013)
    expect((await get('/cgi-bin/token?grant_type=client_credential&secret=s_t')).errcode).toBe(41002)
    expect((await get('/cgi-bin/token?grant_type=client_credential&appid=&secret=s_t')).errcode).toBe(41002)
    expect((await get('/cgi-bin/token?grant_type=client_credential&appid=wx_t')).errcode).toBe(41004)
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', secret: 's_t' })).errcode).toBe(41002)
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wx_t' })).errcode).toBe(41004)
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'nope', secret: 's_t' })).errcode).toBe(40013)
    expect((await get('/cgi-bin/menu/get')).errcode).toBe(41001)
    expect((await menu('FAKE_unknown')).errcode).toBe(40001)
    const { access_token } = await stable()
    fake.revokeTokens(40014)
    expect((await menu(access_token)).errcode).toBe(40014)
    const answer = await menu('x')
    expect(answer.errmsg).toMatch(/rid: \w+-\w+-\w+/)
  })

  it('injects faults and logs requests without tokens', async () => {
    const { access_token } = await stable()
    fake.failNext(45009)
    expect((await menu(access_token)).errcode).toBe(45009)
    fake.failNext('http500')
    expect((await fetch(`${fake.url}/cgi-bin/menu/get?access_token=${access_token}`)).status).toBe(502)
    fake.failNext('reset') // executed, then the connection drops (POST: undici does not replay it)
    await expect(post(`/cgi-bin/message/custom/send?access_token=${access_token}`, { touser: 'o1', msgtype: 'text', text: { content: 'x' } })).rejects.toThrow()
    expect(fake.deliveries).toHaveLength(1)
    expect(fake.requests.every((r) => r.query.access_token === '***')).toBe(true)
    expect(fake.stats().errcodes['45009']).toBe(1)
  })

  it('validates bodies the way WeChat does', async () => {
    const { access_token } = await stable()
    const send = (body: unknown) => post(`/cgi-bin/message/custom/send?access_token=${access_token}`, body)
    expect((await send({ touser: 'o1', msgtype: 'nope' })).errcode).toBe(40008)
    expect((await send({ touser: '', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(40003)
    expect((await send({ touser: 'o1', msgtype: 'text', text: { content: '' } })).errcode).toBe(44004)
    expect((await send({ touser: 'o_unfollowed', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(43004)
    const bad = await fetch(`${fake.url}/cgi-bin/message/custom/send?access_token=${access_token}`, { method: 'POST', body: '{nope' })
    expect((await bad.json()).errcode).toBe(47001)
    expect((await send({ touser: 'o1', msgtype: 'text', text: { content: 'ok' } })).errcode).toBe(0)
    expect(fake.deliveries).toHaveLength(1)
  })

  it('serves the same endpoints as a Fetch handler, and isolated tenants', async () => {
    const res = await fake.handler(new Request('http://x/cgi-bin/token?grant_type=client_credential&appid=wx_t&secret=s_t'))
    expect((await res.json()).access_token).toMatch(/^FAKE_/)
    const t = await post('/__fake/tenants', { appid: 'wx_other', secret: 'o' })
    const other = await get(`${t.base}/cgi-bin/token?grant_type=client_credential&appid=wx_other&secret=o`)
    expect(other.access_token).toMatch(/^FAKE_/)
    expect(fake.stats().tokenRequests).toBe(1) // the tenant counts separately
  })
})

describe('legacy payment orderquery', () => {
  it('answers the orders a test registered (and the seed example 11122); any other out_trade_no: ret_code 1', async () => {
    const { access_token } = await stable()
    const query = async (no: string) => {
      const body = { appid: 'wx_t', package: `out_trade_no=${no}&partner=1900090055&sign=X`, timestamp: '1369745073', app_signature: 'a'.repeat(40), sign_method: 'sha1' }
      return post(`/pay/orderquery?access_token=${access_token}`, body)
    }
    const unknown = await query('nope-1')
    expect(unknown.errcode).toBe(0)
    expect(unknown.order_info).toMatchObject({ ret_code: 1, out_trade_no: 'nope-1' })
    expect(unknown.order_info.trade_state).toBeUndefined()
    expect((await query('11122')).order_info).toMatchObject({ ret_code: 0, trade_state: '0', out_trade_no: '11122' })
    fake.setData('payLegacy', { orders: { 'o-2': { ret_code: 0, trade_state: '0', out_trade_no: 'o-2', total_fee: '5' } } })
    expect((await query('o-2')).order_info).toEqual({ ret_code: 0, trade_state: '0', out_trade_no: 'o-2', total_fee: '5' })
  })
})

describe('the Node fake has the remote fake controls the docs use', () => {
  it('setData and set work as on connectFakeWeChat', async () => {
    fake.setData('massConfig', { dedupeWindowMs: 300 })
    expect(fake.state.data.massConfig).toEqual({ dedupeWindowMs: 300 })
    fake.set({ rejectIp: '203.0.113.7' })
    expect((await legacy()).errcode).toBe(40164)
    fake.set({ rejectIp: null })
    expect((await legacy()).access_token).toBeTruthy()
  })
})
