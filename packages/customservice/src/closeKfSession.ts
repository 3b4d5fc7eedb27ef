import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { kfAccountSchema } from './_kf.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/customservice/kfsession/close',
  retry: 'idempotent',
  body: () => v.object({ kf_account: kfAccountSchema(), openid: openidSchema() }),
})

/**
 * Closes the session between a follower and a customer-service account.
 *
 * Calls `POST /customservice/kfsession/close`. Idempotent: retried on transient failures (a retry after
 * a lost answer may then report 65413).
 * Errcodes that matter: 65413 (no such session), 65401 (no such kf_account), 40003 (invalid openid).
 *
 * @example
 * await closeKfSession(ctx, 'alice@gh_myaccount', openid)
 */
export async function closeKfSession(ctx: WxContext, kfAccount: string, openid: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { kf_account: kfAccount, openid } }, opts)
}
