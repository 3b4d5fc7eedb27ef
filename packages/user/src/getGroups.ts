import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A legacy user group. */
export interface Group {
  id: number
  name: string
  count: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ groups: Group[] }>({
  method: 'GET',
  path: '/cgi-bin/groups/get',
  retry: 'read',
  output: () => v.looseObject({ groups: v.array(v.looseObject({ id: v.number(), name: v.string(), count: v.number() })) }),
})

/**
 * Lists the legacy user groups (分组) with their user counts.
 *
 * Calls `GET /cgi-bin/groups/get`. Errcodes that matter: 48001 (no permission).
 *
 * @deprecated WeChat replaced groups with tags in 2016: use `getTags`.
 * @example
 * const groups = await getGroups(ctx) // [{ id: 0, name: '未分组', count: 72596 }, ...]
 */
export async function getGroups(ctx: WxContext, opts?: CallOptions | null): Promise<Group[]> {
  const { groups } = await callApi(ctx, endpoint, {}, opts)
  // An answer without the list is data too (reported as drift): no groups, not a null.
  return Array.isArray(groups) ? groups : []
}
