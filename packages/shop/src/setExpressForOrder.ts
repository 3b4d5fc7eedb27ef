import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { orderIdSchema } from './_schemas.ts'

/** How an order ships. */
export interface OrderDelivery {
  /** Express company id from WeChat's list (e.g. `Fsearch_code`, `002shentong`), or any name with `isOthers`. */
  company: string
  /** Tracking number (运单号). */
  trackNo: string
  /** The company is not on WeChat's list. */
  isOthers?: boolean | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/order/setdelivery',
  retry: 'send',
  body: () =>
    v.variant('need_delivery', [
      v.object({
        order_id: orderIdSchema(),
        need_delivery: v.literal(1),
        delivery_company: v.pipe(
          v.string('delivery: expected { company, trackNo }, or null for an order that needs no shipment'),
          v.nonEmpty('delivery company must not be empty'),
          v.maxLength(64),
        ),
        delivery_track_no: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Invalid tracking number: expected 1-64 letters, digits, _ or -')),
        is_others: v.picklist([0, 1]),
      }),
      v.object({ order_id: orderIdSchema(), need_delivery: v.literal(0) }),
    ]),
})

/**
 * Marks an order shipped (设置发货信息) with its express company and tracking number, or, with `null`,
 * as needing no shipment (virtual goods: the order completes).
 *
 * Calls `POST /merchant/order/setdelivery`. A `send`: WeChat notifies the buyer, so it is never
 * resent after an ambiguous failure (check the order with `getOrderById` instead).
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id), or an order not awaiting shipment.
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await setExpressForOrder(ctx, '7197417460812533543', { company: '059Yunda', trackNo: '1900659372473' })
 */
export async function setExpressForOrder(ctx: WxContext, orderId: string, delivery: OrderDelivery | null, opts?: CallOptions | null): Promise<void> {
  // Only an explicit null completes the order without shipment: a forgotten argument must not.
  const body =
    delivery === null
      ? { order_id: orderId, need_delivery: 0 }
      : { order_id: orderId, need_delivery: 1, delivery_company: delivery?.company, delivery_track_no: delivery?.trackNo, is_others: delivery?.isOthers ? 1 : 0 }
  await callApi(ctx, endpoint, { body }, opts)
}
