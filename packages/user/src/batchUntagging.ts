import { check, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { inChunks, tagIdSchema } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/tags/members/batchuntagging',
  retry: 'idempotent',
  body: () => v.object({ openid_list: v.pipe(v.array(openidSchema()), v.minLength(1), v.maxLength(50, 'at most 50 openids per call')), tagid: tagIdSchema() }),
})

/**
 * Removes a tag from many users, 50 per WeChat call (chunked for you).
 *
 * Calls `POST /cgi-bin/tags/members/batchuntagging` once per 50 openids, one after the other. Every
 * openid is validated before the first call; an empty list makes no call. Idempotent; if a chunk
 * fails, the earlier chunks stay applied (calling again is safe). Errcodes that matter: 45159 (no such tag), 49003 (openid of another AppID), 40032 (list too long), 40003 (invalid openid).
 * `opts.timeout` bounds each of these calls, not the whole run (a long list makes many); `opts.signal`
 * stops the run: no call starts after it fired.
 *
 * @example
 * await batchUntagging(ctx, 134, ['oUser1', 'oUser2'])
 */
export async function batchUntagging(ctx: WxContext, tagId: number, openids: readonly string[], opts?: CallOptions | null): Promise<void> {
  check(() => v.object({ tagid: tagIdSchema() }), { tagid: tagId }, endpoint.path)
  await inChunks(ctx, endpoint, openids, 50, 'openid_list', openidSchema, (openid_list) => ({ openid_list, tagid: tagId }), opts)
}
