import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/clear_quota',
  // Not resent after an ambiguous failure: each call that reaches WeChat spends one of the 10 resets
  // of the month, so a blind resend could spend two. Check with getApiQuota, then call again.
  retry: 'send',
  body: () => v.object({ appid: v.pipe(v.string(), v.nonEmpty('appid must not be empty')) }),
})

/**
 * Resets this account's API call counters to zero (after 45009, daily quota used up).
 *
 * Calls `POST /cgi-bin/clear_quota` with the context's `appid`. WeChat allows it 10 times a month, so
 * it is a `send`: after a timeout or reset it throws `wx/outcome-unknown` instead of repeating (a
 * repeat could spend a second reset); check with `getApiQuota` whether the counters were cleared.
 * Errcodes that matter: 48006 (the 10 monthly resets are used up), 40013 (invalid appid).
 *
 * @example
 * try { await sendText(ctx, openid, 'hi') }
 * catch (e) { if (isWxError(e, 45009)) await clearQuota(ctx) }
 */
export async function clearQuota(ctx: WxContext, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { appid: ctx?.appid } }, opts)
}
