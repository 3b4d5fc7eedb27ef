import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { cursorSchema, pageSchema, toPage, type OpenidPage } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<OpenidPage>({
  method: 'GET',
  path: '/cgi-bin/user/get',
  retry: 'read',
  query: () => v.object({ next_openid: cursorSchema() }),
  output: pageSchema,
})

/**
 * Reads one page (up to 10000) of the account's followers' openids.
 *
 * Calls `GET /cgi-bin/user/get`. Pass the previous page's `next_openid` to go on; to walk every
 * follower use `iterateFollowers`. `data.openid` is always an array (WeChat omits `data` on an empty
 * page). Errcodes that matter: 40003 (invalid next_openid), 40013 (invalid AppID).
 *
 * @example
 * const first = await getFollowers(ctx)
 * const second = await getFollowers(ctx, first.next_openid)
 */
export function getFollowers(ctx: WxContext, nextOpenid?: string, opts?: CallOptions | null): Promise<OpenidPage> {
  return callApi(ctx, endpoint, { query: { next_openid: nextOpenid || undefined } }, opts).then(toPage)
}
