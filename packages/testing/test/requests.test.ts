import { request as httpRequest } from 'node:http'
import { createContext, isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { connectFakeWeChat, createFakeWeChat, createFakeWeChatHandler, FakeState, type FakeRoute, type FakeWeChat } from '@wx/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeWithToken } from './_fake.ts'

let fake: FakeWeChat
let token: string
beforeEach(async () => {
  ;({ fake, token } = await fakeWithToken())
})
afterEach(() => fake.close())

const api = (path: string, init: RequestInit = {}) => fetch(`${fake.url}${path}${path.includes('?') ? '&' : '?'}access_token=${token}`, init)
const answer = async (res: Response | Promise<Response>) => {
  const r = await res
  return { status: r.status, ...((await r.json()) as { errcode: number; errmsg: string }) }
}

describe('the wrong HTTP method', () => {
  it('answers HTTP 200 with 43002 (require POST) or 43001 (require GET), logged and counted', async () => {
    expect(await answer(api('/cgi-bin/message/custom/send'))).toMatchObject({ status: 200, errcode: 43002, errmsg: expect.stringMatching(/^require POST method rid: /) })
    expect(await answer(api('/cgi-bin/menu/get', { method: 'POST', body: '{}' }))).toMatchObject({ status: 200, errcode: 43001, errmsg: expect.stringMatching(/^require GET method rid: /) })
    expect(fake.requests.map((r) => [r.method, r.path, r.errcode])).toEqual([
      ['GET', '/cgi-bin/message/custom/send', 43002],
      ['POST', '/cgi-bin/menu/get', 43001],
    ])
    expect(fake.stats().calls).toEqual({ '/cgi-bin/message/custom/send': 1, '/cgi-bin/menu/get': 1 })
    expect(fake.stats().errcodes).toEqual({ 43001: 1, 43002: 1 })
  })

  it('reaches the SDK as an API error', async () => {
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    const { callApi, defineEndpoint } = await import('@wx/core')
    const e = await callApi(ctx, defineEndpoint({ method: 'GET', path: '/cgi-bin/message/custom/send', retry: 'read' })).catch((x) => x)
    expect(isWxError(e) && e.code === 'wx/api' && e.errcode === 43002).toBe(true)
  })
})

/** One raw request over node:http (fetch refuses TRACE): the status, the Allow header and the body. */
const raw = (method: string, url: string) =>
  new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }))
    })
    req.on('error', reject).end()
  })

describe('HEAD, OPTIONS and TRACE are no API calls', () => {
  it('answer HTTP 405 naming the method, and are not logged, counted or given an injected failure', async () => {
    fake.failNext(45009)
    const head = await api('/cgi-bin/menu/get', { method: 'HEAD' })
    expect([head.status, head.headers.get('allow'), await head.text()]).toEqual([405, 'GET', ''])
    expect(await answer(api('/cgi-bin/message/custom/send', { method: 'OPTIONS' }))).toEqual({ status: 405, errcode: 43002, errmsg: 'require POST method' })
    expect((await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential`, { method: 'HEAD' })).status).toBe(405)
    expect(fake.requests).toEqual([])
    expect(fake.stats()).toMatchObject({ calls: {}, errcodes: {}, tokenRequests: 1 })
    expect((await answer(api('/cgi-bin/menu/get'))).errcode).toBe(45009) // the failure waited for a real call
    expect(fake.stats().calls).toEqual({ '/cgi-bin/menu/get': 1 })
  })

  it('TRACE is answered as OPTIONS by the Node server, never HTTP 500', async () => {
    expect(await raw('TRACE', `${fake.url}/cgi-bin/menu/get?access_token=${token}`)).toEqual({ status: 405, allow: 'GET', body: '{"errcode":43001,"errmsg":"require GET method"}' })
    expect((await raw('TRACE', `${fake.url}/cgi-bin/nope`)).status).toBe(404)
    expect(fake.requests).toEqual([])
    expect(fake.stats().calls).toEqual({})
  })

  it('the same in the Fetch-handler form', async () => {
    const handler = createFakeWeChatHandler()
    for (const method of ['HEAD', 'OPTIONS']) {
      const res = await handler(new Request('http://fake/cgi-bin/message/custom/send?access_token=x', { method }))
      expect([res.status, res.headers.get('allow')]).toEqual([405, 'POST'])
    }
    expect(handler.state.log).toEqual([])
    expect(handler.state.stats.calls).toEqual({})
  })
})

describe('a route that crashes is logged as a failure, never errcode 0', () => {
  const routes: FakeRoute[] = [{ method: 'GET', path: '/cgi-bin/crash', auth: 'user', handle: () => JSON.parse('{oops') }]
  const crash = { method: 'GET', path: '/cgi-bin/crash', errcode: -1, status: 500, errmsg: expect.stringMatching(/^the fake crashed: /) }

  it('Node server: HTTP 500, logged as errcode -1 with status 500', async () => {
    const crashing = await createFakeWeChat({ routes })
    try {
      expect((await fetch(`${crashing.url}/cgi-bin/crash`)).status).toBe(500)
      expect(crashing.requests).toEqual([expect.objectContaining(crash)])
    } finally {
      await crashing.close()
    }
  })

  it('Node server: a route that rejects with no reason (undefined) is a 500 too, never a crash of the fake', async () => {
    const silent: FakeRoute[] = [{ method: 'GET', path: '/cgi-bin/crash', auth: 'user', handle: () => Promise.reject(undefined) }]
    const crashing = await createFakeWeChat({ routes: silent })
    try {
      expect((await fetch(`${crashing.url}/cgi-bin/crash`)).status).toBe(500)
      expect(crashing.requests).toEqual([expect.objectContaining({ errcode: -1, status: 500 })])
      expect((await fetch(`${crashing.url}/cgi-bin/crash`)).status).toBe(500) // still listening
    } finally {
      await crashing.close()
    }
  })

  it('Fetch-handler form: rejects with the crash, logged the same', async () => {
    const handler = createFakeWeChatHandler({}, routes)
    await expect(handler(new Request('http://fake/cgi-bin/crash'))).rejects.toThrow(SyntaxError)
    expect(handler.state.log).toEqual([expect.objectContaining(crash)])
  })
})

describe("an injected 'http500' is logged as the failure the client got", () => {
  it('errcode -1 with status 502, never errcode 0 (the route did not run)', async () => {
    const handler = createFakeWeChatHandler()
    handler.state.failNext('http500', 1, '/cgi-bin/menu/get')
    const res = await handler(new Request(`http://fake/cgi-bin/menu/get?access_token=${handler.state.issueToken('stable').token}`))
    expect(res.status).toBe(502)
    expect(handler.state.log).toEqual([expect.objectContaining({ path: '/cgi-bin/menu/get', errcode: -1, status: 502 })])
  })
})

describe('malformed requests answer an errcode, never HTTP 500', () => {
  const garbage = { method: 'POST', body: '--x\r\ngarbage', headers: { 'content-type': 'multipart/form-data; boundary=x' } }

  it('a media upload without a readable file: 41005', async () => {
    expect(await answer(api('/cgi-bin/media/upload?type=image', garbage))).toMatchObject({ status: 200, errcode: 41005 })
    expect(await answer(api('/cgi-bin/material/add_material?type=image', garbage))).toMatchObject({ status: 200, errcode: 41005 })
  })

  it('a malformed multipart body elsewhere: 47001', async () => {
    expect(await answer(api('/cgi-bin/message/custom/send', garbage))).toMatchObject({ status: 200, errcode: 47001 })
  })

  it('the same in the Fetch-handler form', async () => {
    const handler = createFakeWeChatHandler()
    const res = await handler(new Request('http://fake/cgi-bin/media/upload?type=image&access_token=x', garbage))
    expect((await answer(res)).errcode).toBe(41005)
  })
})

describe('control requests', () => {
  const control = (body: string, path = '/__fake/control') => fetch(`${fake.url}${path}`, { method: 'POST', body })

  it('bad JSON, or an unknown action: HTTP 400', async () => {
    expect((await control('{oops')).status).toBe(400)
    expect((await control('{oops', '/__fake/tenants')).status).toBe(400)
    expect(await answer(control('{"action":"expier"}'))).toMatchObject({ status: 400, errmsg: 'unknown control action "expier"' })
    expect(fake.state.tokens.size).toBe(1) // nothing was applied
  })

  it('the remote fake rejects when a control is refused', async () => {
    await expect(connectFakeWeChat(`${fake.url}/t/nope`)).rejects.toThrow(/HTTP 404/)
    const remote = await connectFakeWeChat(fake.url)
    await expect(remote.authorize({ scope: 'snsapi_nope' as 'snsapi_base' })).rejects.toThrow(/HTTP 400/)
    await expect(remote.set({ latency: 0 })).resolves.toBeUndefined()
  })
})

describe('rids', () => {
  it('are unique and shaped like WeChat (three groups of 8 hex digits)', () => {
    const s = new FakeState()
    const rids = Array.from({ length: 1000 }, () => s.rid())
    expect(new Set(rids).size).toBe(1000)
    for (const rid of rids) expect(rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/)
  })

  it('openapi/rid/get finds the call that got the rid, among concurrent failures', async () => {
    const send = (i: number) => api('/cgi-bin/message/custom/send', { method: 'POST', body: JSON.stringify({ touser: 'o_window_closed', msgtype: 'text', text: { content: `msg ${i}` } }) })
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => answer(send(i))))
    const rids = answers.map((a) => a.errmsg.split('rid: ')[1]!)
    expect(new Set(rids).size).toBe(50)
    const look = (await (await api('/cgi-bin/openapi/rid/get', { method: 'POST', body: JSON.stringify({ rid: rids[7] }) })).json()) as any
    const sent = fake.requests.find((r) => r.rid === rids[7])!.body as { text: { content: string } }
    expect(JSON.parse(look.request.request_body).text.content).toBe(sent.text.content)
  })
})

describe("another account's openid (o_other_...)", () => {
  it('answers 40003 for messages too, and nothing is delivered', async () => {
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    const e = await sendText(ctx, 'o_other_abc', 'hi').catch((x) => x)
    expect(isWxError(e) && e.errcode).toBe(40003)
    expect(fake.stats().deliveries).toBe(0)
  })
})

describe('connectFakeWeChat options', () => {
  it('a null appid or secret is the default (the fake reads them that way), so the context it feeds works', async () => {
    const remote = await connectFakeWeChat(fake.url, { appid: null, secret: null } as never)
    expect(remote.appid).toBe('wx_fake_appid')
    const ctx = createContext({ appid: remote.appid, secret: remote.secret, baseURL: remote.baseURL })
    await sendText(ctx, 'o_u', 'x')
    const remote2 = await connectFakeWeChat(fake.url, null)
    expect(remote2.secret).toBe('fake_secret')
  })
})

describe('store contract runners', () => {
  it('take null options as the defaults (registering the suites reads them: a null once threw a TypeError)', async () => {
    const { runTokenStoreContract, runDedupeStoreContract } = await import('@wx/testing')
    const { memoryTokenStore } = await import('@wx/core')
    // A runner that only registers: describe bodies run, tests do not.
    const runner = { describe: (_: string, body: () => void) => body(), it: () => {}, expect } as never
    expect(() => runTokenStoreContract(runner, 'memory', () => memoryTokenStore(), null)).not.toThrow()
    expect(() => runDedupeStoreContract(runner, 'memory', () => ({ claim: () => true }) as never, null)).not.toThrow()
  })
})
