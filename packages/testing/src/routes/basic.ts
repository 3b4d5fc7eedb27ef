import type { FakeState } from '../state.ts'
import { bytes, fail, need, type FakeRoute } from '../route.ts'

/** Per-account records: clear_quota uses this month, the call counts at the last reset, and short keys. */
export interface BasicBag {
  clears: number
  clearedAt: Record<string, number>
  shorten?: Record<string, { long_data: string; create_time: number; expires: number }>
}
const bag = (s: FakeState) => s.bag<BasicBag>('basic', () => ({ clears: 0, clearedAt: {} }))

/** The fake's console auto-replies (what `get_current_autoreply_info` answers). */
const AUTOREPLY = {
  is_add_friend_reply_open: 1,
  is_autoreply_open: 1,
  add_friend_autoreply_info: { type: 'text', content: 'Thanks for following!' },
  message_default_autoreply_info: { type: 'text', content: 'We will get back to you soon.' },
  keyword_autoreply_info: {
    list: [
      {
        rule_name: 'hours',
        create_time: 1700000000,
        reply_mode: 'reply_all',
        keyword_list_info: [{ type: 'text', match_mode: 'contain', content: 'open' }],
        reply_list_info: [{ type: 'text', content: 'We are open 9-18.' }],
      },
    ],
  },
}

/** A stable "new" openid for an openid of the former account. */
const migrated = (fromAppid: string, openid: string) => {
  let h = 0
  for (const c of fromAppid + openid) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return `o_new_${h.toString(36)}_${openid.slice(-6)}`
}

/** API families the fake answers quota questions for; other paths are 76021. */
const KNOWN = /^\/(cgi-bin|datacube|semantic|pay|payfeedback|merchant|customservice|card)\/[\w./-]+$/

/**
 * Basics: callback and API-domain IPs, quotas (`openapi/quota/get` counts this account's calls since
 * the last `clear_quota`; `clear_quota` allows 10 resets, then 48006), and `openapi/rid/get`, which
 * finds the failed request by the rid in its errmsg (76001 for a rid this account never issued).
 * Account tools: `callback/check`, the console auto-replies, `changeopenid` (any `wx...` appid but
 * this account's counts as the former account; openids starting `o_unknown` fail with `err_msg`),
 * and short keys (`shorten/gen` / `shorten/fetch`, expiring for real).
 */
export const basicRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/callback/check',
    handle({ body }) {
      need(['all', 'dns', 'ping'].includes(body?.action), 47001, 'data format error: action')
      need(['DEFAULT', 'CHINANET', 'UNICOM', 'CAP'].includes(body.check_operator), 47001, 'data format error: check_operator')
      const dns = [{ ip: '111.161.64.48', real_operator: 'UNICOM' }, { ip: '111.161.64.40', real_operator: 'UNICOM' }]
      const ping = dns.map(({ ip }) => ({ ip, from_operator: body.check_operator === 'DEFAULT' ? 'UNICOM' : body.check_operator, package_loss: '0%', time: '23.079ms' }))
      return { dns: body.action === 'ping' ? [] : dns, ping: body.action === 'dns' ? [] : ping }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/get_current_autoreply_info',
    handle: () => AUTOREPLY,
  },
  {
    method: 'POST',
    path: '/cgi-bin/changeopenid',
    handle({ state, body }) {
      const from = body?.from_appid
      need(typeof from === 'string' && /^wx\w{16}$/.test(from) && from !== state.appid, 40013, 'invalid appid')
      const list = body.openid_list
      need(Array.isArray(list) && list.length > 0, 44002, 'empty openid_list')
      need(list.length <= 100, 40032, 'invalid openid list size, at most 100')
      return {
        result_list: list.map((o: unknown) =>
          typeof o === 'string' && /^[\w-]{1,64}$/.test(o) && !o.startsWith('o_unknown')
            ? { ori_openid: o, new_openid: migrated(from, o) }
            : { ori_openid: String(o), new_openid: '', err_msg: 'ori_openid error' },
        ),
      }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/shorten/gen',
    handle({ state, body }) {
      const data = body?.long_data
      need(typeof data === 'string' && data.length > 0 && bytes(data) <= 4096, 47003, 'argument invalid! long_data')
      const ttl = body.expire_seconds ?? 2_592_000
      need(Number.isInteger(ttl) && ttl > 0 && ttl <= 2_592_000, 47003, 'argument invalid! expire_seconds')
      const keys = (bag(state).shorten ??= {})
      const short_key = Math.random().toString(36).slice(2, 14)
      keys[short_key] = { long_data: data, create_time: Math.floor(Date.now() / 1000), expires: Date.now() + ttl * 1000 }
      return { short_key }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/shorten/fetch',
    handle({ state, body }) {
      need(typeof body?.short_key === 'string' && body.short_key, 47003, 'argument invalid! short_key')
      const k = bag(state).shorten?.[body.short_key]
      if (!k || Date.now() >= k.expires) fail(9410012, 'short_key not exist or expired')
      return { long_data: k.long_data, create_time: k.create_time, expire_seconds: Math.floor((k.expires - Date.now()) / 1000) }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/getcallbackip',
    bare: true,
    handle: () => ({ ip_list: ['101.226.103.0/25', '101.226.62.0/26', '180.163.15.0/24'] }),
  },
  {
    method: 'GET',
    path: '/cgi-bin/get_api_domain_ip',
    bare: true,
    handle: () => ({ ip_list: ['101.89.47.18', '101.91.34.103', '101.91.37.160'] }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/openapi/quota/get',
    handle({ state, body }) {
      const path = body?.cgi_path
      need(typeof path === 'string' && KNOWN.test(path), 76021, 'cgi_path not found, please check')
      const used = Math.max(0, (state.stats.calls[path] ?? 0) - (bag(state).clearedAt[path] ?? 0))
      const daily_limit = 10_000_000
      return { quota: { daily_limit, used, remain: daily_limit - used }, rate_limit: { call_count: 50_000, refresh_second: 60 } }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/clear_quota',
    handle({ state, body }) {
      need(body?.appid === state.appid, 40013, 'invalid appid')
      const b = bag(state)
      need(b.clears < 10, 48006, 'forbid to clear quota because of reaching the limit')
      b.clears++
      b.clearedAt = { ...state.stats.calls }
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/openapi/rid/get',
    handle({ state, body }) {
      need(typeof body?.rid === 'string' && /^[0-9a-z]+(-[0-9a-z]+)+$/i.test(body.rid), 76002, 'rid is error')
      const last = state.log.find((r) => r.rid === body.rid)
      if (!last) fail(76001, 'rid not found')
      const query = new URLSearchParams({ ...last.query, access_token: 'ACCESS_TOKEN_OF_THE_CALL' })
      return {
        request: {
          invoke_time: Math.floor(Date.now() / 1000),
          cost_in_ms: 12,
          request_url: query.toString(),
          request_body: last.body === undefined ? '' : JSON.stringify(last.body),
          response_body: JSON.stringify({ errcode: last.errcode, errmsg: `${last.errmsg} rid: ${last.rid}` }),
          client_ip: '127.0.0.1',
        },
      }
    },
  },
]
