import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/groups/members/update',
  retry: 'idempotent',
  body: () => v.object({ openid: openidSchema(), to_groupid: v.pipe(v.number(), v.integer(), v.minValue(0, 'group id must be ≥ 0')) }),
})

/**
 * Moves a user into a legacy group (0: out of every group).
 *
 * Calls `POST /cgi-bin/groups/members/update`. Idempotent. Errcodes that matter: 40003 (invalid
 * openid), 40050 (invalid group id).
 *
 * @deprecated WeChat replaced groups with tags in 2016: use `batchTagging` (a user may carry up to 20 tags).
 * @example
 * await moveUserToGroup(ctx, 'oUser', 107)
 */
export async function moveUserToGroup(ctx: WxContext, openid: string, groupId: number, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { openid, to_groupid: groupId } }, opts)
}
