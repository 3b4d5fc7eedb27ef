/** Turns a parsed XML/JSON push into a `PushMessage`. Internal. */
import { parseJson } from '@wx/core'
import type { PushMessage } from './messages.ts'
import { PushError } from './PushError.ts'
import { checkName, parseXml, type XmlObject, type XmlValue } from './_xml.ts'

const MESSAGES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link']
const EVENTS = /* @__PURE__ */ (() =>
  new Map(
    [
      'subscribe',
      'unsubscribe',
      'SCAN',
      'LOCATION',
      'CLICK',
      'VIEW',
      'view_miniprogram',
      'scancode_push',
      'scancode_waitmsg',
      'pic_sysphoto',
      'pic_photo_or_album',
      'pic_weixin',
      'location_select',
      'TEMPLATESENDJOBFINISH',
      'MASSSENDJOBFINISH',
      'PUBLISHJOBFINISH',
      'kf_create_session',
      'kf_close_session',
      'kf_switch_session',
    ].map((e) => [e.toLowerCase(), e]),
  ))()

/** Copies parsed JSON into null-prototype objects with string leaves, rejecting forbidden names. */
function fromJson(v: unknown, depth: number): XmlValue {
  if (depth > 8) throw new PushError('xml', 'Rejected the push body: nested too deep')
  if (Array.isArray(v)) return v.map((x) => fromJson(x, depth + 1))
  if (v && typeof v === 'object') {
    const o = Object.create(null) as XmlObject
    for (const k of Object.keys(v)) {
      checkName(k)
      o[k] = fromJson((v as any)[k], depth + 1)
    }
    return o
  }
  return v === null || v === undefined ? '' : String(v)
}

/** Parses a push body: XML, or JSON when it starts with `{`. Throws `PushError('xml')`. */
export function parseBody(text: string): XmlObject {
  const t = text.trimStart()
  if (t.startsWith('{')) {
    let raw: unknown
    try {
      raw = parseJson(t)
    } catch {
      throw new PushError('xml', 'Rejected the push body: malformed JSON')
    }
    const o = fromJson(raw, 1)
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new PushError('xml', 'Rejected the push body: not an object')
    return o
  }
  return parseXml(text)
}

/** Tells whether a body is JSON (otherwise XML). */
export const isJsonBody = (text: string) => text.trimStart().startsWith('{')

/** Adds `type` and a numeric `CreateTime`; unknown kinds become `type: 'unknown'`. */
export function toPushMessage(o: XmlObject): PushMessage {
  const m = o as any
  const msgType = typeof m.MsgType === 'string' ? m.MsgType : ''
  let type = 'unknown'
  if (msgType === 'event') type = (typeof m.Event === 'string' && EVENTS.get(m.Event.toLowerCase())) || 'unknown'
  else if (MESSAGES.includes(msgType)) type = msgType
  m.type = type
  const t = Number(m.CreateTime)
  m.CreateTime = Number.isFinite(t) ? t : 0
  for (const k of ['ToUserName', 'FromUserName', 'MsgType']) if (typeof m[k] !== 'string') m[k] = ''
  return m as PushMessage
}
