import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { kfAccountSchema } from './_kf.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'GET',
  path: '/customservice/kfaccount/del',
  retry: 'idempotent',
  query: () => v.object({ kf_account: kfAccountSchema() }),
})

/**
 * Deletes a customer-service account.
 *
 * Calls `GET /customservice/kfaccount/del?kf_account=...`. Idempotent: retried on transient failures
 * (a retry after a lost answer may then report 65401, as the account is already gone).
 * Errcodes that matter: 65400 (customer service not enabled), 65401 (no such kf_account).
 *
 * @example
 * await delKfAccount(ctx, 'alice@gh_myaccount')
 */
export async function delKfAccount(ctx: WxContext, kfAccount: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { query: { kf_account: kfAccount } }, opts)
}
