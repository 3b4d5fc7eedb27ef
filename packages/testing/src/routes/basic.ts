import type { FakeState } from '../state.ts'
import { fail, need, type FakeRoute } from '../route.ts'

/** Per-account records: clear_quota uses this month, and the call counts at the last reset. */
export interface BasicBag {
  clears: number
  clearedAt: Record<string, number>
}
const bag = (s: FakeState) => s.bag<BasicBag>('basic', () => ({ clears: 0, clearedAt: {} }))

/** API families the fake answers quota questions for; other paths are 76021. */
const KNOWN = /^\/(cgi-bin|datacube|semantic|pay|payfeedback|merchant|customservice|card)\/[\w./-]+$/

/**
 * Basics: callback and API-domain IPs, quotas (`openapi/quota/get` counts this account's calls since
 * the last `clear_quota`; `clear_quota` allows 10 resets, then 48006), and `openapi/rid/get`, which
 * finds the failed request by the rid in its errmsg (76001 for a rid this account never issued).
 */
export const basicRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/getcallbackip',
    handle: () => ({ ip_list: ['101.226.103.0/25', '101.226.62.0/26', '180.163.15.0/24'] }),
  },
  {
    method: 'GET',
    path: '/cgi-bin/get_api_domain_ip',
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
