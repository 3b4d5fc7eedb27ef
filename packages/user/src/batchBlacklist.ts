import { defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { inChunks } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/tags/members/batchblacklist',
  retry: 'idempotent',
  body: () => v.object({ openid_list: v.pipe(v.array(openidSchema()), v.minLength(1), v.maxLength(20, 'at most 20 openids per call')) }),
})

/**
 * Blacklists users (they can no longer message or follow the account), 20 per WeChat call (chunked for you).
 *
 * Calls `POST /cgi-bin/tags/members/batchblacklist` once per 20 openids, one after the other. Every
 * openid is validated before the first call; an empty list makes no call. Idempotent; if a chunk
 * fails, the earlier chunks stay applied (calling again is safe). Errcodes that matter: 40003
 * (invalid openid), 49003 (openid of another AppID), 40032 (list too long).
 * `opts.timeout` bounds each of these calls, not the whole run (a long list makes many); `opts.signal`
 * stops the run: no call starts after it fired.
 *
 * @example
 * await batchBlacklist(ctx, ['oUser1', 'oUser2'])
 */
export async function batchBlacklist(ctx: WxContext, openids: readonly string[], opts?: CallOptions | null): Promise<void> {
  await inChunks(ctx, endpoint, openids, 20, 'openid_list', openidSchema, (openid_list) => ({ openid_list }), opts)
}
