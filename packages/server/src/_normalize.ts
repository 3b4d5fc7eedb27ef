/** Turns a parsed XML/JSON push into a `PushMessage`. Internal. */
import type { PushMessage } from './messages.ts'
import { PushError } from './PushError.ts'
import { parseJsonPush } from './_json.ts'
import { parseXml, type XmlObject } from './_xml.ts'

const MESSAGES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link']
/**
 * Event names by their lower-case form: `subscribe`, `unsubscribe` and every event `REQUIRED` or
 * `NESTED` lists. Built on the first push (nothing runs at import).
 */
let events: Map<string, string> | undefined
const buildEvents = () =>
  new Map(
    ['subscribe', 'unsubscribe', ...Object.keys(REQUIRED), ...Object.keys(NESTED)].filter((e) => !MESSAGES.includes(e)).map((e) => [e.toLowerCase(), e]),
  )

/** Parses a push body: JSON when it starts with `{`, else XML. Linear time; throws `PushError('xml')`. */
export function parseBody(text: string): XmlObject {
  return isJsonBody(text) ? parseJsonPush(text.trimStart()) : parseXml(text)
}

/** Tells whether a body is JSON (otherwise XML). */
export const isJsonBody = (text: string) => text.trimStart().startsWith('{')

/** Text fields declared required per type (missing ones become ''). Declared objects: `NESTED`. */
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
  scancode_push: 'EventKey',
  scancode_waitmsg: 'EventKey',
  pic_sysphoto: 'EventKey',
  pic_photo_or_album: 'EventKey',
  pic_weixin: 'EventKey',
  location_select: 'EventKey',
  TEMPLATESENDJOBFINISH: 'MsgID Status',
  MASSSENDJOBFINISH: 'MsgID Status TotalCount FilterCount SentCount ErrorCount',
  kf_create_session: 'KfAccount',
  kf_close_session: 'KfAccount',
  kf_switch_session: 'FromKfAccount ToKfAccount',
}

/** Every field `messages.ts` declares as a string, whatever the push's type (and `CreateTime`, text before it is a number). */
let strings: Set<string> | undefined
const buildStrings = () =>
  new Set(`ToUserName FromUserName CreateTime MsgType Event MsgDataId Idx bizmsgmenuid Recognition MediaId16K MenuId ${Object.values(REQUIRED).join(' ')}`.split(' '))

const notText = (field: string, what = 'a single text value'): never => {
  throw new PushError('xml', `Rejected the push body: ${field} must be ${what} (it came repeated or nested)`)
}
const isObject = (v: unknown): v is XmlObject => !!v && typeof v === 'object' && !Array.isArray(v)

/**
 * The shape of a declared field inside a push (`messages.ts`): `0` text, checked when present; `1`
 * text, `''` when missing; an object of shapes, checked when present (an empty element is an object
 * without fields); `[x]` one `x` or several (an array: the XML repeats the element), checked when
 * present; `[x, 1]` an `x` created when missing (an object with its required fields `''`, or `[]` for
 * `[[y], 1]`).
 */
type Shape = 0 | 1 | [Shape, 1?] | { [field: string]: Shape }

/** Checks `o[k]` against its shape, filling what is missing; `path` names it in the error. Linear in the push. */
function walk(o: any, k: string | number, s: Shape, path: string): void {
  let v = o[k]
  if (Array.isArray(s) && s[1]) {
    s = s[0]
    v ??= o[k] = Array.isArray(s) ? [] : Object.create(null)
  }
  if (v === undefined) {
    if (s === 1) o[k] = ''
  } else if (typeof s === 'number') {
    if (typeof v !== 'string') notText(path)
  } else if (Array.isArray(s)) Array.isArray(v) ? v.forEach((_, i) => walk(v, i, s[0], path)) : walk(o, k, s[0], path)
  else {
    // An empty element (`<ResultList/>`, `<ResultList>\n</ResultList>` as WeChat's samples are laid out,
    // JSON null or []) is an object without fields; other text is refused.
    if ((typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length)) v = o[k] = Object.create(null)
    else if (!isObject(v)) notText(path, 'one element with fields')
    for (const f in s) walk(v, f, s[f]!, `${path}.${f}`)
  }
}

const SCANS: Record<string, Shape> = { ScanCodeInfo: [{ ScanType: 1, ScanResult: 1 }, 1] }
const PICS: Record<string, Shape> = { SendPicsInfo: [{ Count: 1, PicList: { item: [{ PicMd5Sum: 1 }] } }, 1] }
/** The declared objects per type: created when missing (`[x, 1]`), or checked when present. */
const NESTED: Record<string, Record<string, Shape>> = {
  scancode_push: SCANS,
  scancode_waitmsg: SCANS,
  pic_sysphoto: PICS,
  pic_photo_or_album: PICS,
  pic_weixin: PICS,
  location_select: { SendLocationInfo: [{ Location_X: 1, Location_Y: 1, Scale: 1, Label: 1, Poiname: 0 }, 1] },
  MASSSENDJOBFINISH: {
    CopyrightCheckResult: {
      Count: 1,
      CheckState: 1,
      ResultList: {
        item: [
          {
            ArticleIdx: 1,
            UserDeclareState: 1,
            AuditState: 1,
            OriginalArticleUrl: 1,
            OriginalArticleType: 1,
            CanReprint: 1,
            NeedReplaceContent: 1,
            NeedShowReprintSource: 1,
          },
        ],
      },
    },
    ArticleUrlResult: { Count: 1, ResultList: { item: [{ ArticleIdx: 1, ArticleUrl: 1 }] } },
  },
  PUBLISHJOBFINISH: {
    PublishEventInfo: [{ publish_id: 1, publish_status: 1, article_id: 0, fail_idx: [0], article_detail: { count: 0, item: [{ idx: 0, article_url: 0 }] } }, 1],
  },
  subscribe_msg_popup_event: { SubscribeMsgPopupEvent: [{ List: [[{ TemplateId: 1, SubscribeStatusString: 1, PopupScene: 1 }], 1] }, 1] },
  subscribe_msg_change_event: { SubscribeMsgChangeEvent: [{ List: [[{ TemplateId: 1, SubscribeStatusString: 1 }], 1] }, 1] },
  subscribe_msg_sent_event: { SubscribeMsgSentEvent: [{ List: [[{ TemplateId: 1, MsgID: 1, ErrorCode: 1, ErrorStatus: 1 }], 1] }, 1] },
}

/**
 * Adds `type` and a numeric `CreateTime`, and makes the fields have the types `messages.ts` promises:
 * a declared string field that came repeated or nested (`<Content>` twice, an element inside it) is
 * refused (`PushError` `xml`, passed to `onError`), never handed over as an array or object; a declared
 * field that is missing becomes `''` (declared objects: created, their declared fields `''`, a
 * subscribe-notification `List` `[]`; optional ones, such as `Poiname` or `CopyrightCheckResult`, are
 * checked when present and never added). Fields not declared are kept as sent. Unknown kinds become
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
  for (const k of `ToUserName FromUserName MsgType ${REQUIRED[type] ?? ''}`.split(' ')) if (k) m[k] ??= ''
  const nested = NESTED[type]
  // WeChat's JSON form of the subscribe-notification events puts `List` at the top, without the wrapper
  // element: it is read as if it were inside (and kept where it came).
  const wrapper = type.startsWith('subscribe_msg_') && Object.keys(nested!)[0]!
  if (wrapper && m[wrapper] === undefined && m.List !== undefined) m[wrapper] = { List: m.List }
  for (const k in nested) walk(m, k, nested[k]!, k)
  return m as PushMessage
}
