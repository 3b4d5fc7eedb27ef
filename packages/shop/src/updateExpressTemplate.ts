import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { deliveryTemplateSchema, numIdSchema, type ExpressTemplateUpdate } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/express/update',
  retry: 'idempotent',
  body: () => v.object({ template_id: numIdSchema('template_id'), delivery_template: deliveryTemplateSchema() }),
})

/**
 * Replaces an express (shipping fee) template.
 *
 * Calls `POST /merchant/express/update` with `{ template_id, delivery_template }`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateExpressTemplate(ctx, { template_id: 123456, delivery_template })
 */
export async function updateExpressTemplate(ctx: WxContext, template: ExpressTemplateUpdate, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: template }, opts)
}
