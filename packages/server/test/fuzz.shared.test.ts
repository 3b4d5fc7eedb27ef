// Push fuzzing (seeded): mutated XML/JSON bodies, signed (plaintext) and encrypted (safe mode), must be
// answered 200 or 400, never 500 or a throw; refusals are PushErrors; what reaches onMessage has the
// declared types. On Node and in the edge runtime.
import { createPushHandler, isPushError, type PushMessage } from '@wx/server'
import { buildPushRequest, pushXml } from '@wx/testing/fetch'
import { describe, expect, it } from 'vitest'

const token = 'mytoken123'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const appid = 'wx_test_appid'

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const seeds = [
  pushXml({ ToUserName: 'gh_test', FromUserName: 'o_u', CreateTime: 1700000000, MsgType: 'text', Content: 'hello <b>&amp;', MsgId: '6054768590064713728' }),
  pushXml({ ToUserName: 'gh_test', FromUserName: 'o_u', CreateTime: 1700000000, MsgType: 'event', Event: 'scancode_waitmsg', EventKey: 'k', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'r' } }),
  pushXml({ ToUserName: 'gh_test', FromUserName: 'o_u', CreateTime: 1700000000, MsgType: 'event', Event: 'PUBLISHJOBFINISH', PublishEventInfo: { publish_id: '1', publish_status: '0', fail_idx: ['1', '2'] } }),
  '{"ToUserName":"gh_test","FromUserName":"o_u","CreateTime":1700000000,"MsgType":"text","Content":"j\\u0041\\n","MsgId":6054768590064713728}',
  [
    '<xml><ToUserName>gh_test</ToUserName>',
    '<FromUserName>o_u</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>subscribe_msg_sent_event</Event>',
    '<SubscribeMsgSentEvent>',
    '<List><TemplateId>t1</TemplateId><MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode><ErrorStatus>success</ErrorStatus></List>',
    '<List>',
    '<TemplateId>t2</TemplateId>',
    '<MsgID>1700827132819554305</MsgID>',
    '</List>',
    '</SubscribeMsgSentEvent></xml>',
  ].join('\n'),
]
const tokens = ['<', '>', '</', '<![CDATA[', ']]>', '<!--', '-->', '&', '&#x;', '&#0;', '&lt;', '<!DOCTYPE x>', '<!ENTITY a "b">', '<?pi?>', '__proto__', '<Content>', '</Content>', '{', '}', '[', ']', '"', '\\', ':', ',', '\u0000', '\uFEFF', 'é']

function mutate(text: string, r: () => number): string {
  let s = text
  for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
    const at = Math.floor(r() * (s.length + 1))
    const what = r()
    if (what < 0.35) s = s.slice(0, at) + tokens[Math.floor(r() * tokens.length)] + s.slice(at)
    else if (what < 0.6) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 8))
    else if (what < 0.7) s = s.slice(0, at) + s.slice(at, at + 20).repeat(2 + Math.floor(r() * 3)) + s.slice(at + 20)
    else if (what < 0.8) {
      // repeat or nest a whole element (pushXml puts one per line)
      const lines = s.split('\n')
      const k = Math.floor(r() * lines.length)
      lines.splice(k, 0, r() < 0.5 ? lines[k]! : `<Content>${lines[k]}</Content>`)
      s = lines.join('\n')
    }
    else s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + s.slice(at + 1)
  }
  return s
}

function check(seen: PushMessage[], errors: unknown[]) {
  expect(errors.filter((e) => !isPushError(e))).toEqual([])
  for (const m of seen) {
    for (const k of ['ToUserName', 'FromUserName', 'MsgType']) expect(typeof (m as any)[k]).toBe('string')
    expect(typeof m.CreateTime).toBe('number')
    for (const k of ['Content', 'MsgId', 'Event', 'EventKey']) if (k in m) expect(typeof (m as any)[k]).toBe('string')
    if (m.type === 'scancode_waitmsg') expect(typeof m.ScanCodeInfo.ScanResult).toBe('string')
    if (m.type === 'subscribe_msg_sent_event')
      for (const i of [m.SubscribeMsgSentEvent.List].flat()) for (const k of ['TemplateId', 'MsgID', 'ErrorCode', 'ErrorStatus'] as const) expect(typeof i[k]).toBe('string')
    expect(Object.getPrototypeOf(m)).toBe(null)
  }
}

describe('push fuzzing', () => {
  for (const mode of ['plain', 'safe'] as const) {
    it(`400 mutated bodies (${mode}): 200 or 400, never 500; typed messages only`, async () => {
      const r = rng(mode === 'plain' ? 12 : 34)
      const seen: PushMessage[] = []
      const errors: unknown[] = []
      const handler = createPushHandler({
        token,
        appid,
        ...(mode === 'safe' ? { encodingAESKey } : {}),
        dedupe: false,
        onMessage: (m) => void seen.push(m),
        onError: (e) => errors.push(e),
      })
      const statuses = new Set<number>()
      for (let i = 0; i < 400; i++) {
        const body = mutate(seeds[i % seeds.length]!, r)
        const req = await buildPushRequest({ token, ...(mode === 'safe' ? { encodingAESKey, appid } : {}), message: body })
        statuses.add((await handler(req)).status)
      }
      expect([...statuses].every((s) => s === 200 || s === 400)).toBe(true)
      expect(statuses.has(400)).toBe(true)
      expect(seen.length).toBeGreaterThan(20)
      check(seen, errors)
    })
  }
})
