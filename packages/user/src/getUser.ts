import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { langSchema, userInfoSchema, type UserInfo, type UserLang } from './_user.ts'

/** Options of `getUser`. */
export interface GetUserOptions extends CallOptions {
  /** Language of country/province/city (`''` since 2021-10-20). Default `zh_CN`. */
  lang?: UserLang | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint<UserInfo>({
  method: 'GET',
  path: '/cgi-bin/user/info',
  retry: 'read',
  query: () => v.object({ openid: openidSchema(), lang: langSchema() }),
  output: userInfoSchema,
})

/**
 * Reads one user's profile: subscription, remark, tags, subscribe scene, unionid.
 *
 * Calls `GET /cgi-bin/user/info`. A user who unfollowed answers `subscribe: 0` and little else.
 * Nickname, avatar, sex and region come back empty (`''`/0) in current answers: see `UserInfo`.
 * Errcodes that matter: 40003 (invalid openid, e.g. from another AppID), 40013 (invalid AppID).
 *
 * @example
 * const user = await getUser(ctx, 'oUser', { lang: 'en' })
 * if (user.subscribe) console.log(user.remark, user.tagid_list)
 */
export function getUser(ctx: WxContext, openid: string, opts?: GetUserOptions | null): Promise<UserInfo> {
  return callApi(ctx, endpoint, { query: { openid, lang: opts?.lang ?? 'zh_CN' } }, opts)
}
