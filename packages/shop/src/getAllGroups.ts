import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, type GoodsGroup } from './_schemas.ts'

/** What `getAllGroups` answers. */
export interface GetAllGroupsResult {
  groups_detail: GoodsGroup[]
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetAllGroupsResult>({
  method: 'GET',
  path: '/merchant/group/getall',
  retry: 'read',
  output: () => answer({ groups_detail: v.optional(v.array(v.looseObject({ group_id: v.number(), group_name: v.string() })), []) }),
})

/**
 * Lists every product group.
 *
 * Calls `GET /merchant/group/getall`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { groups_detail } = await getAllGroups(ctx)
 */
export function getAllGroups(ctx: WxContext, opts?: CallOptions | null): Promise<GetAllGroupsResult> {
  return callApi(ctx, endpoint, {}, opts)
}
