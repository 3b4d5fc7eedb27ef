import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Followers waiting for a customer-service account. */
export interface WaitCase {
  /** How many are waiting in total. */
  count: number
  /** The first 100, oldest first. */
  waitcaselist: { openid: string; latest_time: number }[]
}

const endpoint = /* @__PURE__ */ defineEndpoint<WaitCase>({
  method: 'GET',
  path: '/customservice/kfsession/getwaitcase',
  retry: 'read',
  output: () =>
    v.looseObject({ count: v.number(), waitcaselist: v.optional(v.array(v.looseObject({ openid: v.string(), latest_time: v.number() })), []) }),
})

/**
 * Lists the followers waiting for a customer-service session (up to 100, oldest first).
 *
 * Calls `GET /customservice/kfsession/getwaitcase`.
 * Errcodes that matter: 65400 (customer service not enabled), 48001 (no permission).
 *
 * @example
 * const { count, waitcaselist } = await getWaitCase(ctx)
 */
export function getWaitCase(ctx: WxContext, opts?: CallOptions | null): Promise<WaitCase> {
  return callApi(ctx, endpoint, {}, opts)
}
