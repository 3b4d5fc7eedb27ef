import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** One online customer-service account and its load. */
export interface OnlineKf {
  kf_account: string
  /** 1 web client online (other bits: other clients). */
  status: number
  kf_id: number | string
  /** Sessions being served now. */
  accepted_case: number
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ kf_online_list: OnlineKf[] }>({
  method: 'GET',
  path: '/cgi-bin/customservice/getonlinekflist',
  retry: 'read',
  output: () =>
    v.looseObject({
      kf_online_list: v.optional(
        v.array(v.looseObject({ kf_account: v.string(), status: v.number(), kf_id: v.union([v.number(), v.string()]), accepted_case: v.number() })),
        [],
      ),
    }) as v.GenericSchema<unknown, { kf_online_list: OnlineKf[] }>,
})

/**
 * Lists the customer-service accounts online now, with how many sessions each is serving.
 *
 * Calls `GET /cgi-bin/customservice/getonlinekflist`.
 * Errcodes that matter: 65400 (customer service not enabled), 48001 (no permission).
 *
 * @example
 * const { kf_online_list } = await getOnlineCustomServiceList(ctx)
 */
export function getOnlineCustomServiceList(ctx: WxContext, opts?: CallOptions | null): Promise<{ kf_online_list: OnlineKf[] }> {
  return callApi(ctx, endpoint, {}, opts)
}
