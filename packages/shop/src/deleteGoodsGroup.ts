import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { numIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/group/del',
  retry: 'idempotent',
  body: () => v.object({ group_id: numIdSchema('group_id') }),
})

/**
 * Deletes a product group (the products stay).
 *
 * Calls `POST /merchant/group/del`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await deleteGoodsGroup(ctx, 19)
 */
export async function deleteGoodsGroup(ctx: WxContext, groupId: number | string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { group_id: groupId } }, opts)
}
