import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { productIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/modproductstatus',
  retry: 'idempotent',
  body: () => v.object({ product_id: productIdSchema(), status: v.picklist([0, 1], 'Invalid status: expected 0 (off sale) or 1 (on sale)') }),
})

/**
 * Puts a product on sale (status 1, 上架) or takes it off sale (status 0, 下架).
 *
 * Calls `POST /merchant/modproductstatus`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateGoodsStatus(ctx, 'pDF3iYwktviE3BzU3BKiSWWi9Nkw', 1)
 */
export async function updateGoodsStatus(ctx: WxContext, productId: string, status: 0 | 1, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { product_id: productId, status } }, opts)
}
