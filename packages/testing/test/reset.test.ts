// reset() gives the next test a fresh account: records, timers, held calls and options all go back to
// the fake as created; reset(true) keeps only the tokens.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createContext } from '@wx/core'
import { sendText } from '@wx/message'
import { sendTemplate } from '@wx/template'
import { connectFakeWeChat, createFakeWeChat, createFakeWeChatHandler, type FakeWeChat } from '@wx/testing'
import { afterEach, describe, expect, it } from 'vitest'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
let fake: FakeWeChat
let receiver: Server | undefined
let received: string[] = []
afterEach(async () => {
  await fake?.close()
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()))
  receiver = undefined
  received = []
})

/** A push handler on 127.0.0.1 that records each push's body (and answers `answerAfter` ms later). */
async function pushTarget(answerAfter = 0) {
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push(body)
      setTimeout(() => res.end('success'), answerAfter)
    })
  })
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wx`, token: 't' }
}

const tokenOf = async (f: FakeWeChat) =>
  ((await (await fetch(`${f.url}/cgi-bin/token?grant_type=client_credential&appid=${f.appid}&secret=${f.secret}`)).json()) as { access_token: string }).access_token
const call = async (token: string, path: string, body?: unknown) => {
  const res = await fetch(`${fake.url}${path}${path.includes('?') ? '&' : '?'}access_token=${token}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
  return (await res.json()) as any
}

describe('reset() forgets every record of the account', () => {
  it('menus, tags, templates and their client_msg_id, tickets, media, qrcodes: the next test starts empty', async () => {
    fake = await createFakeWeChat()
    const token = await tokenOf(fake)
    expect((await call(token, '/cgi-bin/menu/create', { button: [{ type: 'click', name: 'A', key: 'a' }] })).errcode).toBe(0)
    expect((await call(token, '/cgi-bin/tags/create', { tag: { name: 'vip' } })).tag.id).toBe(100)
    const { template_id } = await call(token, '/cgi-bin/template/api_add_template', { template_id_short: 'TM00001' })
    const send = { touser: 'o_user', template_id, data: { k: { value: 'v' } }, client_msg_id: 'order-1' }
    const first = await call(token, '/cgi-bin/message/template/send', send)
    const ticket = (await call(token, '/cgi-bin/ticket/getticket?type=jsapi')).ticket
    expect((await call(token, '/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 1 } } })).ticket).toBeTruthy()

    fake.reset(true)
    expect(fake.state.data).toEqual({})
    expect((await call(token, '/cgi-bin/menu/get')).errcode).toBe(46003)
    expect((await call(token, '/cgi-bin/tags/get')).tags.filter((t: { id: number }) => t.id >= 100)).toEqual([])
    expect((await call(token, '/cgi-bin/message/template/send', send)).errcode).toBe(40037) // the template is gone
    const again = await call(token, '/cgi-bin/template/api_add_template', { template_id_short: 'TM00001' })
    const second = await call(token, '/cgi-bin/message/template/send', { ...send, template_id: again.template_id })
    expect(second.msgid).toBe(first.msgid) // counters start again, and client_msg_id 'order-1' is new
    expect(fake.stats().deliveries).toBe(1)
    expect((await call(token, '/cgi-bin/ticket/getticket?type=jsapi')).ticket).not.toBe(ticket)
    expect((await call(token, '/cgi-bin/tags/create', { tag: { name: 'vip' } })).tag.id).toBe(100)
  })

  it('options changed with set() go back to those given at creation', async () => {
    fake = await createFakeWeChat({ tokenTtl: 600, latency: 0 })
    fake.set({ tokenTtl: 5, latency: 50, rejectIp: '203.0.113.7', forceRefreshPerDay: 1 })
    fake.reset()
    expect(fake.state).toMatchObject({ tokenTtl: 600, latency: 0, rejectIp: undefined, forceRefreshPerDay: 20 })
    const res = await (await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${fake.appid}&secret=${fake.secret}`)).json()
    expect(res).toEqual({ access_token: expect.any(String), expires_in: 600 })
  })

  it('keepTokens keeps only the tokens: no 40001 and no token request in the next test of a shared context', async () => {
    fake = await createFakeWeChat()
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    await sendText(ctx, 'o_user', 'test 1')
    fake.reset(true)
    await sendText(ctx, 'o_user', 'test 2')
    expect(fake.stats()).toMatchObject({ tokenRequests: 0, errcodes: {}, deliveries: 1 })
    fake.reset()
    await sendText(ctx, 'o_user', 'test 3') // the context's token is unknown now: 40001, refetched
    expect(fake.stats()).toMatchObject({ tokenRequests: 1, errcodes: { 40001: 1 }, deliveries: 1 })
  })
})

describe('reset() clears the timers and held calls of the test before', () => {
  it('a publish job of test 1 pushes nothing after the reset', async () => {
    fake = await createFakeWeChat({ push: await pushTarget() })
    fake.setData('draftConfig', { publishDelayMs: 100 })
    const token = await tokenOf(fake)
    const fd = new FormData()
    fd.append('media', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])], 'c.jpg', { type: 'image/jpeg' }))
    const thumb = ((await (await fetch(`${fake.url}/cgi-bin/material/add_material?type=thumb&access_token=${token}`, { method: 'POST', body: fd })).json()) as any).media_id
    const draft = await call(token, '/cgi-bin/draft/add', { articles: [{ title: 'T', content: '<p>x</p>', thumb_media_id: thumb }] })
    expect((await call(token, '/cgi-bin/freepublish/submit', { media_id: draft.media_id })).errcode).toBe(0)
    fake.reset(true)
    await sleep(300)
    expect(fake.pushes).toEqual([])
    expect(received).toEqual([])
  })

  it('a template send whose push is still scheduled pushes nothing after the reset (Fetch-handler form)', async () => {
    const handler = createFakeWeChatHandler({ push: await pushTarget() })
    fake = { close: async () => handler.close() } as FakeWeChat
    const tok = handler.state.issueToken('stable').token
    handler.state.data.template = { templates: { TPL: {} } }
    const body = JSON.stringify({ touser: 'o_user', template_id: 'TPL', data: { k: { value: 'v' } } })
    const res = await handler(new Request(`http://fake/cgi-bin/message/template/send?access_token=${tok}`, { method: 'POST', body }))
    expect(((await res.json()) as { errcode: number }).errcode).toBe(0)
    handler.state.reset(true)
    await sleep(200)
    expect(received).toEqual([])
    expect(handler.state.pushes).toEqual([])
  })

  it('a push on its way when the reset comes is not logged in the next test', async () => {
    fake = await createFakeWeChat({ push: await pushTarget(150) })
    fake.setData('template', { templates: { TPL: {} } })
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    await sendTemplate(ctx, 'o_user', { template_id: 'TPL', data: { k: { value: 'v' } } })
    while (!received.length) await sleep(5) // the push reached the handler, which has not answered yet
    fake.reset(true)
    await sleep(300)
    expect(fake.pushes).toEqual([])
  })

  it('a call held by { delay } when the reset comes is dropped, not executed in the next test', async () => {
    fake = await createFakeWeChat()
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url, retry: { attempts: 1 } })
    await sendText(ctx, 'o_user', 'warm')
    fake.failNext({ delay: 200 }, 1, '/cgi-bin/message/custom/send')
    const held = sendText(ctx, 'o_user', 'late').catch((e: unknown) => e)
    await sleep(50)
    fake.reset(true)
    await held
    await sleep(250)
    expect(fake.stats().deliveries).toBe(0)
    expect(fake.requests).toEqual([])
  })
})

describe('the remote form resets the same way', () => {
  it('records, options and failures go, the token stays with keepTokens', async () => {
    fake = await createFakeWeChat()
    const remote = await connectFakeWeChat(fake.url, { tokenTtl: 900 })
    const ctx = createContext({ appid: remote.appid, secret: remote.secret, baseURL: remote.baseURL })
    await sendText(ctx, 'o_user', 'x')
    await remote.setData('massConfig', { dedupeWindowMs: 300 })
    await remote.set({ tokenTtl: 5, latency: 20 })
    await remote.failNext(45009, Number.POSITIVE_INFINITY, '/cgi-bin/menu/get')
    await remote.reset(true)
    expect(await remote.data()).toEqual({})
    const tenant = [...fake.handler.tenants.values()][0]!
    expect(tenant).toMatchObject({ tokenTtl: 900, latency: 0, failures: [] })
    await sendText(ctx, 'o_user', 'y')
    expect(await remote.stats()).toMatchObject({ tokenRequests: 0, deliveries: 1 })
  })
})
