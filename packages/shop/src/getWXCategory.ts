import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, cateIdSchema } from './_schemas.ts'

/** A category (分类). */
export interface WXCategory {
  id: string
  name: string
  [key: string]: unknown
}

/** What `getWXCategory` answers. */
export interface GetWXCategoryResult {
  cate_list: WXCategory[]
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetWXCategoryResult>({
  method: 'POST',
  path: '/merchant/category/getsub',
  retry: 'read',
  body: () => v.object({ cate_id: cateIdSchema() }),
  output: () => answer({ cate_list: v.optional(v.array(v.looseObject({ id: v.pipe(v.union([v.string(), v.number()]), v.transform(String)), name: v.string() })), []) }),
})

/**
 * Lists the sub-categories of a WeChat product category (the root is 1).
 *
 * Calls `POST /merchant/category/getsub`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { cate_list } = await getWXCategory(ctx, 1)
 */
export function getWXCategory(ctx: WxContext, cateId: number | string = 1, opts?: CallOptions | null): Promise<GetWXCategoryResult> {
  return callApi(ctx, endpoint, { body: { cate_id: cateId } }, opts)
}
