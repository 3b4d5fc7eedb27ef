import { callApi, defineEndpoint, id64Schema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, orderIdSchema, type Order } from './_schemas.ts'

/** What `getOrderById` answers. */
export interface GetOrderResult {
  order: Order
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetOrderResult>({
  method: 'POST',
  path: '/merchant/order/getbyid',
  retry: 'read',
  body: () => v.object({ order_id: orderIdSchema() }),
  output: () => answer({ order: v.looseObject({ order_id: id64Schema(), order_status: v.number() }) }),
})

/**
 * Reads one order.
 *
 * Calls `POST /merchant/order/getbyid`. `order_id` is a 64-bit id: pass and get it as a string.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { order } = await getOrderById(ctx, '7197417460812533543')
 */
export function getOrderById(ctx: WxContext, orderId: string, opts?: CallOptions | null): Promise<GetOrderResult> {
  return callApi(ctx, endpoint, { body: { order_id: orderId } }, opts)
}
