import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createContext } from '@wx/core'
import { addDraft, publishDraft } from '@wx/draft'
import { addMaterial } from '@wx/media'
import { sendText } from '@wx/message'
import { createFakeWeChat, createFakeWeChatHandler, FakeResetError, type FakeFailure, type FakeWeChat } from '@wx/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let fake: FakeWeChat
let token: string
beforeEach(async () => {
  fake = await createFakeWeChat()
  const res = await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${fake.appid}&secret=${fake.secret}`)
  token = ((await res.json()) as { access_token: string }).access_token
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
