import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, numIdSchema, type ExpressTemplateInfo } from './_schemas.ts'

/** What `getExpressTemplateById` answers. */
export interface GetExpressTemplateResult {
  template_info: ExpressTemplateInfo
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetExpressTemplateResult>({
  method: 'POST',
  path: '/merchant/express/getbyid',
  retry: 'read',
  body: () => v.object({ template_id: numIdSchema('template_id') }),
  output: () => answer({ template_info: v.looseObject({ Id: v.number(), Name: v.string() }) }),
})

/**
 * Reads one express (shipping fee) template.
 *
 * Calls `POST /merchant/express/getbyid`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { template_info } = await getExpressTemplateById(ctx, 103312916)
 */
export function getExpressTemplateById(ctx: WxContext, templateId: number, opts?: CallOptions | null): Promise<GetExpressTemplateResult> {
  return callApi(ctx, endpoint, { body: { template_id: templateId } }, opts)
}
