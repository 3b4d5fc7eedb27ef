import { callApi, defineEndpoint, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { productIdSchema } from './_schemas.ts'

/** Options of `updateStock`. */
export interface UpdateStockOptions extends CallOptions {
  /** The SKU, `"id1:vid1;id2:vid2"` (custom SKUs as created: `"$尺码:$XL 加大"`); default `""` (a product of one uniform spec). */
  sku?: string | undefined
}

const stock = /* @__NO_SIDE_EFFECTS__ */ (path: string): Endpoint<unknown> =>
  defineEndpoint({
    method: 'POST',
    path,
    retry: 'send',
    body: () =>
      v.object({
        product_id: productIdSchema(),
        sku_info: v.pipe(v.string(), v.regex(/^$|^[^:;]+:[^:;]+(;[^:;]+:[^:;]+)*$/, 'Invalid sku: expected "id1:vid1;id2:vid2", or "" for a uniform spec')),
        quantity: v.pipe(v.number(), v.integer('quantity must be a whole number'), v.minValue(1, 'quantity must not be 0')),
      }),
  })

const add = /* @__PURE__ */ stock('/merchant/stock/add')
const reduce = /* @__PURE__ */ stock('/merchant/stock/reduce')

/**
 * Adds to (positive `change`) or takes from (negative) a product's stock.
 *
 * Calls `POST /merchant/stock/add` or `POST /merchant/stock/reduce` with `quantity: |change|`.
 * A `send`: a repeat would change the stock twice, so it is never resent after an ambiguous failure.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id), or more taken than in stock.
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateStock(ctx, 'pDF3iYwktviE3BzU3BKiSWWi9Nkw', 10, { sku: '1075741873:1079742386' }) // +10
 * await updateStock(ctx, 'pDF3iYwktviE3BzU3BKiSWWi9Nkw', -10) // -10
 */
export async function updateStock(ctx: WxContext, productId: string, change: number, opts?: UpdateStockOptions | null): Promise<void> {
  // A non-number `change` goes to the schema as it is, which names it (`Math.abs` would throw on a BigInt).
  const n = typeof change == 'number'
  await callApi(ctx, n && change < 0 ? reduce : add, { body: { product_id: productId, sku_info: opts?.sku ?? '', quantity: n ? Math.abs(change) : change } }, opts)
}
