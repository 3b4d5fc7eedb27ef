import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<{ total_count: number }>({
  method: 'GET',
  path: '/cgi-bin/draft/count',
  retry: 'read',
  output: () => v.pipe(v.looseObject({ total_count: v.number() }), v.transform(({ total_count }) => ({ total_count }))),
})

/**
 * Counts the drafts in the draft box (获取草稿总数).
 *
 * Calls `GET /cgi-bin/draft/count`. Errcodes that matter: 48001 (no draft permission), 45009 (daily quota).
 *
 * @example
 * const { total_count } = await countDrafts(ctx)
 */
export function countDrafts(ctx: WxContext, opts?: CallOptions | null): Promise<{ total_count: number }> {
  return callApi(ctx, endpoint, {}, opts)
}
