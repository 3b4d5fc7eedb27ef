import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { kfAccountSchema } from './_kf.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/customservice/kfsession/create',
  retry: 'send',
  body: () => v.object({ kf_account: kfAccountSchema(), openid: openidSchema() }),
})

/**
 * Opens a session between a follower and a customer-service account (the kf must be online).
 *
 * Calls `POST /customservice/kfsession/create`. A `send` (the kf is notified): not resent after an
 * ambiguous failure.
 * Errcodes that matter: 65401 (no such kf_account), 65414 (the user is being served by another kf),
 * 65415 (kf not online), 40003 (invalid openid).
 *
 * @example
 * await createKfSession(ctx, 'alice@gh_myaccount', openid)
 */
export async function createKfSession(ctx: WxContext, kfAccount: string, openid: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { kf_account: kfAccount, openid } }, opts)
}
