import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<{ groupid: number }>({
  method: 'POST',
  path: '/cgi-bin/groups/getid',
  retry: 'read',
  body: () => v.object({ openid: openidSchema() }),
  output: () => v.looseObject({ groupid: v.number() }),
})

/**
 * Tells which legacy group a user is in (0: none).
 *
 * Calls `POST /cgi-bin/groups/getid`. Errcodes that matter: 40003 (invalid openid).
 *
 * @deprecated WeChat replaced groups with tags in 2016: use `getUserTags`.
 * @example
 * const groupId = await getWhichGroup(ctx, 'oUser') // 102
 */
export async function getWhichGroup(ctx: WxContext, openid: string, opts?: CallOptions | null): Promise<number> {
  return (await callApi(ctx, endpoint, { body: { openid } }, opts)).groupid
}
