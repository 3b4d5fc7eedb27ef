import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { kfAccountSchema } from './_kf.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/customservice/kfaccount/inviteworker',
  retry: 'send',
  body: () =>
    v.object({
      kf_account: kfAccountSchema(),
      invite_wx: v.pipe(v.string(), v.regex(/^[\w-]{1,32}$/, 'Invalid invite_wx: expected a WeChat id (letters, digits, _ or -)')),
    }),
})

/**
 * Invites a person (by WeChat id) to operate a customer-service account; they confirm in WeChat.
 *
 * Calls `POST /customservice/kfaccount/inviteworker`. A `send` (reaches a person): not resent after an
 * ambiguous failure. The invitation lasts 7 days; see `invite_status` in `getCustomServiceList`.
 * Errcodes that matter: 65401 (no such kf_account), 65407 (already a kf of this account), 65408 (an
 * invitation to this WeChat id is pending), 65409 (invalid WeChat id), 65410 (that person already
 * operates 5 accounts), 65411 (kf_account has a pending invitation), 65412 (kf_account already bound).
 *
 * @example
 * await inviteKfWorker(ctx, 'alice@gh_myaccount', 'alice_wechat')
 */
export async function inviteKfWorker(ctx: WxContext, kfAccount: string, inviteWx: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { kf_account: kfAccount, invite_wx: inviteWx } }, opts)
}
