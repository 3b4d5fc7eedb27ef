import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { productIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/del',
  retry: 'idempotent',
  body: () => v.object({ product_id: productIdSchema() }),
})

/**
 * Deletes a product.
 *
 * Calls `POST /merchant/del`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await deleteGoods(ctx, 'pDF3iYwktviE3BzU3BKiSWWi9Nkw')
 */
export async function deleteGoods(ctx: WxContext, productId: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { product_id: productId } }, opts)
}
