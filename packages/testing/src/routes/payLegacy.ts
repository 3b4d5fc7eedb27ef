import { checkOpenid, need, type FakeRoute } from '../route.ts'
import type { FakeState } from '../state.ts'

/**
 * The legacy payment records of one account. Set `paySignKey` (with `setData('payLegacy', ...)`) to
 * make the fake check `app_signature`; without it any 40-hex-digit signature passes.
 */
export interface PayLegacyBag {
  paySignKey?: string | undefined
  /**
   * Orders by out_trade_no, as `order_info` answers them. Besides these, orderquery knows only the
   * example order of wechat-api's docs, `11122` (paid); any other number answers `ret_code` 1 (no such order).
   */
  orders?: Record<string, Record<string, unknown>> | undefined
  /** Delivery state by transid, as set by delivernotify. */
  delivered?: Record<string, { out_trade_no: string; status: string; msg: string }> | undefined
  /** Complaints marked handled. */
  handled?: string[] | undefined
}
const bag = (s: FakeState) => s.bag<PayLegacyBag>('payLegacy', () => ({}))

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** The 2014 paySign: lower-case names sorted, `k=v&...` with appkey, hex SHA-1. */
async function sign(fields: Record<string, unknown>, names: string[], key: string): Promise<string> {
  const all: Record<string, string> = { appkey: key }
  for (const n of names) all[n] = String(fields[n] ?? '')
  const text = Object.keys(all).sort().map((k) => `${k}=${all[k]}`).join('&')
  const d = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Common checks of the signed legacy payment bodies: appid (40013), method, signature (49004). */
async function checkSigned(state: FakeState, body: any, names: string[]): Promise<void> {
  need(body && typeof body === 'object', 44002, 'empty post data')
  need(body.appid === state.appid, 40013, 'invalid appid')
  need(body.sign_method === 'sha1', 40097, 'invalid sign_method')
  need(typeof body.app_signature === 'string' && /^[0-9a-f]{40}$/i.test(body.app_signature), 49004, 'not match signature')
  const key = bag(state).paySignKey
  if (key) need(body.app_signature.toLowerCase() === (await sign(body, names, key)), 49004, 'not match signature')
}

/** The 2014 Official Account payment: delivery notice, order query, complaint update. */
export const payLegacyRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/pay/delivernotify',
    async handle({ state, body }) {
      await checkSigned(state, body, ['appid', 'openid', 'transid', 'out_trade_no', 'deliver_timestamp', 'deliver_status', 'deliver_msg'])
      checkOpenid(body.openid)
      need(str(body.transid) && str(body.out_trade_no), 40097, 'invalid transid or out_trade_no')
      need(body.deliver_status === '0' || body.deliver_status === '1', 40097, 'invalid deliver_status')
      need(/^\d{10}$/.test(body.deliver_timestamp ?? ''), 40097, 'invalid deliver_timestamp')
      const b = bag(state)
      ;(b.delivered ??= {})[body.transid] = { out_trade_no: body.out_trade_no, status: body.deliver_status, msg: String(body.deliver_msg ?? '') }
      return {}
    },
  },
  {
    method: 'POST',
    path: '/pay/orderquery',
    async handle({ state, body }) {
      await checkSigned(state, body, ['appid', 'package', 'timestamp'])
      const pkg = new URLSearchParams(typeof body.package === 'string' ? body.package : '')
      const out_trade_no = pkg.get('out_trade_no')
      const partner = pkg.get('partner')
      need(out_trade_no && partner && pkg.get('sign'), 40097, 'invalid package')
      const found = bag(state).orders?.[out_trade_no!]
      // wechat-api's example order; for others WeChat documents only that a non-zero ret_code is an error.
      const example = out_trade_no === '11122' && {
        ret_code: 0, ret_msg: '', input_charset: 'GBK', trade_state: '0', trade_mode: '1', partner, bank_type: 'CMB_FP',
        bank_billno: '207029722724', total_fee: '1', fee_type: '1', transaction_id: `${partner}201307020305773741`, out_trade_no,
        is_split: 'false', is_refund: 'false', attach: '', time_end: '20130702175943', transport_fee: '0', product_fee: '1', discount: '0', rmb_total_fee: '',
      }
      return { order_info: found ?? (example || { ret_code: 1, ret_msg: 'order not exist', out_trade_no, partner }) }
    },
  },
  {
    method: 'GET',
    path: '/payfeedback/update',
    handle({ state, query }) {
      checkOpenid(query.get('openid'))
      const id = query.get('feedbackid') ?? ''
      need(/^\d+$/.test(id), 40097, 'invalid feedbackid')
      ;(bag(state).handled ??= []).push(id)
      return { errmsg: 'success' }
    },
  },
]
