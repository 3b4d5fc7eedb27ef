import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { orderIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/order/close',
  retry: 'idempotent',
  body: () => v.object({ order_id: orderIdSchema() }),
})

/**
 * Closes an order.
 *
 * Calls `POST /merchant/order/close`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await closeOrder(ctx, '7197417460812533543')
 */
export async function closeOrder(ctx: WxContext, orderId: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { order_id: orderId } }, opts)
}
