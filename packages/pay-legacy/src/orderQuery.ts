import { callApi, defineEndpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { idSchema, nowSeconds, signatureSchema, signed, timestampSchema, type PayLegacyOptions } from './_pay.ts'

/** What to look up. */
export interface OrderQuery {
  /**
   * `out_trade_no=...&partner=...&sign=...`, where `sign` is the upper-case MD5 of
   * `out_trade_no=...&partner=...&key=<PartnerKey>` (computed by you: WebCrypto has no MD5).
   */
  package: string
  /** Unix seconds. Default: now. */
  timestamp?: string | number | undefined
  /** The SHA-1 signature; computed from `paySignKey` (options) when left out. */
  app_signature?: string | undefined
}

/** The order as the payment system knows it (all values are strings, as WeChat sends them). */
export interface OrderInfo {
  /** 0 when the query itself succeeded. */
  ret_code: number
  ret_msg: string
  /** 0: paid. */
  trade_state?: string
  partner?: string
  transaction_id?: string
  out_trade_no?: string
  /** In fen (0.01 CNY). */
  total_fee?: string
  time_end?: string
  [field: string]: unknown
}

const SIGNED = ['appid', 'package', 'timestamp'] as const

const endpoint = /* @__PURE__ */ defineEndpoint<{ order_info: OrderInfo }>({
  method: 'POST',
  path: '/pay/orderquery',
  retry: 'read',
  body: () =>
    v.object({
      appid: idSchema('appid', 32),
      package: v.pipe(
        idSchema('package', 1024),
        v.check((p) => ['out_trade_no', 'partner', 'sign'].every((k) => new RegExp(`(^|&)${k}=[^&]+`).test(p)), 'package: expected out_trade_no=...&partner=...&sign=...'),
      ),
      timestamp: timestampSchema('timestamp'),
      app_signature: signatureSchema(),
      sign_method: v.literal('sha1'),
    }),
  output: () => v.looseObject({ order_info: v.looseObject({ ret_code: v.number(), ret_msg: v.optional(v.string(), '') }) }) as unknown as v.GenericSchema<unknown, { order_info: OrderInfo }>,
})

/**
 * Looks up an order of the 2014 Official Account payment (订单查询).
 *
 * Calls `POST /pay/orderquery` with `appid` (the context's), `package`, `timestamp`, `app_signature`
 * and `sign_method: "sha1"`. Pass `app_signature`, or `paySignKey` in the options to have it computed.
 * Errcodes that matter: 48001 (no payment permission), 40013 (invalid appid), and a signature mismatch;
 * also check `ret_code` in the answer (non-zero: the payment system refused the query).
 *
 * @deprecated The 2014 payment was replaced by WeChat Pay API v3 (`GET /v3/pay/transactions/out-trade-no/{out_trade_no}`).
 *
 * @example
 * const order = await orderQuery(ctx, { package: 'out_trade_no=11122&partner=1900090055&sign=4E8D0DF3DA0C3D0DF38F' }, { paySignKey: PAY_SIGN_KEY })
 * if (order.trade_state === '0') console.log('paid', order.total_fee)
 */
export async function orderQuery(ctx: WxContext, query: OrderQuery, opts?: PayLegacyOptions | null): Promise<OrderInfo> {
  const { app_signature, timestamp, ...rest } = query ?? ({} as OrderQuery)
  const fields: Record<string, unknown> = { ...rest, appid: ctx?.appid, timestamp: timestamp === undefined ? nowSeconds() : String(timestamp) }
  return (await callApi(ctx, endpoint, { body: await signed(fields, SIGNED, app_signature, opts) }, opts)).order_info
}
