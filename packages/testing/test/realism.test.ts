// Answers shaped as WeChat's (no errcode where WeChat sends none), seeded templates, and a server that
// does not keep Node running.
import { createContext, getAccessToken } from '@wx/core'
import { getFollowers, getUser } from '@wx/user'
import { createLimitQRCode } from '@wx/qrcode'
import { sendTemplate } from '@wx/template'
import { createFakeWeChat, type FakeWeChat } from '@wx/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeWithToken } from './_fake.ts'

let fake: FakeWeChat
let token: string
beforeEach(async () => {
  ;({ fake, token } = await fakeWithToken())
})
afterEach(() => fake.close())

const raw = async (path: string, init: RequestInit = {}) =>
  (await (await fetch(`${fake.url}${path}${path.includes('?') ? '&' : '?'}access_token=${token}`, init)).json()) as Record<string, unknown>
const post = (path: string, body: unknown) => raw(path, { method: 'POST', body: JSON.stringify(body) })
const upload = (path: string, name: string, type: string) => {
  const fd = new FormData()
  fd.append('media', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])], name, { type }))
  return raw(path, { method: 'POST', body: fd })
}

describe('successful answers carry errcode only where WeChat sends one', () => {
  it('bare: token endpoints, user/info, user/get, qrcode/create, uploads, menu/get', async () => {
    const legacy = await (await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${fake.appid}&secret=${fake.secret}`)).json()
    expect(Object.keys(legacy as object).sort()).toEqual(['access_token', 'expires_in'])
    const stable = await (await fetch(`${fake.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: fake.appid, secret: fake.secret }) })).json()
    expect(Object.keys(stable as object).sort()).toEqual(['access_token', 'expires_in'])
    token = (legacy as { access_token: string }).access_token
    expect((await post('/cgi-bin/menu/create', { button: [{ type: 'click', name: 'A', key: 'a' }] })).errcode).toBe(0)
    const answers = [
      await raw('/cgi-bin/user/info?openid=o_user'),
      await raw('/cgi-bin/user/get'),
      await post('/cgi-bin/qrcode/create', { expire_seconds: 600, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } }),
      await upload('/cgi-bin/media/upload?type=image', 'a.jpg', 'image/jpeg'),
      await upload('/cgi-bin/media/uploadimg', 'a.jpg', 'image/jpeg'),
      await upload('/cgi-bin/material/add_material?type=image', 'a.jpg', 'image/jpeg'),
      await raw('/cgi-bin/menu/get'),
    ]
    for (const a of answers) expect(a).not.toHaveProperty('errcode')
    expect(answers[0]).toMatchObject({ subscribe: 1, openid: 'o_user' })
    expect(answers[3]).toMatchObject({ type: 'image', media_id: expect.any(String), created_at: expect.any(Number) })
  })

  it('errcode 0 where WeChat sends it: getticket, template send (with msgid), custom send; errors keep theirs', async () => {
    expect(await raw('/cgi-bin/ticket/getticket?type=jsapi')).toMatchObject({ errcode: 0, errmsg: 'ok', ticket: expect.any(String) })
    fake.setData('template', { templates: { TPL: {} } })
    expect(await post('/cgi-bin/message/template/send', { touser: 'o_user', template_id: 'TPL', data: { k: { value: 'v' } } })).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) })
    expect(await post('/cgi-bin/message/custom/send', { touser: 'o_user', msgtype: 'text', text: { content: 'hi' } })).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(await raw('/cgi-bin/menu/get')).toMatchObject({ errcode: 46003 })
    expect(await raw('/cgi-bin/user/info?openid=bad!')).toMatchObject({ errcode: 40003 })
  })

  it('user code checking `res.errcode !== 0` fails against the fake as against WeChat; the SDK reads them as successes', async () => {
    const res = await raw('/cgi-bin/user/info?openid=o_user')
    expect(res.errcode !== 0).toBe(true)
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    await getAccessToken(ctx)
    expect(await getUser(ctx, 'o_user')).toMatchObject({ openid: 'o_user' })
    expect((await getFollowers(ctx)).total).toBe(3)
    expect((await createLimitQRCode(ctx, 7)).ticket).toBeTruthy()
  })
})

describe('a template a test sends with, seeded with setData', () => {
  it('sends (no HTTP 500), dedupes its client_msg_id, and get_all_private_template lists it', async () => {
    fake.setData('template', { templates: { TPL_ORDER_PAID: { template_id: 'TPL_ORDER_PAID', title: 'Order paid' } } })
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    const msg = { template_id: 'TPL_ORDER_PAID', data: { first: { value: 'paid' } }, client_msg_id: 'order-1' }
    const first = await sendTemplate(ctx, 'o_user', msg)
    expect((await sendTemplate(ctx, 'o_user', msg)).msgid).toBe(first.msgid)
    expect(fake.stats().deliveries).toBe(1)
    expect(fake.requests.every((r) => r.errcode === 0)).toBe(true)
    expect((await raw('/cgi-bin/template/get_all_private_template')).template_list).toEqual([{ template_id: 'TPL_ORDER_PAID', title: 'Order paid' }])
  })
})

describe('the Node server does not keep the process running', () => {
  const refHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length

  it('unref’d (also after resume); keepProcessAlive keeps it; a call in flight is still answered', async () => {
    const before = refHandles()
    const own = await createFakeWeChat({ latency: 100 })
    const kept = await createFakeWeChat({ keepProcessAlive: true })
    try {
      expect(refHandles()).toBe(before + 1) // only the kept one
      await own.pause()
      await own.resume()
      expect(refHandles()).toBe(before + 1)
      const answer = await fetch(`${own.url}/cgi-bin/token?grant_type=client_credential&appid=${own.appid}&secret=${own.secret}`)
      expect(answer.status).toBe(200)
    } finally {
      await own.close()
      await kept.close()
    }
  })
})
