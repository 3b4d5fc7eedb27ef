import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, cateIdSchema } from './_schemas.ts'

/** One SKU dimension of a category, with its values (ids go into `sku_info` and `sku_id`). */
export interface WXSku {
  id: string
  name: string
  value_list: { id: string; name: string }[]
  [key: string]: unknown
}

/** What `getWXSKU` answers. */
export interface GetWXSKUResult {
  sku_table: WXSku[]
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetWXSKUResult>({
  method: 'POST',
  path: '/merchant/category/getsku',
  retry: 'read',
  body: () => v.object({ cate_id: cateIdSchema() }),
  output: () => answer({ sku_table: v.optional(v.array(v.looseObject({ id: v.string(), name: v.string() })), []) }),
})

/**
 * Lists the SKU dimensions (颜色, 尺码...) of a leaf category.
 *
 * Calls `POST /merchant/category/getsku`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { sku_table } = await getWXSKU(ctx, 537074298)
 */
export function getWXSKU(ctx: WxContext, cateId: number | string, opts?: CallOptions | null): Promise<GetWXSKUResult> {
  return callApi(ctx, endpoint, { body: { cate_id: cateId } }, opts)
}
