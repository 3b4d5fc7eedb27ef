import { sha1Sorted } from '../push.ts'
import { fail, type FakeRoute } from '../route.ts'
import type { FakeState } from '../state.ts'

/** One JS-SDK ticket the fake handed out. */
interface TicketRecord {
  ticket: string
  expiresAt: number
  revoked?: boolean
}

/** The current ticket of each type (`jsapi`, `wx_card`). */
interface TicketBag {
  current: Record<string, TicketRecord>
  next: number
}
const bag = (s: FakeState) => s.bag<TicketBag>('tickets', () => ({ current: {}, next: 1 }))

const good = (r: TicketRecord | undefined, now = Date.now()): r is TicketRecord => !!r && !r.revoked && now < r.expiresAt

/**
 * Revokes (`revoke`) or expires (`expire`) every ticket issued so far, of one type or of both: the next
 * `getticket` hands out a new one, and configs signed with the old one fail `checkJsConfig`.
 */
export function changeTickets(s: FakeState, what: 'revoke' | 'expire', type?: string): void {
  for (const [t, r] of Object.entries(bag(s).current))
    if (!type || t === type) {
      if (what === 'revoke') r.revoked = true
      else r.expiresAt = Date.now()
    }
}

/** What the WeChat client answers a page's `wx.config` (its `errMsg`), the way the fake can tell. */
export async function checkJsConfig(s: FakeState, url: string, config: Record<string, unknown>): Promise<{ errMsg: string }> {
  const r = bag(s).current.jsapi
  if (config.appId !== s.appid) return { errMsg: 'config:invalid appid' }
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return { errMsg: 'config:invalid url domain' }
  const page = url.split('#')[0]
  if (!good(r)) return { errMsg: 'config:invalid signature' }
  const expected = await sha1Sorted([`jsapi_ticket=${r.ticket}&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${page}`])
  return { errMsg: expected === config.signature ? 'config:ok' : 'config:invalid signature' }
}

/** `GET /cgi-bin/ticket/getticket`: the JS-SDK `jsapi` ticket and the card `wx_card` ticket. */
export const jssdkRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/ticket/getticket',
    handle({ state, query }) {
      const type = query.get('type')
      if (type !== 'jsapi' && type !== 'wx_card') fail(40097, 'invalid args')
      const b = bag(state)
      const now = Date.now()
      let r = b.current[type]
      // Like WeChat: the same ticket while it is valid, a new one once it expired or was revoked.
      if (!good(r, now)) {
        r = { ticket: `FAKE_${type === 'jsapi' ? 'JS' : 'CARD'}_TICKET_${b.next++}_${Math.random().toString(36).slice(2, 12)}`, expiresAt: now + state.tokenTtl * 1000 }
        b.current[type] = r
      }
      return { ticket: r.ticket, expires_in: Math.floor((r.expiresAt - now) / 1000) }
    },
  },
]
