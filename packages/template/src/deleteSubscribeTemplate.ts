import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { templateIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/wxaapi/newtmpl/deltemplate',
  retry: 'idempotent',
  body: () => v.object({ priTmplId: templateIdSchema() }),
})

/**
 * Deletes a subscribe-notification template from the account (删除私有模板).
 *
 * Calls `POST /wxaapi/newtmpl/deltemplate`. Idempotent: retried after transient failures (a repeat
 * after a lost answer reports the template unknown). Errcodes that matter: 20001 (unknown priTmplId).
 *
 * @example
 * await deleteSubscribeTemplate(ctx, priTmplId)
 */
export async function deleteSubscribeTemplate(ctx: WxContext, priTmplId: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { priTmplId } }, opts)
}
