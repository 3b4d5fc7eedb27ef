import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { cursorSchema, pageSchema, toPage, type OpenidPage } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<OpenidPage>({
  method: 'POST',
  path: '/cgi-bin/tags/members/getblacklist',
  retry: 'read',
  body: () => v.object({ begin_openid: cursorSchema() }),
  output: pageSchema,
})

/**
 * Reads one page (up to 10000) of the blacklist.
 *
 * Calls `POST /cgi-bin/tags/members/getblacklist`. Pass the previous page's `next_openid` as
 * `beginOpenid` to go on. Errcodes that matter: 40003 (invalid begin_openid), 49003 (openid of
 * another AppID).
 *
 * @example
 * const { total, data, next_openid } = await getBlacklist(ctx)
 */
export function getBlacklist(ctx: WxContext, beginOpenid?: string, opts?: CallOptions | null): Promise<OpenidPage> {
  return callApi(ctx, endpoint, { body: { begin_openid: beginOpenid ?? '' } }, opts).then(toPage)
}
