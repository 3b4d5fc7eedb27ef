import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { goodsSchema, type Goods } from './_schemas.ts'

/** What `createGoods` answers. */
export interface CreateGoodsResult {
  product_id: string
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<CreateGoodsResult>({
  method: 'POST',
  path: '/merchant/create',
  retry: 'send',
  body: () => goodsSchema(),
  output: () => v.looseObject({ product_id: v.string() }),
})

/**
 * Adds a product (商品) to the shop; it starts off sale (下架).
 *
 * Calls `POST /merchant/create`. The body is checked against the documented structure first
 * (`product_base`, `sku_list`, `attrext`, `delivery_info`). A `send`: each call creates a product,
 * so it is never resent after an ambiguous failure.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { product_id } = await createGoods(ctx, {
 *   product_base: { name: 'Tea', category_id: ['537074298'], main_img: imageUrl },
 *   sku_list: [{ sku_id: '', price: 1990, ori_price: 2990, quantity: 100 }],
 *   delivery_info: { delivery_type: 0, express: [{ id: 10000028, price: 800 }] },
 * })
 */
export function createGoods(ctx: WxContext, goods: Goods, opts?: CallOptions | null): Promise<CreateGoodsResult> {
  return callApi(ctx, endpoint, { body: goods }, opts)
}
