import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { kfAccountSchema } from './_kf.ts'

/** One session of a customer-service account. */
export interface KfSessionItem {
  openid: string
  /** Unix seconds. */
  createtime: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ sessionlist: KfSessionItem[] }>({
  method: 'GET',
  path: '/customservice/kfsession/getsessionlist',
  retry: 'read',
  query: () => v.object({ kf_account: kfAccountSchema() }),
  output: () => v.looseObject({ sessionlist: v.optional(v.array(v.looseObject({ openid: v.string(), createtime: v.number() })), []) }),
})

/**
 * Lists the sessions a customer-service account is serving.
 *
 * Calls `GET /customservice/kfsession/getsessionlist?kf_account=...`.
 * Errcodes that matter: 65401 (no such kf_account), 65400 (customer service not enabled).
 *
 * @example
 * const { sessionlist } = await getKfSessionList(ctx, 'alice@gh_myaccount')
 */
export function getKfSessionList(ctx: WxContext, kfAccount: string, opts?: CallOptions | null): Promise<{ sessionlist: KfSessionItem[] }> {
  return callApi(ctx, endpoint, { query: { kf_account: kfAccount } }, opts)
}
