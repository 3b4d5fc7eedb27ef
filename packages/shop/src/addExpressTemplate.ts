import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { deliveryTemplateSchema, type ExpressTemplate } from './_schemas.ts'

/** What `addExpressTemplate` answers. */
export interface AddExpressTemplateResult {
  template_id: number
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<AddExpressTemplateResult>({
  method: 'POST',
  path: '/merchant/express/add',
  retry: 'send',
  body: () => v.object({ delivery_template: deliveryTemplateSchema() }),
  output: () => v.looseObject({ template_id: v.number() }),
})

/**
 * Adds an express (shipping fee) template (邮费模板), for `delivery_info.template_id`.
 *
 * Calls `POST /merchant/express/add` with `{ delivery_template }` (checked against the documented
 * structure: `Name`, `Assumer`, `Valuation`, `TopFee`). A `send`: each call creates a template.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { template_id } = await addExpressTemplate(ctx, {
 *   delivery_template: {
 *     Name: 'standard', Assumer: 0, Valuation: 0,
 *     TopFee: [{ Type: 10000028, Normal: { StartStandards: 1, StartFees: 800, AddStandards: 1, AddFees: 200 } }],
 *   },
 * })
 */
export function addExpressTemplate(ctx: WxContext, express: ExpressTemplate, opts?: CallOptions | null): Promise<AddExpressTemplateResult> {
  return callApi(ctx, endpoint, { body: express }, opts)
}
