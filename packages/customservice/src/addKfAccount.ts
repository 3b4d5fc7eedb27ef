import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { kfAccountSchema, nicknameSchema } from './_kf.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/customservice/kfaccount/add',
  retry: 'send',
  body: () => v.object({ kf_account: kfAccountSchema(), nickname: nicknameSchema() }),
})

/**
 * Adds a customer-service account (`prefix@wxid`); bind a person to it with `inviteKfWorker`.
 *
 * Calls `POST /customservice/kfaccount/add`. A `send` (creates a record): not resent after an
 * ambiguous failure (a repeat would answer 65406).
 * Errcodes that matter: 65400 (customer service not enabled), 65403 (invalid nickname), 65404 (invalid
 * kf_account), 65405 (account limit reached), 65406 (kf_account exists).
 *
 * @example
 * await addKfAccount(ctx, 'alice@gh_myaccount', 'Alice')
 */
export async function addKfAccount(ctx: WxContext, kfAccount: string, nickname: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { kf_account: kfAccount, nickname } }, opts)
}
