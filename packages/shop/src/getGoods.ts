import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, productIdSchema, type GoodsInfo } from './_schemas.ts'

/** What `getGoods` answers. */
export interface GetGoodsResult {
  product_info: GoodsInfo
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetGoodsResult>({
  method: 'POST',
  path: '/merchant/get',
  retry: 'read',
  body: () => v.object({ product_id: productIdSchema() }),
  output: () => answer({ product_info: v.looseObject({ product_id: v.string(), product_base: v.looseObject({}) }) }),
})

/**
 * Reads one product.
 *
 * Calls `POST /merchant/get`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { product_info } = await getGoods(ctx, 'pDF3iYwktviE3BzU3BKiSWWi9Nkw')
 */
export function getGoods(ctx: WxContext, productId: string, opts?: CallOptions | null): Promise<GetGoodsResult> {
  return callApi(ctx, endpoint, { body: { product_id: productId } }, opts)
}
