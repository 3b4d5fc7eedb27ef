import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { kfAccountSchema, nicknameSchema } from './_kf.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/customservice/kfaccount/update',
  retry: 'idempotent',
  body: () => v.object({ kf_account: kfAccountSchema(), nickname: nicknameSchema() }),
})

/**
 * Changes a customer-service account's nickname.
 *
 * Calls `POST /customservice/kfaccount/update`. Idempotent: retried on transient failures.
 * Errcodes that matter: 65400 (customer service not enabled), 65401 (no such kf_account), 65403 (invalid nickname).
 *
 * @example
 * await updateKfAccount(ctx, 'alice@gh_myaccount', 'Alice (support)')
 */
export async function updateKfAccount(ctx: WxContext, kfAccount: string, nickname: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { kf_account: kfAccount, nickname } }, opts)
}
