import { emitPush } from '../push.ts'
import type { FakeState } from '../state.ts'
import { fail, need, type FakeRoute } from '../route.ts'

/**
 * Drafts, free publishing and comments. Records live in `state.data.draft`:
 * - drafts by media_id; a cover (`thumb_media_id`, `image_media_id`) must be a permanent image
 *   material (`material/add_material`), else 40007;
 * - publish jobs: `freepublish/submit` takes the draft out of the draft box and answers a
 *   `publish_id` + `msg_data_id`; the job finishes `state.data.draftConfig.publishDelayMs` later
 *   (default 150 ms): published (status 0), or rejected by review (status 4, with `fail_idx`: WeChat
 *   sends `fail_idx` with status 2 or 4 only) when an article's content contains `FAKE_PUBLISH_FAIL`.
 *   It then emits a `PUBLISHJOBFINISH` push from `mphelper` to `FakeOptions.push` (`publish_id`,
 *   `publish_status`, counts and `idx` bare), and `freepublish/get` reports it (also read lazily after the delay);
 * - published articles by article_id, and their comments by `<msg_data_id>:<index>`. The fake has
 *   no readers: tests add comments to `comments[key].list` through `fake.setData('draft', ...)`.
 * `draft/switch` is on for every fake account.
 */
export interface FakeComment {
  user_comment_id: number
  openid: string
  create_time: number
  content: string
  /** 1 when featured. */
  comment_type: number
  reply?: { content: string; create_time: number }
  /** Set when the user deleted it. */
  deleted?: boolean
}
interface Job {
  publish_id: string
  msg_data_id: number
  articles: any[]
  finishAt: number
  status: number
  article_id?: string
  fail_idx: number[]
  pushed?: boolean
}
export interface DraftBag {
  seq: number
  drafts: Record<string, { articles: any[]; update_time: number }>
  jobs: Record<string, Job>
  published: Record<string, { publish_id: string; msg_data_id: number; articles: any[]; update_time: number }>
  comments: Record<string, { open: boolean; seq: number; list: FakeComment[] }>
}

const bag = (state: FakeState) => state.bag<DraftBag>('draft', () => ({ seq: 0, drafts: {}, jobs: {}, published: {}, comments: {} }))
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const now = () => Math.floor(Date.now() / 1000)
const delay = (state: FakeState) => +(state.data.draftConfig?.publishDelayMs ?? 150)
const isImage = (state: FakeState, id: unknown) => str(id) && ['image', 'thumb'].includes(state.data.media?.files?.[id]?.kind)
const chars = (s: unknown) => [...String(s ?? '')].length

/** Checks one draft article as WeChat does. */
function checkArticle(state: FakeState, a: any): void {
  need(a && typeof a === 'object', 44003, 'empty news data')
  const type = a.article_type ?? 'news'
  need(type === 'news' || type === 'newspic', 40008, 'invalid article_type')
  need(str(a.title), 44003, 'title missing')
  // WeChat's page says 32 characters; WeChat accepts 64 and answers 45003 only above that.
  need(chars(a.title) <= 64, 45003, 'title size out of limit')
  need(typeof a.content === 'string', 44003, 'content missing')
  if (type === 'news') {
    need(a.content.length > 0, 44003, 'content missing')
    need(a.content.length < 20_000, 45166, 'invalid content: content size out of limit')
    need(chars(a.author) <= 16, 45110, 'author size out of limit')
    need(chars(a.digest) <= 128, 45004, 'description size out of limit')
    need(isImage(state, a.thumb_media_id), 40007, 'invalid media_id')
  } else {
    const list = a.image_info?.image_list
    need(Array.isArray(list) && list.length > 0 && list.length <= 20, 44003, 'image_list invalid')
    for (const i of list) need(isImage(state, i?.image_media_id), 40007, 'invalid media_id')
  }
}

const articlesOf = (state: FakeState, articles: unknown) => {
  need(Array.isArray(articles) && articles.length > 0, 44003, 'empty news data')
  need((articles as unknown[]).length <= 8, 45008, 'article size out of limit')
  for (const a of articles as unknown[]) checkArticle(state, a)
  return articles as any[]
}

/** Ends a job that is due (idempotent): publishes its articles or fails them. */
function settle(state: FakeState, job: Job): void {
  if (job.status !== 1 || Date.now() < job.finishAt) return
  const fails = job.articles.flatMap((a, i) => (String(a.content).includes('FAKE_PUBLISH_FAIL') ? [i + 1] : []))
  if (fails.length) {
    job.status = 4
    job.fail_idx = fails
    return
  }
  const b = bag(state)
  const article_id = `ART_${job.publish_id}_${Math.random().toString(36).slice(2, 10)}`
  job.status = 0
  job.article_id = article_id
  b.published[article_id] = {
    publish_id: job.publish_id,
    msg_data_id: job.msg_data_id,
    update_time: now(),
    articles: job.articles.map((a, i) => ({ ...a, url: `http://mp.weixin.qq.com/s/${article_id}_${i + 1}`, is_deleted: false })),
  }
  job.articles.forEach((a, i) => (b.comments[`${job.msg_data_id}:${i}`] = { open: a.need_open_comment === 1, seq: 0, list: [] }))
}

function status(state: FakeState, job: Job): Record<string, unknown> {
  settle(state, job)
  const out: Record<string, unknown> = { publish_id: job.publish_id, publish_status: job.status, fail_idx: job.fail_idx }
  if (job.status === 0) {
    const p = bag(state).published[job.article_id!]
    out.article_id = job.article_id
    out.article_detail = { count: job.articles.length, item: job.articles.map((_, i) => ({ idx: i + 1, article_url: p?.articles[i]?.url ?? '' })) }
    if (p?.articles.every((a) => a.is_deleted)) out.publish_status = 5
  }
  return out
}

/** The push WeChat sends when a job ends. */
function finishPush(state: FakeState, publishId: string): Promise<void> {
  const job = bag(state).jobs[publishId]
  if (!job || job.pushed) return Promise.resolve()
  settle(state, job)
  if (job.status === 1) {
    // The timer can fire a millisecond before Date.now() reaches finishAt (two clocks): the job is not
    // due yet, so try again when it is, or the push would never be sent.
    state.later(() => void finishPush(state, publishId), Math.max(1, job.finishAt - Date.now()))
    return Promise.resolve()
  }
  job.pushed = true
  const s = status(state, job)
  const info: Record<string, unknown> = { publish_id: BigInt(job.publish_id), publish_status: s.publish_status }
  if (job.status === 0) {
    info.article_id = s.article_id
    const d = s.article_detail as { count: number; item: unknown[] }
    info.article_detail = { count: d.count, item: d.item }
  } else info.fail_idx = job.fail_idx
  return emitPush(state, { MsgType: 'event', Event: 'PUBLISHJOBFINISH', PublishEventInfo: info })
}

const page = (b: any) => {
  const offset = b?.offset ?? 0
  const count = b?.count ?? 20
  need(Number.isInteger(offset) && offset >= 0 && Number.isInteger(count) && count >= 1 && count <= 20, 47001, 'data format error: offset or count out of range')
  return { offset, count, noContent: b?.no_content === 1 }
}
const strip = (articles: any[], noContent: boolean) => (noContent ? articles.map(({ content: _, ...a }) => a) : articles)

/** The comment thread of `msg_data_id` + `index` (88001 when there is none). */
function thread(state: FakeState, body: any) {
  const index = body?.index ?? 0
  // WeChat wants a JSON number; the fake's JSON reader hands integers of 16+ digits on as exact strings.
  const id = body?.msg_data_id
  need(typeof id === 'number' || (typeof id === 'string' && /^\d{16,}$/.test(id)), 47001, 'data format error: msg_data_id must be a number')
  const t = bag(state).comments[`${body?.msg_data_id}:${index}`]
  if (!t) fail(88001, 'msg_data is not exists')
  return t
}
function comment(state: FakeState, body: any): FakeComment {
  const c = thread(state, body).list.find((x) => x.user_comment_id === body?.user_comment_id)
  if (!c) fail(88008, 'comment is not exists')
  return c
}

/** Drafts (`/cgi-bin/draft/*`), free publishing (`/cgi-bin/freepublish/*`) and comments (`/cgi-bin/comment/*`). */
export const draftRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/draft/add',
    handle({ state, body }) {
      const articles = articlesOf(state, body?.articles)
      const b = bag(state)
      const media_id = `DRAFT_${(++b.seq).toString(36)}_${Math.random().toString(36).slice(2, 12)}`
      b.drafts[media_id] = { articles, update_time: now() }
      return { media_id }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/get',
    handle({ state, body }) {
      const d = bag(state).drafts[body?.media_id]
      if (!d) fail(40007, 'invalid media_id')
      return { news_item: d.articles.map((a, i) => ({ ...a, url: `http://mp.weixin.qq.com/s?__biz=fake&tempkey=${body.media_id}_${i}` })) }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/update',
    handle({ state, body }) {
      const d = bag(state).drafts[body?.media_id]
      if (!d) fail(40007, 'invalid media_id')
      need(Number.isInteger(body.index) && body.index >= 0 && body.index < d.articles.length, 40129, 'invalid index')
      checkArticle(state, body.articles)
      d.articles[body.index] = body.articles
      d.update_time = now()
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/delete',
    handle({ state, body }) {
      const b = bag(state)
      if (!b.drafts[body?.media_id]) fail(40007, 'invalid media_id')
      delete b.drafts[body.media_id]
      return {}
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/draft/count',
    handle: ({ state }) => ({ total_count: Object.keys(bag(state).drafts).length }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/batchget',
    handle({ state, body }) {
      const { offset, count, noContent } = page(body)
      const all = Object.entries(bag(state).drafts).reverse()
      const item = all.slice(offset, offset + count).map(([media_id, d]) => ({ media_id, content: { news_item: strip(d.articles, noContent) }, update_time: d.update_time }))
      return { total_count: all.length, item_count: item.length, item }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/draft/switch',
    handle: () => ({ is_open: 1 }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/submit',
    handle({ state, body }) {
      const b = bag(state)
      const d = b.drafts[body?.media_id]
      if (!d) fail(40007, 'invalid media_id')
      delete b.drafts[body.media_id]
      const publish_id = String(2247480000 + ++b.seq)
      const msg_data_id = 2247490000 + b.seq
      b.jobs[publish_id] = { publish_id, msg_data_id, articles: d.articles, finishAt: Date.now() + delay(state), status: 1, fail_idx: [] }
      state.later(() => void finishPush(state, publish_id), delay(state))
      // WeChat writes both ids as numbers here.
      return new Response(`{"errcode":0,"errmsg":"ok","publish_id":${publish_id},"msg_data_id":${msg_data_id}}`, { headers: { 'content-type': 'application/json; encoding=utf-8' } })
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/get',
    handle({ state, body }) {
      const job = bag(state).jobs[String(body?.publish_id)]
      if (!job) fail(40007, 'invalid publish_id')
      return status(state, job)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/delete',
    handle({ state, body }) {
      const p = bag(state).published[body?.article_id]
      if (!p) fail(53600, 'Article ID 无效')
      const index = body.index ?? 0
      need(Number.isInteger(index) && index >= 0 && index <= p.articles.length, 40129, 'invalid index')
      p.articles.forEach((a, i) => (index === 0 || index === i + 1) && (a.is_deleted = true))
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/getarticle',
    handle({ state, body }) {
      const p = bag(state).published[body?.article_id]
      if (!p) fail(53600, 'Article ID 无效')
      return { news_item: p.articles }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/freepublish/batchget',
    handle({ state, body }) {
      const { offset, count, noContent } = page(body)
      const all = Object.entries(bag(state).published).filter(([, p]) => p.articles.some((a) => !a.is_deleted)).reverse()
      const item = all.slice(offset, offset + count).map(([article_id, p]) => ({ article_id, content: { news_item: strip(p.articles, noContent) }, update_time: p.update_time }))
      return { total_count: all.length, item_count: item.length, item }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/open',
    handle({ state, body }) {
      thread(state, body).open = true
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/close',
    handle({ state, body }) {
      thread(state, body).open = false
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/list',
    handle({ state, body }) {
      const t = thread(state, body)
      const { begin, count, type } = body
      need(Number.isInteger(count) && count >= 1 && count <= 50, 88010, 'count range error. cout <= 0 or count > 50')
      need(Number.isInteger(begin) && begin >= 0 && [0, 1, 2].includes(type), 47001, 'data format error')
      const list = t.list.filter((c) => !c.deleted && (type === 0 || (type === 2) === (c.comment_type === 1)))
      return { total: list.length, comment: list.slice(begin, begin + count).map(({ deleted: _, ...c }) => c) }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/markelect',
    handle({ state, body }) {
      const t = thread(state, body)
      const c = comment(state, body)
      need(!c.deleted, 88004, 'comment was deleted by user')
      need(c.comment_type === 1 || t.list.filter((x) => x.comment_type === 1).length < 100, 88003, 'elected comment upper limit')
      c.comment_type = 1
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/unmarkelect',
    handle({ state, body }) {
      comment(state, body).comment_type = 0
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/delete',
    handle({ state, body }) {
      comment(state, body).deleted = true
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/reply/add',
    handle({ state, body }) {
      const c = comment(state, body)
      need(!c.deleted, 88004, 'comment was deleted by user')
      need(!c.reply, 88005, 'already reply')
      need(str(body.content) && chars(body.content) <= 1000, 88007, 'reply content beyond max len or content len is zero')
      c.reply = { content: body.content, create_time: now() }
      state.deliver('/cgi-bin/comment/reply/add', c.openid, body)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/comment/reply/delete',
    handle({ state, body }) {
      const c = comment(state, body)
      need(c.reply, 88009, 'reply is not exists')
      delete c.reply
      return {}
    },
  },
]
