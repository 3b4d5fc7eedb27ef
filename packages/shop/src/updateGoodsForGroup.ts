import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { numIdSchema, productIdSchema } from './_schemas.ts'

/** Products to add to and remove from a group. */
export interface GroupProductChanges {
  add?: string[] | undefined
  remove?: string[] | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/group/productmod',
  retry: 'idempotent',
  body: () =>
    v.object({
      group_id: numIdSchema('group_id'),
      product: v.pipe(
        v.array(v.object({ product_id: productIdSchema(), mod_action: v.picklist([0, 1]) })),
        v.minLength(1, 'Nothing to change: give products to add or remove'),
      ),
    }),
})

/**
 * Adds products to and removes products from a group.
 *
 * Calls `POST /merchant/group/productmod` with `product: [{ product_id, mod_action }]`
 * (`mod_action` 1 adds, 0 removes).
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateGoodsForGroup(ctx, 19, { add: ['pDF3iYwktviE3BzU3BKiSWWi9Nkw'], remove: ['pDF3iY_old'] })
 */
export async function updateGoodsForGroup(ctx: WxContext, groupId: number | string, changes: GroupProductChanges, opts?: CallOptions | null): Promise<void> {
  // Anything but arrays (a missing argument, a lone id) reaches the schema as it is, to be refused there.
  const mods = (ids: unknown, mod_action: number) =>
    (ids == null ? [] : Array.isArray(ids) ? ids : [ids]).map((product_id) => ({ product_id, mod_action }))
  const product = [...mods(changes?.add, 1), ...mods(changes?.remove, 0)]
  await callApi(ctx, endpoint, { body: { group_id: groupId, product } }, opts)
}
