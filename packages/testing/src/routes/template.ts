import type { FakeState } from '../state.ts'
import { checkOpenid, fail, need, type FakeRoute } from '../route.ts'

/**
 * Template and subscribe messages. Records live in `state.data.template`: the industries, the
 * account's templates (send with a `template_id` from `addTemplate`, or 40037), and the
 * `client_msg_id`s of the last 10 minutes. Every send counts one delivery.
 */
interface TemplateBag {
  seq: number
  industry: { id1: string; id2: string; at: number } | undefined
  templates: Record<string, { template_id: string; title: string; primary_industry: string; deputy_industry: string; content: string; example: string }>
  sentKeys: Record<string, { msgid: string; at: number }>
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

/** Template messages (industry, templates, send) and subscribe messages (one-time, bizsend). */
export const templateRoutes: FakeRoute[] = [
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
      need(str(short) && /^(TM|OPENTM)\d+$/.test(short), 40037, 'invalid template_id_short')
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
    handle({ state }) {
      return { template_list: Object.values(bag(state).templates) }
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
      return {}
    },
  },
]
