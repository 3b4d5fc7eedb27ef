import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { productIdSchema } from './_schemas.ts'

/** What `createGoodsGroup` answers. */
export interface CreateGoodsGroupResult {
  group_id: number
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<CreateGoodsGroupResult>({
  method: 'POST',
  path: '/merchant/group/add',
  retry: 'send',
  body: () =>
    v.object({
      group_detail: v.object({
        group_name: v.pipe(v.string(), v.nonEmpty('group_name must not be empty')),
        product_list: v.array(productIdSchema()),
      }),
    }),
  output: () => v.looseObject({ group_id: v.number() }),
})

/**
 * Creates a product group (商品分组), optionally with products in it.
 *
 * Calls `POST /merchant/group/add` with `{ group_detail: { group_name, product_list } }`.
 * A `send`: each call creates a group.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { group_id } = await createGoodsGroup(ctx, 'New arrivals', ['pDF3iYwktviE3BzU3BKiSWWi9Nkw'])
 */
export function createGoodsGroup(ctx: WxContext, groupName: string, productList: string[] = [], opts?: CallOptions | null): Promise<CreateGoodsGroupResult> {
  return callApi(ctx, endpoint, { body: { group_detail: { group_name: groupName, product_list: productList } } }, opts)
}
