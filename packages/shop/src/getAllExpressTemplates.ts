import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, type ExpressTemplateInfo } from './_schemas.ts'

/** What `getAllExpressTemplates` answers. */
export interface GetAllExpressTemplatesResult {
  templates_info: ExpressTemplateInfo[]
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetAllExpressTemplatesResult>({
  method: 'GET',
  path: '/merchant/express/getall',
  retry: 'read',
  output: () => answer({ templates_info: v.optional(v.array(v.looseObject({ Id: v.number() })), []) }),
})

/**
 * Lists every express (shipping fee) template.
 *
 * Calls `GET /merchant/express/getall`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { templates_info } = await getAllExpressTemplates(ctx)
 */
export function getAllExpressTemplates(ctx: WxContext, opts?: CallOptions | null): Promise<GetAllExpressTemplatesResult> {
  return callApi(ctx, endpoint, {}, opts)
}
