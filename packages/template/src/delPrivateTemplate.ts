import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { templateIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/template/del_private_template',
  retry: 'idempotent',
  body: () => v.object({ template_id: templateIdSchema() }),
})

/**
 * Deletes a template from the account (删除模板).
 *
 * Calls `POST /cgi-bin/template/del_private_template`. Idempotent: retried after transient failures
 * (a repeat after a lost answer reports 40037). Errcodes that matter: 40037 (unknown template_id).
 *
 * @example
 * await delPrivateTemplate(ctx, 'Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE')
 */
export async function delPrivateTemplate(ctx: WxContext, templateId: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { template_id: templateId } }, opts)
}
