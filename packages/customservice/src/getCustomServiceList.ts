import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** One customer-service account. */
export interface KfAccount {
  kf_account: string
  kf_nick: string
  kf_id: number | string
  kf_headimgurl?: string
  /** The bound WeChat id, once an invitation was accepted. */
  kf_wx?: string
  /** A pending invitation: the invited WeChat id, its expiry and status (`waiting`, `rejected`, `expired`). */
  invite_wx?: string
  invite_expire_time?: number
  invite_status?: string
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ kf_list: KfAccount[] }>({
  method: 'GET',
  path: '/cgi-bin/customservice/getkflist',
  retry: 'read',
  output: () =>
    v.looseObject({
      kf_list: v.optional(v.array(v.looseObject({ kf_account: v.string(), kf_nick: v.string(), kf_id: v.union([v.number(), v.string()]) })), []),
    }) as v.GenericSchema<unknown, { kf_list: KfAccount[] }>,
})

/**
 * Lists the customer-service accounts (客服基本信息).
 *
 * Calls `GET /cgi-bin/customservice/getkflist`.
 * Errcodes that matter: 65400 (customer service not enabled), 48001 (no permission).
 *
 * @example
 * const { kf_list } = await getCustomServiceList(ctx)
 */
export function getCustomServiceList(ctx: WxContext, opts?: CallOptions | null): Promise<{ kf_list: KfAccount[] }> {
  return callApi(ctx, endpoint, {}, opts)
}
