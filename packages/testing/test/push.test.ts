// The pushes the fake renders and sends, read as WeChat writes them: the raw XML that reaches a push
// handler, and what @wx/server's createPushHandler (a consumer here) makes of it.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createContext } from '@wx/core'
import { addDraft, publishDraft } from '@wx/draft'
import { addMaterial } from '@wx/media'
import { createPushHandler, type PushMessage } from '@wx/server'
import { buildPushRequest, createFakeWeChat, pushXml, type FakeWeChat } from '@wx/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const token = 'pushtoken123'
const appid = 'wx_push_appid'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

describe('pushXml', () => {
  it('splits ]]> in text, so the XML stays well-formed', () => {
    expect(pushXml({ Content: 'a]]>b' })).toBe('<xml><Content><![CDATA[a]]]]><![CDATA[>b]]></Content></xml>')
  })

  it('leaves undefined and null fields out, nested ones too', () => {
    const xml = pushXml({ MsgType: 'event', EventKey: undefined, Ticket: null, Info: { a: 1, b: null, c: undefined } })
    expect(xml).toBe('<xml><MsgType><![CDATA[event]]></MsgType>\n<Info><a>1</a></Info></xml>')
    expect(xml).not.toMatch(/undefined|null/)
  })

  it('writes numbers and bigints bare, strings in CDATA', () => {
    expect(pushXml({ CreateTime: 1700000000, MsgId: 7300000000000000001n, ErrorCode: 0, Status: 'success' })).toBe(
      '<xml><CreateTime>1700000000</CreateTime>\n<MsgId>7300000000000000001</MsgId>\n<ErrorCode>0</ErrorCode>\n<Status><![CDATA[success]]></Status></xml>',
    )
  })

  it("buildPushRequest's default MsgId is a bare 19-digit number, in XML and in JSON", async () => {
    const xml = await (await buildPushRequest({ token, message: { MsgType: 'text', Content: 'hi' } })).text()
    expect(xml).toMatch(/<MsgId>7\d{18}<\/MsgId>/)
    expect(xml).toMatch(/<CreateTime>\d+<\/CreateTime>/)
    const json = await (await buildPushRequest({ token, format: 'json', message: { MsgType: 'text', Content: 'hi' } })).text()
    expect(json).toMatch(/"MsgId":7\d{18}[,}]/)
  })

  it('a text with ]]> reaches @wx/server intact, plain and encrypted', async () => {
    const seen: PushMessage[] = []
    const errors: unknown[] = []
    const handler = createPushHandler({ token, appid, encodingAESKey, allowPlaintext: true, onMessage: (m) => void seen.push(m), onError: (e) => void errors.push(e) })
    const Content = 'x]]>y<z>]]>'
    for (const mode of ['plain', 'safe'] as const) {
      const res = await handler(await buildPushRequest({ token, appid, encodingAESKey, mode, message: { MsgType: 'text', Content, MsgId: 7300000000000000001n + BigInt(seen.length) } }))
      expect(res.status).toBe(200)
    }
    expect(errors).toEqual([])
    expect(seen.map((m) => [m.type, (m as { Content?: string }).Content, (m as { MsgId?: string }).MsgId])).toEqual([
      ['text', Content, '7300000000000000001'],
      ['text', Content, '7300000000000000002'],
    ])
  })
})

describe('the pushes the fake sends after a send', () => {
  let fake: FakeWeChat
  let receiver: Server
  let bodies: string[]
  let seen: PushMessage[]
  let errors: unknown[]
  let at: string

  beforeEach(async () => {
    bodies = []
    seen = []
    errors = []
    // Plain pushes, so the raw XML is visible; @wx/server reads each one too.
    const handler = createPushHandler({ token, appid, allowPlaintext: true, onMessage: (m) => void seen.push(m), onError: (e) => void errors.push(e) })
    receiver = createServer(async (req, res) => {
      let body = ''
      for await (const c of req) body += c
      bodies.push(body)
      const answer = await handler(new Request(`http://127.0.0.1${req.url}`, { method: 'POST', body }))
      res.writeHead(answer.status).end(await answer.text())
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    fake = await createFakeWeChat({ appid })
    const res = await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${fake.appid}&secret=${fake.secret}`)
    at = ((await res.json()) as { access_token: string }).access_token
  })
  afterEach(async () => {
    await fake.close()
    await new Promise<void>((r) => receiver.close(() => r()))
  })

  const target = () => ({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wechat`, token })
  const post = async (path: string, body: unknown) => (await fetch(`${fake.url}${path}?access_token=${at}`, { method: 'POST', body: JSON.stringify(body) })).text()
  /** The id answered as a JSON number (64-bit: read from the text). */
  const idOf = (text: string, name: string) => new RegExp(`"${name}":(\\d+)`).exec(text)?.[1]
  /** Waits for `n` pushes, then a little longer, so a second push would be seen too. */
  const pushes = async (n = 1) => {
    for (const end = Date.now() + 5000; bodies.length < n && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20))
    await new Promise((r) => setTimeout(r, 150))
    return bodies
  }
  const el = (xml: string, name: string) => new RegExp(`<${name}>(.*?)</${name}>`, 's').exec(xml)?.[1]

  it('no push target: no push', async () => {
    const { template_id } = JSON.parse(await post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00015' }))
    expect(idOf(await post('/cgi-bin/message/template/send', { touser: 'o_user1', template_id, data: { first: { value: 'x' } } }), 'msgid')).toBeDefined()
    await new Promise((r) => setTimeout(r, 100))
    expect(bodies).toEqual([])
    expect(fake.pushes).toEqual([])
  })

  it('template/send -> one TEMPLATESENDJOBFINISH from the recipient, MsgID the msgid answered (bare); a deduplicated resend pushes nothing', async () => {
    fake.set({ push: target() })
    const { template_id } = JSON.parse(await post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00015' }))
    const send = { touser: 'o_user1', template_id, data: { first: { value: 'x' } }, client_msg_id: 'c1' }
    const msgid = idOf(await post('/cgi-bin/message/template/send', send), 'msgid')!
    expect(idOf(await post('/cgi-bin/message/template/send', send), 'msgid')).toBe(msgid)
    const [xml, ...more] = await pushes()
    expect(more).toEqual([])
    expect(el(xml!, 'ToUserName')).toBe('<![CDATA[gh_test]]>')
    expect(el(xml!, 'FromUserName')).toBe('<![CDATA[o_user1]]>')
    expect(el(xml!, 'Event')).toBe('<![CDATA[TEMPLATESENDJOBFINISH]]>')
    expect(el(xml!, 'MsgID')).toBe(msgid)
    expect(el(xml!, 'Status')).toBe('<![CDATA[success]]>')
    expect(xml).not.toContain('<MsgId>') // events carry no MsgId
    expect(errors).toEqual([])
    expect(seen).toMatchObject([{ type: 'TEMPLATESENDJOBFINISH', FromUserName: 'o_user1', MsgID: msgid, Status: 'success' }])
    expect(fake.pushes.map((p) => [p.event, p.status])).toEqual([['TEMPLATESENDJOBFINISH', 200]])
  })

  it('mass/send and mass/sendall -> one MASSSENDJOBFINISH each from mphelper, counts the recipients', async () => {
    fake.set({ push: target() })
    fake.setData('followers', { count: 5 })
    const text = { msgtype: 'text', text: { content: 'hi' } }
    const ids = [
      idOf(await post('/cgi-bin/message/mass/send', { touser: ['o_a', 'o_b', 'o_c'], ...text }), 'msg_id'),
      idOf(await post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, ...text, clientmsgid: 'all' }), 'msg_id'),
    ]
    const { tag } = JSON.parse(await post('/cgi-bin/tags/create', { tag: { name: 'vip' } }))
    await post('/cgi-bin/tags/members/batchtagging', { openid_list: ['o_fan_0000000', 'o_fan_0000001'], tagid: tag.id })
    ids.push(idOf(await post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: false, tag_id: tag.id }, ...text, clientmsgid: 'tag' }), 'msg_id'))
    const xmls = await pushes(3)
    expect(xmls).toHaveLength(3)
    const read = (xml: string) => Object.fromEntries(['FromUserName', 'Event', 'MsgID', 'Status', 'TotalCount', 'FilterCount', 'SentCount', 'ErrorCount'].map((k) => [k, el(xml, k)]))
    const push = (MsgID: string | undefined, n: number) => ({
      FromUserName: '<![CDATA[mphelper]]>',
      Event: '<![CDATA[MASSSENDJOBFINISH]]>',
      MsgID,
      Status: '<![CDATA[send success]]>',
      TotalCount: `${n}`,
      FilterCount: `${n}`,
      SentCount: `${n}`,
      ErrorCount: '0',
    })
    expect(xmls.map(read).sort((a, b) => a.MsgID!.localeCompare(b.MsgID!))).toEqual([push(ids[0], 3), push(ids[1], 5), push(ids[2], 2)])
    expect(errors).toEqual([])
    expect(seen.map((m) => m.type)).toEqual(['MASSSENDJOBFINISH', 'MASSSENDJOBFINISH', 'MASSSENDJOBFINISH'])
  })

  it('subscribe/bizsend -> one subscribe_msg_sent_event from the recipient, with the template and the msgid answered', async () => {
    fake.set({ push: target() })
    const msgid = idOf(await post('/cgi-bin/message/subscribe/bizsend', { touser: 'o_user2', template_id: 'tpl_sub_1', data: { thing1: { value: 'hi' } } }), 'msgid')!
    const [xml, ...more] = await pushes()
    expect(more).toEqual([])
    expect(el(xml!, 'FromUserName')).toBe('<![CDATA[o_user2]]>')
    expect(el(xml!, 'Event')).toBe('<![CDATA[subscribe_msg_sent_event]]>')
    expect(el(xml!, 'SubscribeMsgSentEvent')).toBe(
      `<List><TemplateId><![CDATA[tpl_sub_1]]></TemplateId>\n<MsgID>${msgid}</MsgID>\n<ErrorCode>0</ErrorCode>\n<ErrorStatus><![CDATA[success]]></ErrorStatus></List>`,
    )
    expect(errors).toEqual([])
    // Whatever type @wx/server gives it (unknown, or typed), the fields arrive as sent; one `List` or a list of one.
    expect(seen).toMatchObject([{ Event: 'subscribe_msg_sent_event', FromUserName: 'o_user2' }])
    const list = [(seen[0] as unknown as { SubscribeMsgSentEvent: { List: unknown } }).SubscribeMsgSentEvent.List].flat()
    expect(list).toEqual([{ TemplateId: 'tpl_sub_1', MsgID: msgid, ErrorCode: '0', ErrorStatus: 'success' }])
  })

  it('a rejected publish job: PUBLISHJOBFINISH from mphelper, status 4 with fail_idx, publish_id bare', async () => {
    fake.set({ push: target() })
    fake.setData('draftConfig', { publishDelayMs: 50 })
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    const img = await addMaterial(ctx, { data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]), filename: 'a.jpg', contentType: 'image/jpeg' }, 'image')
    const { media_id } = await addDraft(ctx, [
      { title: 'Fine', content: '<p>ok</p>', thumb_media_id: img.media_id! },
      { title: 'Rejected', content: '<p>FAKE_PUBLISH_FAIL</p>', thumb_media_id: img.media_id! },
    ])
    const { publish_id } = await publishDraft(ctx, media_id)
    const [xml, ...more] = await pushes()
    expect(more).toEqual([])
    expect(el(xml!, 'FromUserName')).toBe('<![CDATA[mphelper]]>')
    expect(el(xml!, 'PublishEventInfo')).toBe(`<publish_id>${publish_id}</publish_id>\n<publish_status>4</publish_status>\n<fail_idx>2</fail_idx>`)
    expect(JSON.parse(await post('/cgi-bin/freepublish/get', { publish_id }))).toMatchObject({ publish_status: 4, fail_idx: [2] })
    expect(seen).toMatchObject([{ type: 'PUBLISHJOBFINISH', FromUserName: 'mphelper', PublishEventInfo: { publish_id, publish_status: '4', fail_idx: '2' } }])
  })
})

describe('a push handler that never answers', () => {
  it('close() ends the push still waiting: the handler sees its connection go, and nothing keeps the process', async () => {
    let arrived!: () => void
    const arrival = new Promise<void>((r) => (arrived = r))
    let gone: number | undefined
    const hung = createServer((req) => {
      arrived()
      req.socket.on('close', () => (gone = Date.now()))
    })
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r))
    const fake = await createFakeWeChat({ appid, push: { url: `http://127.0.0.1:${(hung.address() as AddressInfo).port}/wechat`, token } })
    try {
      const at = ((await (await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${fake.appid}&secret=${fake.secret}`)).json()) as { access_token: string }).access_token
      const api = async (path: string, body: unknown) => (await fetch(`${fake.url}${path}?access_token=${at}`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<{ template_id?: string }>
      const { template_id } = await api('/cgi-bin/template/api_add_template', { template_id_short: 'TM00015' })
      await api('/cgi-bin/message/template/send', { touser: 'o_user1', template_id, data: { first: { value: 'x' } } })
      await arrival
      const closed = Date.now()
      await fake.close()
      for (const end = Date.now() + 3000; gone === undefined && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10))
      // Before: the fake's fetch had no signal and waited for undici's 300 s headers timeout.
      expect(gone !== undefined && gone - closed).toBeLessThan(1000)
      expect(fake.pushes).toMatchObject([{ event: 'TEMPLATESENDJOBFINISH', status: 0 }])
    } finally {
      await fake.close()
      hung.closeAllConnections()
      await new Promise<void>((r) => hung.close(() => r()))
    }
  })
})
