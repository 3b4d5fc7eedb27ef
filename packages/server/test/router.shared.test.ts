// createRouter: routes per type and event (and event key), middleware, fallback, typed narrowing.
import { createPushHandler, createRouter, textReply, type ClickEvent, type PushMessage, type ScanCodeEvent, type TextMessage } from '@wx/server'
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
  })
})
