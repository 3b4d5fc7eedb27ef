import type { FakeState } from '../state.ts'
import { bytes, checkOpenid, fail, need, type FakeRoute } from '../route.ts'

/** When each openid was last sent Typing (`state.data.typing`): WeChat refuses another within 15 s (45081). */
const typing = (state: FakeState) => state.bag<Record<string, number>>('typing', () => ({}))
const str = (v: unknown) => typeof v === 'string' && v.length > 0

/** Checks one customer-service message body the way WeChat does. */
function checkCustomMessage(b: any): void {
  const type = b.msgtype
  const m = b[type]
  if (!['text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage'].includes(type))
    fail(40008, 'invalid message type')
  need(m && typeof m === 'object', 44002, `empty ${type} field`)
  switch (type) {
    case 'text':
      need(str(m.content), 44004, 'empty content')
      need(bytes(m.content) <= 2048, 45002, 'content size out of limit')
      break
    case 'image':
    case 'voice':
    case 'mpnews':
    case 'video':
      need(str(m.media_id), 40007, 'invalid media_id')
      break
    case 'music':
      need(str(m.musicurl) && str(m.thumb_media_id), 40007, 'invalid media_id or music url')
      break
    case 'news':
      need(Array.isArray(m.articles) && m.articles.length > 0, 44003, 'empty news data')
      need(m.articles.length === 1, 45008, 'article size out of limit')
      need(m.articles.every((a: any) => str(a.title) && str(a.url)), 44002, 'article title and url required')
      break
    case 'mpnewsarticle':
      need(str(m.article_id), 40007, 'invalid article_id')
      break
    case 'msgmenu':
      need(Array.isArray(m.list) && m.list.length > 0 && m.list.every((i: any) => str(i.id) && str(i.content)), 44002, 'invalid msgmenu list')
      break
    case 'wxcard':
      need(str(m.card_id), 40056, 'invalid card_id')
      break
    case 'miniprogrampage':
      need(str(m.appid) && str(m.pagepath) && str(m.thumb_media_id), 40165, 'invalid weapp pagepath or appid')
      break
  }
  if (b.customservice !== undefined) need(/^[\w.-]+@[\w.-]+$/.test(b.customservice?.kf_account ?? ''), 65400, 'invalid kf_account')
}

/**
 * Customer-service messages: `POST /cgi-bin/message/custom/send` and `.../custom/typing` (a Typing within
 * 15 s of the last one to the same openid answers 45081; CancelTyping or a message ends it).
 */
export const messageRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/message/custom/send',
    handle({ state, body }) {
      need(body && typeof body === 'object', 44002, 'empty post data')
      const to = checkOpenid(body.touser)
      checkCustomMessage(body)
      // A message ends "typing...".
      delete typing(state)[to]
      state.deliver('/cgi-bin/message/custom/send', to, body)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/custom/typing',
    handle({ state, body }) {
      const to = checkOpenid(body?.touser)
      need(body.command === 'Typing' || body.command === 'CancelTyping', 45072, 'command field invalid')
      const t = typing(state)
      if (body.command === 'CancelTyping') delete t[to]
      else {
        need((t[to] ?? 0) <= Date.now() - 15_000, 45081, '已经在输入状态，不可重复下发')
        t[to] = Date.now()
      }
      return {}
    },
  },
]
