// createRouter: routes per type and event (and event key), middleware, fallback, typed narrowing.
import {
  createPushHandler,
  createRouter,
  textReply,
  type ClickEvent,
  type LocationSelectEvent,
  type PicEvent,
  type PushMessage,
  type ScanCodeEvent,
  type SubscribeEvent,
  type SubscribeMsgSentEvent,
  type TextMessage,
  type ViewMiniprogramEvent,
} from '@wx/server'
import { buildPushRequest } from '@wx/testing/fetch'
import { describe, expect, expectTypeOf, it } from 'vitest'

const cfg = { token: 'mytoken123', appid: 'wx_test_appid' } // a plaintext-mode account

async function reply(onMessage: Parameters<typeof createPushHandler>[0]['onMessage'], message: Record<string, unknown>) {
  const errors: unknown[] = []
  const handler = createPushHandler({ ...cfg, onMessage, onError: (e) => errors.push(e) })
  const res = await handler(await buildPushRequest({ token: cfg.token, message }))
  const body = await res.text()
  return { status: res.status, content: /<Content><!\[CDATA\[(.*?)\]\]>/.exec(body)?.[1] ?? body, errors }
}

describe('createRouter', () => {
  const router = createRouter()
    .on('text', (m) => {
      expectTypeOf(m).toEqualTypeOf<TextMessage>()
      return textReply(`text: ${m.Content}`)
    })
    .on('CLICK', 'MENU_HELP', (m) => {
      expectTypeOf(m).toEqualTypeOf<ClickEvent>()
      return `help (${m.EventKey})`
    })
    .on('CLICK', (m) => `click ${m.EventKey}`)
    .on('VIEW', 'https://example.com/a', () => 'view a')
    .on('SCAN', '42', (m) => `scene ${m.EventKey}, ticket ${m.Ticket}`)
    .on('scancode_push', (m) => {
      expectTypeOf(m).toEqualTypeOf<ScanCodeEvent>()
      return `scanned ${m.ScanCodeInfo.ScanResult}`
    })
    .on('subscribe', (m) => `welcome ${m.EventKey ?? ''}`.trim())

  it('routes by message type', async () => {
    expect((await reply(router, { MsgType: 'text', Content: 'hi' })).content).toBe('text: hi')
  })
  it('routes events by type, and CLICK/VIEW/SCAN by event key first', async () => {
    expect((await reply(router, { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_HELP' })).content).toBe('help (MENU_HELP)')
    expect((await reply(router, { MsgType: 'event', Event: 'CLICK', EventKey: 'OTHER' })).content).toBe('click OTHER')
    expect((await reply(router, { MsgType: 'event', Event: 'VIEW', EventKey: 'https://example.com/a' })).content).toBe('view a')
    expect((await reply(router, { MsgType: 'event', Event: 'SCAN', EventKey: '42', Ticket: 't' })).content).toBe('scene 42, ticket t')
    expect((await reply(router, { MsgType: 'event', Event: 'scancode_push', EventKey: 'k', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'r' } })).content).toBe('scanned r')
    expect((await reply(router, { MsgType: 'event', Event: 'subscribe' })).content).toBe('welcome')
  })
  it('answers success when nothing matches and there is no fallback', async () => {
    expect((await reply(router, { MsgType: 'image', PicUrl: 'u', MediaId: 'm' })).content).toBe('success')
    expect((await reply(router, { MsgType: 'event', Event: 'VIEW', EventKey: 'https://example.com/b' })).content).toBe('success')
  })
  it('runs middlewares in order around the route; one may answer without next(); the fallback takes the rest', async () => {
    const trail: string[] = []
    const r = createRouter()
      .use(async (m, _push, next) => {
        trail.push(`a> ${m.type}`)
        const out = await next()
        trail.push('a<')
        return out
      })
      .use((m, _push, next) => (m.type === 'text' && m.Content === 'stop' ? 'stopped' : next()))
      .on('text', (m) => m.Content)
      .otherwise((m) => {
        expectTypeOf(m).toEqualTypeOf<PushMessage>()
        return `fallback ${m.type}`
      })
    expect((await reply(r, { MsgType: 'text', Content: 'go' })).content).toBe('go')
    expect((await reply(r, { MsgType: 'text', Content: 'stop' })).content).toBe('stopped')
    expect((await reply(r, { MsgType: 'voice', MediaId: 'm', Format: 'amr' })).content).toBe('fallback voice')
    expect(trail).toEqual(['a> text', 'a<', 'a> text', 'a<', 'a> voice', 'a<'])
  })
  it("a route's error reaches onError (500, so WeChat retries)", async () => {
    const r = createRouter().on('text', () => {
      throw new Error('route failed')
    })
    const out = await reply(r, { MsgType: 'text', Content: 'x' })
    expect(out.status).toBe(500)
    expect((out.errors[0] as Error).message).toBe('route failed')
  })
  it('only keyed events take an event key (type error otherwise)', () => {
    // @ts-expect-error text messages have no event key
    createRouter().on('text', 'key', () => undefined)
    // @ts-expect-error unsubscribe carries no event key
    createRouter().on('unsubscribe', 'key', () => undefined)
    // @ts-expect-error nor does a subscribe-notification event
    createRouter().on('subscribe_msg_sent_event', 'key', () => undefined)
  })
  it('routes a follow through a parametric QR code by its scene (qrscene_<scene>, or the bare scene); a plain on(subscribe) takes every other follow', async () => {
    const r = createRouter()
      .on('subscribe', 'promo', (m) => {
        expectTypeOf(m).toEqualTypeOf<SubscribeEvent>()
        return `promo follow (${m.EventKey}, ${m.Ticket ?? ''})`
      })
      .on('SCAN', 'promo', (m) => `promo scan (${m.EventKey})`)
      .on('CLICK', 'promo', () => 'click promo')
      .on('subscribe', (m) => `follow ${m.EventKey ?? '-'}`)
      .on('CLICK', (m) => `click ${m.EventKey}`)
    const follow = (extra: Record<string, unknown>) => reply(r, { MsgType: 'event', Event: 'subscribe', ...extra })
    expect((await follow({ EventKey: 'qrscene_promo', Ticket: 'gQH47joAAAAAAAAAASxodHRw' })).content).toBe('promo follow (qrscene_promo, gQH47joAAAAAAAAAASxodHRw)')
    expect((await follow({ EventKey: 'promo' })).content).toBe('promo follow (promo, )')
    expect((await follow({ EventKey: 'qrscene_other', Ticket: 't' })).content).toBe('follow qrscene_other')
    expect((await follow({ EventKey: 'qrscene_promo2', Ticket: 't' })).content).toBe('follow qrscene_promo2')
    expect((await follow({})).content).toBe('follow -')
    expect((await reply(r, { MsgType: 'event', Event: 'SCAN', EventKey: 'promo', Ticket: 't' })).content).toBe('promo scan (promo)')
    // The qrscene_ prefix is a subscribe's only: a CLICK key is matched exactly.
    expect((await reply(r, { MsgType: 'event', Event: 'CLICK', EventKey: 'qrscene_promo' })).content).toBe('click qrscene_promo')
  })
  it('routes the menu events that carry the menu EventKey by it', async () => {
    const r = createRouter()
      .on('scancode_waitmsg', 'SCAN_1', (m) => {
        expectTypeOf(m).toEqualTypeOf<ScanCodeEvent>()
        return `scan ${m.ScanCodeInfo.ScanResult}`
      })
      .on('scancode_push', 'SCAN_2', () => 'push 2')
      .on('pic_sysphoto', 'PIC_1', (m) => {
        expectTypeOf(m).toEqualTypeOf<PicEvent>()
        return `photo ${m.SendPicsInfo.Count}`
      })
      .on('pic_photo_or_album', 'PIC_2', () => 'album')
      .on('pic_weixin', 'PIC_3', () => 'weixin')
      .on('location_select', 'LOC', (m) => {
        expectTypeOf(m).toEqualTypeOf<LocationSelectEvent>()
        return `at ${m.SendLocationInfo.Label}`
      })
      .on('view_miniprogram', 'pages/index/index', (m) => {
        expectTypeOf(m).toEqualTypeOf<ViewMiniprogramEvent>()
        return `mp ${m.MenuId}`
      })
      .otherwise((m) => `other ${m.type}`)
    const ev = (Event: string, EventKey: string, extra: Record<string, unknown> = {}) => reply(r, { MsgType: 'event', Event, EventKey, ...extra })
    const scan = { ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'r' } }
    const pics = { SendPicsInfo: { Count: '1', PicList: { item: { PicMd5Sum: 'md5' } } } }
    expect((await ev('scancode_waitmsg', 'SCAN_1', scan)).content).toBe('scan r')
    expect((await ev('scancode_waitmsg', 'SCAN_2', scan)).content).toBe('other scancode_waitmsg')
    expect((await ev('scancode_push', 'SCAN_2', scan)).content).toBe('push 2')
    expect((await ev('pic_sysphoto', 'PIC_1', pics)).content).toBe('photo 1')
    expect((await ev('pic_photo_or_album', 'PIC_2', pics)).content).toBe('album')
    expect((await ev('pic_weixin', 'PIC_3', pics)).content).toBe('weixin')
    expect((await ev('pic_weixin', 'PIC_1', pics)).content).toBe('other pic_weixin')
    expect((await ev('location_select', 'LOC', { SendLocationInfo: { Location_X: '1', Location_Y: '2', Scale: '15', Label: 'Shenzhen' } })).content).toBe('at Shenzhen')
    expect((await ev('view_miniprogram', 'pages/index/index', { MenuId: '7' })).content).toBe('mp 7')
  })
  it('routes the subscribe-notification events by type, narrowed', async () => {
    const r = createRouter().on('subscribe_msg_sent_event', (m) => {
      expectTypeOf(m).toEqualTypeOf<SubscribeMsgSentEvent>()
      return `sent ${[m.SubscribeMsgSentEvent.List].flat().map((i) => `${i.MsgID}:${i.ErrorStatus}`).join(',')}`
    })
    const out = await reply(r, {
      MsgType: 'event',
      Event: 'subscribe_msg_sent_event',
      SubscribeMsgSentEvent: { List: { TemplateId: 't', MsgID: '1700827132819554304', ErrorCode: '0', ErrorStatus: 'success' } },
    })
    expect(out.content).toBe('sent 1700827132819554304:success')
  })
})
