import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { cursorSchema, pageSchema, tagIdSchema, toPage, type OpenidPage } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<OpenidPage>({
  method: 'POST',
  path: '/cgi-bin/user/tag/get',
  retry: 'read',
  body: () => v.object({ tagid: tagIdSchema(), next_openid: cursorSchema() }),
  output: pageSchema,
})

/**
 * Reads one page (up to 10000) of the openids that carry a tag.
 *
 * Calls `POST /cgi-bin/user/tag/get`. Pass the previous page's `next_openid` to go on.
 * Errcodes that matter: 45159 (no such tag), 40003 (invalid next_openid).
 *
 * @example
 * const { data, next_openid } = await getTagUsers(ctx, 134)
 */
export function getTagUsers(ctx: WxContext, tagId: number, nextOpenid?: string, opts?: CallOptions | null): Promise<OpenidPage> {
  return callApi(ctx, endpoint, { body: { tagid: tagId, next_openid: nextOpenid ?? '' } }, opts).then(toPage)
}
