import { callApi, defineEndpoint, openidSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { idSchema, nowSeconds, signatureSchema, signed, timestampSchema, type PayLegacyOptions } from './_pay.ts'

/** A delivery notice for one paid order. */
export interface DeliverNotice {
  /** The buyer (from the payment notification). */
  openid: string
  /** WeChat's transaction id (交易单号). */
  transid: string
  /** Your order number (第三方订单号). */
  out_trade_no: string
  /** 1: shipped, 0: shipping failed (say why in `deliver_msg`). */
  deliver_status: 0 | 1 | '0' | '1'
  /** Status text, e.g. `ok`, or the reason shipping failed. */
  deliver_msg: string
  /** When it shipped, Unix seconds. Default: now. */
  deliver_timestamp?: string | number | undefined
  /** The SHA-1 signature; computed from `paySignKey` (options) when left out. */
  app_signature?: string | undefined
}

const SIGNED = ['appid', 'openid', 'transid', 'out_trade_no', 'deliver_timestamp', 'deliver_status', 'deliver_msg'] as const

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/pay/delivernotify',
  // The notice sets the order's delivery state: sending it twice leaves the same state.
  retry: 'idempotent',
  body: () =>
    v.object({
      appid: idSchema('appid', 32),
      openid: openidSchema(),
      transid: idSchema('transid', 64),
      out_trade_no: idSchema('out_trade_no', 64),
      deliver_timestamp: timestampSchema('deliver_timestamp'),
      deliver_status: v.picklist(['0', '1'], 'deliver_status: expected 1 (shipped) or 0 (failed)'),
      deliver_msg: v.pipe(v.string('deliver_msg must be a string'), v.maxLength(255, 'deliver_msg: at most 255 characters')),
      app_signature: signatureSchema(),
      sign_method: v.literal('sha1'),
    }),
})

/**
 * Tells WeChat that a paid order shipped (发货通知), for the 2014 Official Account payment.
 *
 * Calls `POST /pay/delivernotify` with `appid` (the context's), `openid`, `transid`, `out_trade_no`,
 * `deliver_timestamp`, `deliver_status`, `deliver_msg`, `app_signature` and `sign_method: "sha1"`.
 * Pass `app_signature`, or `paySignKey` in the options to have it computed (`appSignature`). Retried
 * like an idempotent write: a repeat sets the same delivery state.
 * Errcodes that matter: 48001 (no payment permission), 40003 (invalid openid), 40013 (invalid appid),
 * and a signature mismatch when `app_signature` does not match the PaySignKey.
 *
 * @deprecated The 2014 payment was replaced by WeChat Pay API v3; deliveries of new orders are reported
 * through the v3 merchant APIs.
 *
 * @example
 * await deliverNotify(ctx, { openid: 'oX99MDgNcgwnz3zFN3DNmo8uwa-w', transid: '111112222233333', out_trade_no: '555666uuu', deliver_status: 1, deliver_msg: 'ok' }, { paySignKey: PAY_SIGN_KEY })
 */
export async function deliverNotify(ctx: WxContext, notice: DeliverNotice, opts?: PayLegacyOptions | null): Promise<void> {
  const { app_signature, deliver_timestamp, deliver_status, ...rest } = notice ?? ({} as DeliverNotice)
  const fields: Record<string, unknown> = {
    ...rest,
    appid: ctx?.appid,
    deliver_timestamp: deliver_timestamp === undefined ? nowSeconds() : String(deliver_timestamp),
    deliver_status: deliver_status === undefined ? undefined : String(deliver_status),
  }
  await callApi(ctx, endpoint, { body: await signed(fields, SIGNED, app_signature, opts) }, opts)
}
