import { emitLater } from '../push.ts'
import type { FakeState } from '../state.ts'
import { checkOpenid, fail, need, type FakeRoute } from '../route.ts'

/**
 * Template and subscribe messages. Records live in `state.data.template`: the industries, the
 * account's templates (send with a `template_id` from `addTemplate`, or 40037), the
 * `client_msg_id`s of the last 10 minutes, and the subscribe-notification templates chosen from
 * the public library below (`wxaapi/newtmpl/*`, at most 50). Every send counts one delivery. With a
 * push target (`FakeOptions.push`), a new `message/template/send` is followed by a `TEMPLATESENDJOBFINISH`
 * push (from the recipient, `MsgID` the msgid answered, `Status` `success`), and a `subscribe/bizsend`
 * by a `subscribe_msg_sent_event` (from the recipient, one `List` with `TemplateId`, `MsgID`,
 * `ErrorCode` 0, `ErrorStatus` `success`); a deduplicated `client_msg_id` resend pushes nothing.
 */
interface TemplateBag {
  seq: number
  industry: { id1: string; id2: string; at: number } | undefined
  templates: Record<string, FakeTemplate>
  sentKeys: Record<string, { msgid: string; at: number }>
  subscribe?: Record<string, { priTmplId: string; title: string; content: string; example: string; type: number }>
}

/** One of the account's templates, as `get_all_private_template` lists it. */
export interface FakeTemplate {
  template_id: string
  title: string
  primary_industry: string
  deputy_industry: string
  content: string
  example: string
}

/**
 * What `setData('template', ...)` takes: the account's templates by `template_id` (a template send
 * needs its id here, else 40037; the fields are what `get_all_private_template` lists, any may be left
 * out), and optionally the industry and the subscribe templates. Counters and `client_msg_id`s start empty.
 *
 * @example
 * fake.setData('template', { templates: { TPL_ORDER_PAID: { template_id: 'TPL_ORDER_PAID', title: 'Order paid' } } })
 */
export interface FakeTemplateSeed {
  templates?: Record<string, Partial<FakeTemplate>> | undefined
  industry?: TemplateBag['industry']
  subscribe?: TemplateBag['subscribe']
}

const bag = (state: FakeState) => state.bag<TemplateBag>('template', () => ({ seq: 0, industry: undefined, templates: {}, sentKeys: {} }))
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const INDUSTRIES: Record<string, [string, string]> = {
  '1': ['IT科技', '互联网|电子商务'],
  '2': ['IT科技', 'IT软件与服务'],
  '3': ['IT科技', 'IT硬件与设备'],
  '4': ['IT科技', '电子技术'],
  '10': ['餐饮', '餐饮'],
  '41': ['其它', '其它'],
}
const industryOf = (id: string) => {
  const [first_class, second_class] = INDUSTRIES[id] ?? ['行业', `行业${id}`]
  return { first_class, second_class }
}

function checkLink(b: any): void {
  if (b.url !== undefined) need(typeof b.url === 'string' && /^https?:\/\//.test(b.url), 40039, 'invalid url')
  if (b.miniprogram !== undefined) need(str(b.miniprogram?.appid) && /^wx[\da-f]{16}$/i.test(b.miniprogram.appid), 40165, 'invalid weapp appid')
}

function checkData(data: unknown): asserts data is Record<string, { value: unknown }> {
  need(data && typeof data === 'object' && Object.keys(data).length > 0, 47003, 'argument invalid! data is empty')
  for (const [k, f] of Object.entries(data as object)) need(f && typeof f === 'object' && typeof f.value === 'string', 47003, `argument invalid! data.${k}.value invalid`)
}

/** WeChat writes msgid as a JSON number: answer raw JSON so the 64-bit id stays one. */
const answer = (msgid: string) =>
  new Response(`{"errcode":0,"errmsg":"ok","msgid":${msgid}}`, { headers: { 'content-type': 'application/json; encoding=utf-8' } })

/** The account's service categories and the public subscribe-template library of the fake. */
const CATEGORIES = [
  { id: 616, name: '公交' },
  { id: 1098, name: '软件服务提供商' },
]
const LIBRARY: { tid: number; title: string; type: number; categoryId: number; keywords: { kid: number; name: string; example: string; rule: string }[] }[] = [
  {
    tid: 99, title: '订单发货提醒', type: 3, categoryId: 616,
    keywords: [
      { kid: 1, name: '物品名称', example: '咖啡', rule: 'thing' },
      { kid: 2, name: '发货时间', example: '2024-06-01 10:00', rule: 'time' },
      { kid: 3, name: '快递单号', example: 'SF1234567890', rule: 'character_string' },
      { kid: 4, name: '订单金额', example: '29.90元', rule: 'amount' },
    ],
  },
  {
    tid: 100, title: '预约成功通知', type: 2, categoryId: 616,
    keywords: [
      { kid: 1, name: '预约项目', example: '体检', rule: 'thing' },
      { kid: 2, name: '预约时间', example: '2024-06-01 10:00', rule: 'time' },
    ],
  },
  {
    tid: 200, title: '账号变更提醒', type: 3, categoryId: 1098,
    keywords: [
      { kid: 1, name: '账号', example: 'user01', rule: 'character_string' },
      { kid: 2, name: '变更内容', example: '绑定手机', rule: 'thing' },
      { kid: 3, name: '变更时间', example: '2024-06-01 10:00', rule: 'time' },
    ],
  },
]
const whole = (x: unknown) => (typeof x === 'string' && /^\d{1,10}$/.test(x) ? +x : NaN)

/** Template messages (industry, templates, send), subscribe messages (one-time, bizsend) and subscribe templates. */
export const templateRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/getcategory',
    handle: () => ({ data: CATEGORIES }),
  },
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/getpubtemplatetitles',
    handle({ query }) {
      const ids = query.get('ids')
      need(ids, 200018, 'category ids missing')
      const cats = ids!.split(',').map(whole)
      need(cats.every((c) => CATEGORIES.some((x) => x.id === c)), 200019, 'invalid category ids')
      const start = whole(query.get('start') ?? '0')
      need(Number.isInteger(start), 200016, 'invalid start')
      const limit = whole(query.get('limit') ?? '')
      need(limit >= 1 && limit <= 30, 200017, 'invalid limit')
      const all = LIBRARY.filter((t) => cats.includes(t.categoryId))
      return { count: all.length, data: all.slice(start, start + limit).map(({ keywords: _, categoryId, ...t }) => ({ ...t, categoryId: String(categoryId) })) }
    },
  },
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/getpubtemplatekeywords',
    handle({ query }) {
      const t = LIBRARY.find((x) => x.tid === whole(query.get('tid')))
      need(t, 200014, 'invalid tid')
      return { count: t!.keywords.length, data: t!.keywords }
    },
  },
  {
    method: 'POST',
    path: '/wxaapi/newtmpl/addtemplate',
    handle({ state, body }) {
      // WeChat documents tid as a string ("401"); the fake expects one.
      const t = LIBRARY.find((x) => x.tid === whole(body?.tid))
      need(t, 200014, 'invalid tid')
      const kids: unknown = body.kidList
      const keywords = Array.isArray(kids) ? kids.map((k) => t!.keywords.find((w) => w.kid === k)) : []
      need(keywords.length >= 2 && keywords.length <= 5 && keywords.every(Boolean) && new Set(kids as number[]).size === keywords.length, 200020, 'invalid kidList')
      need(str(body.sceneDesc) && [...body.sceneDesc].length <= 15, 200021, 'invalid sceneDesc')
      const b = bag(state)
      const list = (b.subscribe ??= {})
      need(Object.keys(list).length < 50, 200012, 'template num exceeds limit')
      const priTmplId = `sub_${t!.tid}_${++b.seq}_${Math.random().toString(36).slice(2, 10)}`
      const kw = keywords as { kid: number; name: string; example: string; rule: string }[]
      list[priTmplId] = {
        priTmplId,
        title: t!.title,
        type: t!.type,
        content: kw.map((k) => `${k.name}:{{${k.rule}${k.kid}.DATA}}`).join('\n'),
        example: kw.map((k) => `${k.name}:${k.example}`).join('\n'),
      }
      return { priTmplId }
    },
  },
  {
    method: 'GET',
    path: '/wxaapi/newtmpl/gettemplate',
    handle: ({ state }) => ({ data: Object.values(bag(state).subscribe ?? {}) }),
  },
  {
    method: 'POST',
    path: '/wxaapi/newtmpl/deltemplate',
    handle({ state, body }) {
      const list = bag(state).subscribe ?? {}
      need(str(body?.priTmplId) && list[body.priTmplId], 20001, 'no template')
      delete list[body.priTmplId]
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/template/api_set_industry',
    handle({ state, body }) {
      const { industry_id1: a, industry_id2: b } = body ?? {}
      for (const id of [a, b]) need(typeof id === 'string' && /^\d+$/.test(id) && +id >= 1 && +id <= 41, 40102, 'invalid industry id')
      const t = bag(state)
      const same = t.industry && t.industry.id1 === a && t.industry.id2 === b
      if (t.industry && !same && Date.now() - t.industry.at < 30 * 24 * 3600_000) fail(43100, 'change template too frequently')
      if (!same) t.industry = { id1: a, id2: b, at: Date.now() }
      return {}
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/template/get_industry',
    bare: true,
    handle({ state }) {
      const i = bag(state).industry
      need(i, 46001, 'industry not set')
      return { primary_industry: industryOf(i!.id1), secondary_industry: industryOf(i!.id2) }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/template/api_add_template',
    handle({ state, body }) {
      const short = body?.template_id_short
      // TM/OPENTM ids of the old library, or the pure-digit ids of category templates (类目模板, e.g. "47123"),
      // which need the keyword names to use.
      need(str(short) && /^(TM|OPENTM)?\d+$/.test(short), 40037, 'invalid template_id_short')
      const names = body.keyword_name_list
      if (/^\d/.test(short)) need(Array.isArray(names) && names.length > 0 && names.every(str), 40246, 'invalid keyword_name_list')
      const t = bag(state)
      need(Object.keys(t.templates).length < 25, 45026, 'template num exceeds limit')
      const template_id = `tpl_${short}_${++t.seq}_${Math.random().toString(36).slice(2, 10)}`
      t.templates[template_id] = {
        template_id,
        title: `Template ${short}`,
        primary_industry: industryOf(t.industry?.id1 ?? '1').first_class,
        deputy_industry: industryOf(t.industry?.id1 ?? '1').second_class,
        content: '{{first.DATA}}\n{{keyword1.DATA}}\n{{remark.DATA}}',
        example: '',
      }
      return { template_id }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/template/get_all_private_template',
    bare: true,
    handle({ state }) {
      // A seeded template (`setData('template', { templates: { ID: {} } })`) is listed under its key.
      return { template_list: Object.entries(bag(state).templates).map(([template_id, t]) => ({ template_id, ...(t as object) })) }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/template/del_private_template',
    handle({ state, body }) {
      const t = bag(state)
      need(str(body?.template_id) && t.templates[body.template_id], 40037, 'invalid template_id')
      delete t.templates[body.template_id]
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/template/send',
    handle({ state, body }) {
      need(body && typeof body === 'object', 44002, 'empty post data')
      const to = checkOpenid(body.touser)
      const t = bag(state)
      need(str(body.template_id) && t.templates[body.template_id], 40037, 'invalid template_id')
      checkLink(body)
      checkData(body.data)
      const key = body.client_msg_id === undefined ? undefined : `${to}:${body.client_msg_id}`
      const prior = key ? t.sentKeys[key] : undefined
      // WeChat sends one message per openid + client_msg_id within 10 minutes.
      if (prior && Date.now() - prior.at < 600_000) return answer(prior.msgid)
      const msgid = `20000000000${String(++t.seq).padStart(8, '0')}`
      if (key) t.sentKeys[key] = { msgid, at: Date.now() }
      state.deliver('/cgi-bin/message/template/send', to, body)
      emitLater(state, { FromUserName: to, MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: BigInt(msgid), Status: 'success' })
      return answer(msgid)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/template/subscribe',
    handle({ state, body }) {
      need(body && typeof body === 'object', 44002, 'empty post data')
      const to = checkOpenid(body.touser)
      need(str(body.template_id), 40037, 'invalid template_id')
      checkLink(body)
      need(/^\d{1,5}$/.test(String(body.scene)) && +body.scene <= 10000, 47003, 'argument invalid! scene')
      need(str(body.title) && [...body.title].length <= 15, 47003, 'argument invalid! title')
      const content = body.data?.content?.value
      need(str(content) && [...content].length <= 200, 47003, 'argument invalid! data.content.value')
      state.deliver('/cgi-bin/message/template/subscribe', to, body)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/message/subscribe/bizsend',
    handle({ state, body }) {
      need(body && typeof body === 'object', 44002, 'empty post data')
      const to = checkOpenid(body.touser)
      need(str(body.template_id), 40037, 'invalid template_id')
      if (body.miniprogram !== undefined) need(str(body.miniprogram?.appid), 40165, 'invalid weapp appid')
      checkData(body.data)
      for (const [k, f] of Object.entries(body.data as Record<string, { value: string }>))
        if (/^thing\d*$/.test(k)) need([...f.value].length <= 20, 47003, `argument invalid! data.${k}.value exceeds 20 characters`)
      state.deliver('/cgi-bin/message/subscribe/bizsend', to, body)
      const msgid = `30000000000${String(++bag(state).seq).padStart(8, '0')}`
      const List = { TemplateId: body.template_id, MsgID: BigInt(msgid), ErrorCode: 0, ErrorStatus: 'success' }
      emitLater(state, { FromUserName: to, MsgType: 'event', Event: 'subscribe_msg_sent_event', SubscribeMsgSentEvent: { List } })
      return answer(msgid)
    },
  },
]
