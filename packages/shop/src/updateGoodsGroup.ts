import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { numIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/group/propertymod',
  retry: 'idempotent',
  body: () => v.object({ group_id: numIdSchema('group_id'), group_name: v.pipe(v.string(), v.nonEmpty('group_name must not be empty')) }),
})

/**
 * Renames a product group.
 *
 * Calls `POST /merchant/group/propertymod`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateGoodsGroup(ctx, 19, 'Best sellers')
 */
export async function updateGoodsGroup(ctx: WxContext, groupId: number | string, groupName: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { group_id: groupId, group_name: groupName } }, opts)
}
