/** Turns a parsed XML/JSON push into a `PushMessage`. Internal. */
import type { PushMessage } from './messages.ts'
import { PushError } from './PushError.ts'
import { parseJsonPush } from './_json.ts'
import { parseXml, type XmlObject } from './_xml.ts'

const MESSAGES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link']
/** Event names by their lower-case form, built on the first push (nothing runs at import). */
let events: Map<string, string> | undefined
const buildEvents = () =>
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
  )

/** Parses a push body: JSON when it starts with `{`, else XML. Linear time; throws `PushError('xml')`. */
export function parseBody(text: string): XmlObject {
  return isJsonBody(text) ? parseJsonPush(text.trimStart()) : parseXml(text)
}

/** Tells whether a body is JSON (otherwise XML). */
export const isJsonBody = (text: string) => text.trimStart().startsWith('{')

/** Fields declared required per type (missing ones become ''), and declared objects with their string fields. */
const REQUIRED: Record<string, string> = {
  text: 'MsgId Content',
  image: 'MsgId PicUrl MediaId',
  voice: 'MsgId MediaId Format',
  video: 'MsgId MediaId ThumbMediaId',
  shortvideo: 'MsgId MediaId ThumbMediaId',
  location: 'MsgId Location_X Location_Y Scale Label',
  link: 'MsgId Title Description Url',
  SCAN: 'EventKey Ticket',
  LOCATION: 'Latitude Longitude Precision',
  CLICK: 'EventKey',
  VIEW: 'EventKey',
  view_miniprogram: 'EventKey',
  scancode_push: 'EventKey ScanCodeInfo:ScanType,ScanResult',
  scancode_waitmsg: 'EventKey ScanCodeInfo:ScanType,ScanResult',
  pic_sysphoto: 'EventKey SendPicsInfo:Count',
  pic_photo_or_album: 'EventKey SendPicsInfo:Count',
  pic_weixin: 'EventKey SendPicsInfo:Count',
  location_select: 'EventKey SendLocationInfo:Location_X,Location_Y,Scale,Label',
  TEMPLATESENDJOBFINISH: 'MsgID Status',
  MASSSENDJOBFINISH: 'MsgID Status TotalCount FilterCount SentCount ErrorCount',
  PUBLISHJOBFINISH: 'PublishEventInfo:publish_id,publish_status',
  kf_create_session: 'KfAccount',
  kf_close_session: 'KfAccount',
  kf_switch_session: 'FromKfAccount ToKfAccount',
}

/** Every field `messages.ts` declares as a string, whatever the push's type (and `CreateTime`, text before it is a number). */
let strings: Set<string> | undefined
const buildStrings = () =>
  new Set(
    `ToUserName FromUserName CreateTime MsgType Event MsgDataId Idx bizmsgmenuid Recognition MediaId16K MenuId ${Object.values(REQUIRED).join(' ')}`
      .split(' ')
      .filter((k) => !k.includes(':')),
  )

const notText = (field: string, what = 'a single text value'): never => {
  throw new PushError('xml', `Rejected the push body: ${field} must be ${what} (it came repeated or nested)`)
}
const isObject = (v: unknown): v is XmlObject => !!v && typeof v === 'object' && !Array.isArray(v)

/** A declared text field WeChat may leave out, inside a declared object: checked when present, never added. */
const optionalText = (o: XmlObject, k: string, path: string) => {
  if (o[k] !== undefined && typeof o[k] !== 'string') notText(`${path}.${k}`)
}

/** The declared fields inside declared objects that REQUIRED does not cover (`messages.ts`). */
function checkNested(type: string, m: any): void {
  if (type === 'location_select') optionalText(m.SendLocationInfo, 'Poiname', 'SendLocationInfo')
  if (type !== 'PUBLISHJOBFINISH') return
  const info: XmlObject = m.PublishEventInfo
  optionalText(info, 'article_id', 'PublishEventInfo')
  const failed = info.fail_idx
  if (failed !== undefined && typeof failed !== 'string' && !(Array.isArray(failed) && failed.every((f) => typeof f === 'string')))
    notText('PublishEventInfo.fail_idx', 'text or repeated text')
  if (info.article_detail === undefined) return
  const detail = isObject(info.article_detail) ? info.article_detail : notText('PublishEventInfo.article_detail', 'one element with fields')
  optionalText(detail, 'count', 'PublishEventInfo.article_detail')
  for (const v of [detail.item ?? []].flat()) {
    const item = isObject(v) ? v : notText('PublishEventInfo.article_detail.item', 'elements with fields')
    for (const k of ['idx', 'article_url']) optionalText(item, k, 'PublishEventInfo.article_detail.item')
  }
}

/**
 * Adds `type` and a numeric `CreateTime`, and makes the fields have the types `messages.ts` promises:
 * a declared string field that came repeated or nested (`<Content>` twice, an element inside it) is
 * refused (`PushError` `xml`, passed to `onError`), never handed over as an array or object; a declared
 * field that is missing becomes `''` (objects: their declared fields `''`; optional fields inside them,
 * such as `Poiname`, are checked when present and never added). Unknown kinds become
 * `type: 'unknown'` with every other field as sent.
 */
export function toPushMessage(o: XmlObject): PushMessage {
  const m = o as any
  strings ??= buildStrings()
  for (const k in m) if (strings.has(k) && typeof m[k] !== 'string') notText(k)
  const msgType = m.MsgType ?? ''
  let type = 'unknown'
  if (msgType === 'event') type = (m.Event && (events ??= buildEvents()).get(m.Event.toLowerCase())) || 'unknown'
  else if (MESSAGES.includes(msgType)) type = msgType
  m.type = type
  const t = Number(m.CreateTime)
  m.CreateTime = Number.isFinite(t) ? t : 0
  for (const spec of `ToUserName FromUserName MsgType ${REQUIRED[type] ?? ''}`.split(' ')) {
    const [k, sub] = spec.split(':') as [string, string?]
    if (!k) continue
    if (sub === undefined) m[k] ??= ''
    else {
      if (m[k] === undefined) m[k] = Object.create(null)
      else if (!isObject(m[k])) notText(k, 'one element with fields')
      for (const f of sub.split(',')) {
        if (m[k][f] === undefined) m[k][f] = ''
        else if (typeof m[k][f] !== 'string') notText(`${k}.${f}`)
      }
    }
  }
  checkNested(type, m)
  return m as PushMessage
}
