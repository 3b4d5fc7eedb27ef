import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import type { Tag } from './createTag.ts'

/** A tag with its number of users. */
export interface TagWithCount extends Tag {
  count: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ tags: TagWithCount[] }>({
  method: 'GET',
  path: '/cgi-bin/tags/get',
  retry: 'read',
  output: () => v.looseObject({ tags: v.array(v.looseObject({ id: v.number(), name: v.string(), count: v.number() })) }),
})

/**
 * Lists the account's tags with their user counts (WeChat's own "星标组", id 2, included).
 *
 * Calls `GET /cgi-bin/tags/get`. Errcodes that matter: 48001 (no permission).
 *
 * @example
 * const tags = await getTags(ctx) // [{ id: 2, name: '星标组', count: 0 }, { id: 100, name: 'Guangdong', count: 5 }]
 */
export async function getTags(ctx: WxContext, opts?: CallOptions | null): Promise<TagWithCount[]> {
  const { tags } = await callApi(ctx, endpoint, {}, opts)
  // An answer without the list is data too (reported as drift): no tags, not a null.
  return Array.isArray(tags) ? tags : []
}
