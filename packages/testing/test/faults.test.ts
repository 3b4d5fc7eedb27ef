import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createContext, getAccessToken } from '@wx/core'
import { addDraft, publishDraft } from '@wx/draft'
import { addMaterial } from '@wx/media'
import { sendText } from '@wx/message'
import { createFakeWeChat, createFakeWeChatHandler, FakeResetError, type FakeFailure, type FakeWeChat } from '@wx/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeWithToken } from './_fake.ts'

let fake: FakeWeChat
let token: string
beforeEach(async () => {
  ;({ fake, token } = await fakeWithToken())
})
afterEach(() => fake.close())

/** `menu/get` on an account without a menu: the route answers 46003. */
const getMenu = (signal?: AbortSignal) => fetch(`${fake.url}/cgi-bin/menu/get?access_token=${token}`, signal ? { signal } : {})
const ERRCODE_46003 = /^\{"errcode":46003,"errmsg":"menu no exist rid: /

describe('an executed fault acts the same when the route answers an errcode', () => {
  it("'timeout': no answer ever comes", async () => {
    fake.failNext('timeout')
    await expect(getMenu(AbortSignal.timeout(300))).rejects.toThrow(/timeout|aborted/i)
    expect(fake.requests.at(-1)?.errcode).toBe(46003) // executed
  })

  it("'reset': the connection drops", async () => {
    fake.failNext('reset')
    await expect(getMenu()).rejects.toThrow()
    expect(fake.requests.at(-1)?.errcode).toBe(46003)
  })

  it.each<[FakeFailure, (text: string) => void]>([
    ['html', (text) => expect(text).toMatch(/^<html>/)],
    ['empty', (text) => expect(text).toBe('')],
    [{ body: '{"errcode":0,"menu":{}}' }, (text) => expect(text).toBe('{"errcode":0,"menu":{}}')],
    [
      'truncated',
      (text) => {
        expect(text).toMatch(/^\{"errcode":46003/)
        expect(() => JSON.parse(text)).toThrow()
      },
    ],
  ])('%j replaces the errcode answer', async (what, check) => {
    fake.failNext(what)
    check(await (await getMenu()).text())
    expect(await (await getMenu()).text()).toMatch(ERRCODE_46003) // used once
  })
})

describe('a slow WeChat still acts on a call its client gave up on', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  const giveUpOn = (ctx: ReturnType<typeof createContext>) => sendText(ctx, 'o_u', 'x', { timeout: 100 }).catch((e: unknown) => e)

  it('{ delay: 300 } with a 100 ms client timeout: wx/outcome-unknown, then delivered once the delay passed', async () => {
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    await getAccessToken(ctx)
    fake.failNext({ delay: 300 }, 1, '/cgi-bin/message/custom/send')
    expect(await giveUpOn(ctx)).toMatchObject({ code: 'wx/outcome-unknown' })
    expect(fake.stats().deliveries).toBe(0) // still in the delay
    await sleep(400)
    expect(fake.stats().deliveries).toBe(1)
    expect(fake.requests.at(-1)).toMatchObject({ path: '/cgi-bin/message/custom/send', errcode: 0 })
  })

  it('latency longer than the client waits: the call runs after it all the same', async () => {
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    await getAccessToken(ctx)
    fake.set({ latency: 300 })
    expect(await giveUpOn(ctx)).toMatchObject({ code: expect.stringMatching(/^wx\/(outcome-unknown|timeout)$/) })
    await sleep(400)
    expect(fake.stats().deliveries).toBe(1)
  })

  it('close() ends a pending delay promptly: the call is neither executed nor logged', async () => {
    const own = await createFakeWeChat()
    const ctx = createContext({ appid: own.appid, secret: own.secret, baseURL: own.url })
    own.failNext({ delay: 5000 }, 1, '/cgi-bin/message/custom/send')
    const sent = sendText(ctx, 'o_u', 'x').catch((e: unknown) => e)
    await sleep(100)
    const started = Date.now()
    await own.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await sent).toMatchObject({ code: 'wx/outcome-unknown' })
    await sleep(50)
    expect(own.stats().deliveries).toBe(0)
    expect(own.requests.filter((r) => r.path === '/cgi-bin/message/custom/send')).toEqual([])
  })
})

describe('faults in the Fetch-handler form', () => {
  const send = (handler: ReturnType<typeof createFakeWeChatHandler>, signal?: AbortSignal) => {
    const tok = [...handler.state.tokens.keys()][0]
    const body = JSON.stringify({ touser: 'o_u', msgtype: 'text', text: { content: 'x' } })
    return handler(new Request(`http://fake/cgi-bin/message/custom/send?access_token=${tok}`, { method: 'POST', body, ...(signal ? { signal } : {}) }))
  }
  const withToken = async () => {
    const handler = createFakeWeChatHandler()
    await handler(new Request('http://fake/cgi-bin/token?grant_type=client_credential&appid=wx_fake_appid&secret=fake_secret'))
    return handler
  }

  it("'timeout' settles only when the request's signal aborts", async () => {
    const handler = await withToken()
    handler.state.failNext('timeout')
    const abort = new AbortController()
    const answer = send(handler, abort.signal)
    const first = await Promise.race([answer.then(() => 'answered', () => 'rejected'), new Promise((r) => setTimeout(() => r('pending'), 150))])
    expect(first).toBe('pending')
    abort.abort(new Error('client gave up'))
    await expect(answer).rejects.toThrow('client gave up')
    expect(handler.state.stats.deliveries).toBe(1) // executed
  })

  it('{ delay } ignores the request signal: the call runs after the delay all the same', async () => {
    const handler = await withToken()
    handler.state.failNext({ delay: 200 })
    const answer = send(handler, AbortSignal.timeout(50))
    await new Promise((r) => setTimeout(r, 100))
    expect(handler.state.stats.deliveries).toBe(0)
    await answer.catch(() => undefined)
    expect(handler.state.stats.deliveries).toBe(1)
  })

  it('close() ends a pending { delay } at once: the call rejects unexecuted, no timer is left', async () => {
    const handler = await withToken()
    handler.state.failNext({ delay: 5000 })
    const answer = send(handler)
    await new Promise((r) => setTimeout(r, 50)) // in the delay
    const started = Date.now()
    handler.close()
    await expect(answer).rejects.toThrow(/closed/)
    expect(Date.now() - started).toBeLessThan(500)
    expect(handler.state.stats.deliveries).toBe(0)
  })

  it("'reset' rejects with FakeResetError after executing", async () => {
    const handler = await withToken()
    handler.state.failNext('reset')
    await expect(send(handler)).rejects.toBeInstanceOf(FakeResetError)
    expect(handler.state.stats.deliveries).toBe(1)
  })
})

describe('token endpoints', () => {
  it('count requests that get an injected failure', async () => {
    fake.reset()
    fake.failNext(-1, 1, '/cgi-bin/stable_token')
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url, retry: { baseDelay: 1, maxDelay: 2 } })
    await sendText(ctx, 'o_u', 'x')
    expect(fake.stats()).toMatchObject({ tokenRequests: 2, stableTokenRequests: 2, errcodes: { '-1': 1 } })
  })

  it('count requests with the wrong method', async () => {
    fake.reset()
    const res = await fetch(`${fake.url}/cgi-bin/stable_token`)
    expect(((await res.json()) as { errcode: number }).errcode).toBe(43002)
    expect(fake.stats()).toMatchObject({ tokenRequests: 1, stableTokenRequests: 1 })
  })
})

describe('close()', () => {
  let receiver: Server
  let received = 0
  afterEach(() => new Promise<void>((r) => receiver.close(() => r())))

  it('clears pending publish timers: no push is sent after close', async () => {
    receiver = createServer((req, res) => {
      received++
      res.end('success')
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    const own = await createFakeWeChat({ push: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, token: 't' } })
    own.setData('draftConfig', { publishDelayMs: 150 })
    const ctx = createContext({ appid: own.appid, secret: own.secret, baseURL: own.url })
    const img = await addMaterial(ctx, { data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]), filename: 'a.jpg', contentType: 'image/jpeg' }, 'image')
    const { media_id } = await addDraft(ctx, [{ title: 'T', content: '<p>hi</p>', thumb_media_id: img.media_id! }])
    await publishDraft(ctx, media_id)
    await own.close()
    await new Promise((r) => setTimeout(r, 300))
    expect(received).toBe(0)
    expect(own.pushes).toEqual([])
  })
})

describe('null options and Infinity waits', () => {
  it('createFakeWeChat(null), routes: null and createFakeWeChatHandler(null) are the defaults, not a TypeError', async () => {
    for (const o of [null, { routes: null, appid: null, secret: null }]) {
      const own = await createFakeWeChat(o as never)
      try {
        expect(own.appid).toBe('wx_fake_appid')
        const ctx = createContext({ appid: own.appid, secret: own.secret, baseURL: own.url })
        await sendText(ctx, 'o_u', 'x')
        expect(own.stats().deliveries).toBe(1)
      } finally {
        await own.close()
      }
    }
    const h = createFakeWeChatHandler(null, null)
    expect((await h(new Request('http://fake/cgi-bin/token?grant_type=client_credential&appid=wx_fake_appid&secret=fake_secret'))).status).toBe(200)
  })

  it('a { delay: NaN } fault answers at once, as before (no timer is a hold only for Infinity)', async () => {
    const own = await createFakeWeChat()
    const ctx = createContext({ appid: own.appid, secret: own.secret, baseURL: own.url })
    own.failNext({ delay: Number.NaN }, 1, '/cgi-bin/message/custom/send')
    await sendText(ctx, 'o_u', 'x', { timeout: 2000 })
    expect(own.stats().deliveries).toBe(1)
    await own.close()
  })

  it("latency: Infinity holds every answer until close() (Node would fire a timer past 2^31 ms at once)", async () => {
    const own = await createFakeWeChat({ latency: Number.POSITIVE_INFINITY })
    const ctx = createContext({ appid: own.appid, secret: own.secret, baseURL: own.url })
    const started = Date.now()
    const out = await getAccessToken(ctx, { timeout: 300 }).catch((e: unknown) => e)
    expect(out).toMatchObject({ code: 'wx/timeout' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    await own.close()
  })
})
