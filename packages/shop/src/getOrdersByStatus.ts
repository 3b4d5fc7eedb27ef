import { WxError, callApi, defineEndpoint, id64Schema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, type Order, type OrderStatus } from './_schemas.ts'

/** Filters of `getOrdersByStatus`; none: every order. */
export interface GetOrdersOptions extends CallOptions {
  /** 2 awaiting shipment, 3 shipped, 5 completed, 8 in dispute; absent: all. */
  status?: OrderStatus | undefined
  /** Orders created at or after this time (a Date, or unix seconds). */
  beginTime?: Date | number | undefined
  /** Orders created at or before this time; defaults to now when `beginTime` is given. */
  endTime?: Date | number | undefined
}

/** What `getOrdersByStatus` answers. */
export interface GetOrdersResult {
  order_list: Order[]
  [key: string]: unknown
}

const time = () => v.pipe(v.number(), v.integer('Expected unix seconds'), v.minValue(0, 'Expected unix seconds'))

const endpoint = /* @__PURE__ */ defineEndpoint<GetOrdersResult>({
  method: 'POST',
  path: '/merchant/order/getbyfilter',
  retry: 'read',
  body: () =>
    v.pipe(
      v.object({
        status: v.optional(v.picklist([2, 3, 5, 8], 'Invalid status: expected 2, 3, 5 or 8')),
        begintime: v.optional(time()),
        endtime: v.optional(time()),
      }),
      v.check((b) => b.begintime === undefined || b.endtime === undefined || b.begintime <= b.endtime, 'beginTime is after endTime'),
    ),
  output: () => answer({ order_list: v.optional(v.array(v.looseObject({ order_id: id64Schema() })), []) }),
})

const seconds = (t: Date | number) => (t instanceof Date ? Math.round(t.getTime() / 1000) : t)

/**
 * Lists orders by status and/or creation time.
 *
 * Calls `POST /merchant/order/getbyfilter` with `{ status?, begintime?, endtime? }` (unix seconds).
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * The seed's positional status works too (`getOrdersByStatus(ctx, 2)`); `null` is no filter; anything else in that place
 * (a `Date`, a string) is refused with `wx/validation` naming the `{ status, beginTime, endTime }` form.
 *
 * @example
 * const { order_list } = await getOrdersByStatus(ctx, { status: 2, beginTime: new Date('2024-01-01') })
 * const pending = await getOrdersByStatus(ctx, 2)
 */
export function getOrdersByStatus(ctx: WxContext, filter?: GetOrdersOptions | OrderStatus | null, opts?: CallOptions | null): Promise<GetOrdersResult> {
  // `null` (the filter, or any of its fields) is "not set".
  const f: unknown = typeof filter === 'number' ? { status: filter } : (filter ?? {})
  if (!f || typeof f !== 'object' || f instanceof Date || Array.isArray(f)) {
    const message = 'expected a status number or { status?, beginTime?, endTime? }, e.g. getOrdersByStatus(ctx, { beginTime: date })'
    return Promise.reject(new WxError('wx/validation', `${endpoint.path}: ${message}`, { issues: [{ path: 'status', message }] }))
  }
  const { status, beginTime, endTime, ...call } = f as GetOrdersOptions
  const body: Record<string, unknown> = {}
  if (status != null) body.status = status
  if (beginTime != null) body.begintime = seconds(beginTime)
  if (endTime != null || beginTime != null) body.endtime = endTime == null ? Math.round(Date.now() / 1000) : seconds(endTime)
  // Field by field: an `opts` of `{ timeout: undefined }` must not erase the filter's own timeout.
  return callApi(ctx, endpoint, { body }, { signal: opts?.signal ?? call.signal, timeout: opts?.timeout ?? call.timeout })
}
