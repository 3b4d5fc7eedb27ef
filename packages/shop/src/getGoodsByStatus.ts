import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, type GoodsInfo } from './_schemas.ts'

/** What `getGoodsByStatus` answers. */
export interface GetGoodsByStatusResult {
  products_info: GoodsInfo[]
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetGoodsByStatusResult>({
  method: 'POST',
  path: '/merchant/getbystatus',
  retry: 'read',
  body: () => v.object({ status: v.picklist([0, 1, 2], 'Invalid status: expected 0 (all), 1 (on sale) or 2 (off sale)') }),
  output: () => answer({ products_info: v.optional(v.array(v.looseObject({ product_id: v.string() })), []) }),
})

/**
 * Lists the products with a status: 0 all, 1 on sale (上架), 2 off sale (下架).
 *
 * Calls `POST /merchant/getbystatus`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { products_info } = await getGoodsByStatus(ctx, 1)
 */
export function getGoodsByStatus(ctx: WxContext, status: 0 | 1 | 2 = 0, opts?: CallOptions | null): Promise<GetGoodsByStatusResult> {
  return callApi(ctx, endpoint, { body: { status } }, opts)
}
