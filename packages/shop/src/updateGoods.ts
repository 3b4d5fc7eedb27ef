import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { goodsSchema, productIdSchema, type Goods } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/update',
  retry: 'idempotent',
  body: () => v.object({ product_id: productIdSchema(), ...goodsSchema().entries }),
})

/**
 * Replaces a product's information (the whole product, as for `createGoods`).
 *
 * Calls `POST /merchant/update` with `{ product_id, ...goods }`. WeChat refuses some changes while
 * the product is on sale; take it off sale with `updateGoodsStatus` first.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateGoods(ctx, 'pDF3iYwktviE3BzU3BKiSWWi9Nkw', goods)
 */
export async function updateGoods(ctx: WxContext, productId: string, goods: Goods, opts?: CallOptions): Promise<void> {
  await callApi(ctx, endpoint, { body: { product_id: productId, ...goods } }, opts)
}
