import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<{ tagid_list: number[] }>({
  method: 'POST',
  path: '/cgi-bin/tags/getidlist',
  retry: 'read',
  body: () => v.object({ openid: openidSchema() }),
  output: () => v.looseObject({ tagid_list: v.array(v.number()) }),
})

/**
 * Lists the tag ids one user carries.
 *
 * Calls `POST /cgi-bin/tags/getidlist`. Errcodes that matter: 40003 (invalid openid), 49003 (openid
 * of another AppID).
 *
 * @example
 * const tagIds = await getUserTags(ctx, 'oUser') // [134, 2]
 */
export async function getUserTags(ctx: WxContext, openid: string, opts?: CallOptions | null): Promise<number[]> {
  const { tagid_list } = await callApi(ctx, endpoint, { body: { openid } }, opts)
  // An answer without the list is data too (reported as drift): no tags, not a null.
  return Array.isArray(tagid_list) ? tagid_list : []
}
