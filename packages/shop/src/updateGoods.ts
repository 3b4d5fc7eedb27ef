import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import { goodsSchema, productIdSchema, type Goods } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/update',
  retry: 'idempotent',
  body: () => goodsSchema({ product_id: productIdSchema() }),
})

/**
 * Replaces a product's information (the whole product, as for `createGoods`).
 *
 * Calls `POST /merchant/update` with `{ product_id, ...goods }`. A product that was never on sale (上架)
 * can change everything; once it has been on sale, its name (`name`), category (`category_id`) and
 * properties (`property`) can no longer be changed (taking it off sale does not help): send them unchanged.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateGoods(ctx, 'pDF3iYwktviE3BzU3BKiSWWi9Nkw', goods)
 */
export async function updateGoods(ctx: WxContext, productId: string, goods: Goods, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { product_id: productId, ...goods } }, opts)
}
