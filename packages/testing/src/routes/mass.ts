import { emitLater } from '../push.ts'
import type { FakeState } from '../state.ts'
import { bytes, checkOpenid, fail, need, type FakeRoute } from '../route.ts'
import { followersOf, tagCount } from './user.ts'

/**
 * Mass sends. Records live in `state.data.mass`; the dedupe window (WeChat: 60 s) is read from
 * `state.data.massConfig.dedupeWindowMs`, so tests can shorten it: `fake.setData('massConfig', { dedupeWindowMs: 300 })`.
 * A send to openids counts one delivery per openid; a send to all or to a tag counts one delivery
 * (to `all` or `tag:<id>`). With a push target (`FakeOptions.push`), a new send is followed by a
 * `MASSSENDJOBFINISH` push from `mphelper`: `MsgID` the msg_id answered, `Status` `send success`, and
 * `TotalCount` = `FilterCount` = `SentCount` = the recipients (the openids, the followers, or the
 * users with the tag), `ErrorCount` 0. A deduplicated resend (45065) pushes nothing.
 */
interface MassRecord {
  msg_id: string
  msg_data_id?: string
  status: 'SEND_SUCCESS' | 'DELETE'
}
interface MassBag {
  seq: number
  /** clientmsgid -> the send it first made. */
  sent: Record<string, { msg_id: string; msg_data_id?: string; at: number }>
  messages: Record<string, MassRecord>
  media: Record<string, { type: string; created_at: number }>
  speed: number
}

const bag = (state: FakeState) => state.bag<MassBag>('mass', () => ({ seq: 0, sent: {}, messages: {}, media: {}, speed: 0 }))
const windowMs = (state: FakeState) => +(state.data.massConfig?.dedupeWindowMs ?? 60_000)
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const mediaId = (v: unknown) => str(v) && /^[\w-]{1,128}$/.test(v) && !v.startsWith('expired')

/** WeChat writes 64-bit ids as JSON numbers: answer raw JSON so they stay numbers. */
function answer(data: Record<string, unknown>): Response {
  const text = JSON.stringify(data).replace(/"(msg_id|msg_data_id)":"(\d+)"/g, '"$1":$2')
  return new Response(text, { headers: { 'content-type': 'application/json; encoding=utf-8' } })
}

/** A 19-digit msg_id, beyond 2^53, as WeChat hands out. */
const nextMsgId = (b: MassBag) => `31474836520${String(++b.seq).padStart(8, '0')}`

/** Checks the message part of a mass/preview body as WeChat does. */
function checkMassMessage(b: any): void {
  const type = b.msgtype
  if (!['mpnews', 'text', 'voice', 'image', 'mpvideo', 'wxcard'].includes(type)) fail(40008, 'invalid message type')
  const m = type === 'image' && b.images ? b.images : b[type]
  need(m && typeof m === 'object', 44002, `empty ${type} field`)
  switch (type) {
    case 'text':
      need(str(m.content), 44004, 'empty content')
      need(bytes(m.content) <= 20000, 45002, 'content size out of limit')
      break
    case 'wxcard':
      need(str(m.card_id), 40056, 'invalid card_id')
      break
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: an image without `images` is checked as one media_id below
    case 'image':
      if (b.images) {
        need(Array.isArray(m.media_ids) && m.media_ids.length > 0 && m.media_ids.every(mediaId), 40007, 'invalid media_id')
        break
      }
    // falls through
    default:
      need(mediaId(m.media_id), 40007, 'invalid media_id')
  }
}

function massSend(state: FakeState, body: any, to: string[] | string): Response {
  const b = bag(state)
  need(body && typeof body === 'object', 44002, 'empty post data')
  checkMassMessage(body)
  const now = Date.now()
  const c = body.clientmsgid
  if (c !== undefined) need(typeof c === 'string' && c.length > 0 && bytes(c) <= 64, 45067, 'clientmsgid exceeds limit')
  // Without one, WeChat uses a digest of the scope and the content.
  const key: string = c === undefined ? `digest:${JSON.stringify({ ...body, clientmsgid: undefined })}` : c
  const prior = b.sent[key]
  if (prior && now - prior.at < 24 * 3600_000) {
    if (now - prior.at < windowMs(state)) fail(45066, 'same clientmsgid retry too fast')
    state.stats.errcodes[45065] = (state.stats.errcodes[45065] ?? 0) + 1
    return answer({ errcode: 45065, errmsg: `clientmsgid exist rid: ${state.rid()}`, msg_id: prior.msg_id, ...(prior.msg_data_id ? { msg_data_id: prior.msg_data_id } : {}) })
  }
  const msg_id = nextMsgId(b)
  const rec: MassRecord = { msg_id, status: 'SEND_SUCCESS' }
  if (body.msgtype === 'mpnews') rec.msg_data_id = `22474836${String(b.seq).padStart(2, '0')}`
  b.messages[msg_id] = rec
  b.sent[key] = { msg_id, ...(rec.msg_data_id ? { msg_data_id: rec.msg_data_id } : {}), at: now }
  for (const t of Array.isArray(to) ? to : [to]) state.deliver('/cgi-bin/message/mass/' + (Array.isArray(to) ? 'send' : 'sendall'), t, body)
  const n = Array.isArray(to) ? to.length : to === 'all' ? followersOf(state).length : tagCount(state, +to.slice(4))
  emitLater(state, { MsgType: 'event', Event: 'MASSSENDJOBFINISH', MsgID: BigInt(msg_id), Status: 'send success', TotalCount: n, FilterCount: n, SentCount: n, ErrorCount: 0 })
  return answer({ errcode: 0, errmsg: 'send job submission success', msg_id, ...(rec.msg_data_id ? { msg_data_id: rec.msg_data_id } : {}) })
}

/**
 * The msg_id of a delete/get body: a JSON number (big ones arrive as digit strings from the parser).
 * `digits`: any string of digits is accepted too (WeChat's `mass/get` takes one).
 */
function msgIdOf(state: FakeState, body: any, digits = false): MassRecord {
  const id = body?.msg_id
  need((typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && (digits ? /^\d+$/ : /^\d{16,}$/).test(id)), 47001, 'data format error: msg_id must be a number')
  const rec = bag(state).messages[String(id)]
  if (!rec) fail(47003, 'argument invalid! msg_id not found')
  return rec
}

function uploadMedia(state: FakeState, type: string): Response {
  const b = bag(state)
  const media_id = `${type}_${++b.seq}_${Math.random().toString(36).slice(2, 10)}`
  const created_at = Math.floor(Date.now() / 1000)
  b.media[media_id] = { type, created_at }
  return answer({ errcode: 0, errmsg: 'ok', type, media_id, created_at })
}

/** Mass sends: upload news/video, send to all/tag/openids (deduped by clientmsgid), preview, delete, status, speed. */
export const massRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/media/uploadnews',
    handle({ state, body }) {
      const a = body?.articles
      need(Array.isArray(a) && a.length > 0, 44003, 'empty news data')
      need(a.length <= 8, 45008, 'article size out of limit')
      for (const x of a) {
        need(mediaId(x?.thumb_media_id), 40007, 'invalid media_id')
        need(str(x.title), 44003, 'empty title')
        need(str(x.content), 44004, 'empty content')
      }
      return uploadMedia(state, 'news')
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/media/uploadvideo',
    handle({ state, body }) {
      need(mediaId(body?.media_id), 40007, 'invalid media_id')
      return uploadMedia(state, 'video')
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/sendall',
    handle({ state, body }) {
      const f = body?.filter
      need(f && typeof f === 'object' && typeof f.is_to_all === 'boolean', 44002, 'invalid filter')
      if (!f.is_to_all) need(Number.isInteger(f.tag_id) && f.tag_id >= 0, 40050, 'invalid tag id')
      return massSend(state, body, f.is_to_all ? 'all' : `tag:${f.tag_id}`)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/send',
    handle({ state, body }) {
      const to = body?.touser
      need(Array.isArray(to), 40003, 'invalid openid')
      need(to.length >= 2, 40130, 'invalid openid list size, at least two openid')
      need(to.length <= 10000, 40032, 'invalid openid list size')
      for (const o of to) need(typeof o === 'string' && /^[\w-]{1,64}$/.test(o), 40003, 'invalid openid')
      return massSend(state, body, to)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/preview',
    handle({ state, body }) {
      need(body && typeof body === 'object', 44002, 'empty post data')
      const to = body.towxname === undefined ? checkOpenid(body.touser) : String(body.towxname)
      checkMassMessage(body)
      const b = bag(state)
      const msg_id = String(++b.seq)
      state.deliver('/cgi-bin/message/mass/preview', to, body)
      return answer({ errcode: 0, errmsg: 'preview success', msg_id })
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/delete',
    handle({ state, body }) {
      const rec = msgIdOf(state, body)
      if (body.article_idx !== undefined) need(Number.isInteger(body.article_idx) && body.article_idx >= 0, 47003, 'argument invalid! article_idx')
      if (!body.article_idx) rec.status = 'DELETE'
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/get',
    handle({ state, body }) {
      const rec = msgIdOf(state, body, true)
      return answer({ msg_id: rec.msg_id, msg_status: rec.status })
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/speed/get',
    handle({ state }) {
      const speed = bag(state).speed
      return { speed, realspeed: [80, 60, 45, 30, 10][speed] } // 万/min
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/mass/speed/set',
    handle({ state, body }) {
      need([0, 1, 2, 3, 4].includes(body?.speed), 45083, 'invalid speed')
      bag(state).speed = body.speed
      return {}
    },
  },
]
