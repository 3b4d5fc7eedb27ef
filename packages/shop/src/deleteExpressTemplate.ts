import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { numIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/express/del',
  retry: 'idempotent',
  body: () => v.object({ template_id: numIdSchema('template_id') }),
})

/**
 * Deletes an express (shipping fee) template.
 *
 * Calls `POST /merchant/express/del`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await deleteExpressTemplate(ctx, 123456)
 */
export async function deleteExpressTemplate(ctx: WxContext, templateId: number, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { template_id: templateId } }, opts)
}
