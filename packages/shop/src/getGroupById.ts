import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, numIdSchema, type GoodsGroupDetail } from './_schemas.ts'

/** What `getGroupById` answers. */
export interface GetGroupResult {
  group_detail: GoodsGroupDetail
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetGroupResult>({
  method: 'POST',
  path: '/merchant/group/getbyid',
  retry: 'read',
  body: () => v.object({ group_id: numIdSchema('group_id') }),
  output: () => answer({ group_detail: v.looseObject({ group_id: v.number(), group_name: v.string(), product_list: v.optional(v.array(v.string()), []) }) }),
})

/**
 * Reads one product group with its products.
 *
 * Calls `POST /merchant/group/getbyid`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { group_detail } = await getGroupById(ctx, 200077549)
 */
export function getGroupById(ctx: WxContext, groupId: number | string, opts?: CallOptions | null): Promise<GetGroupResult> {
  return callApi(ctx, endpoint, { body: { group_id: groupId } }, opts)
}
