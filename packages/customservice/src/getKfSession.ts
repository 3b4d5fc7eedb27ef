import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Who serves a follower: the kf_account (empty when nobody) and since when (unix seconds). */
export interface KfSession {
  kf_account: string
  createtime: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<KfSession>({
  method: 'GET',
  path: '/customservice/kfsession/getsession',
  retry: 'read',
  query: () => v.object({ openid: openidSchema() }),
  output: () => v.looseObject({ kf_account: v.optional(v.string(), ''), createtime: v.optional(v.number(), 0) }),
})

/**
 * Tells which customer-service account is serving a follower.
 *
 * Calls `GET /customservice/kfsession/getsession?openid=...`.
 * Errcodes that matter: 40003 (invalid openid), 65400 (customer service not enabled).
 *
 * @example
 * const { kf_account, createtime } = await getKfSession(ctx, openid)
 */
export function getKfSession(ctx: WxContext, openid: string, opts?: CallOptions | null): Promise<KfSession> {
  return callApi(ctx, endpoint, { query: { openid } }, opts)
}
