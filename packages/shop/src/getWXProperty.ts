import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, cateIdSchema } from './_schemas.ts'

/** One property of a category, with its values (ids go into `product_base.property`). */
export interface WXProperty {
  id: string
  name: string
  property_value: { id: string; name: string }[]
  [key: string]: unknown
}

/** What `getWXProperty` answers. */
export interface GetWXPropertyResult {
  properties: WXProperty[]
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetWXPropertyResult>({
  method: 'POST',
  path: '/merchant/category/getproperty',
  retry: 'read',
  body: () => v.object({ cate_id: cateIdSchema() }),
  output: () => answer({ properties: v.optional(v.array(v.looseObject({ id: v.string(), name: v.string() })), []) }),
})

/**
 * Lists the properties (品牌, 材质...) of a leaf category.
 *
 * Calls `POST /merchant/category/getproperty`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { properties } = await getWXProperty(ctx, 537074298)
 */
export function getWXProperty(ctx: WxContext, cateId: number | string, opts?: CallOptions | null): Promise<GetWXPropertyResult> {
  return callApi(ctx, endpoint, { body: { cate_id: cateId } }, opts)
}
