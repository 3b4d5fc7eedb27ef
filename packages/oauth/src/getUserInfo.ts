import { defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { callSns, userTokenSchema, type UserToken } from './_user.ts'

/** A user's profile as web OAuth2 gives it (`snsapi_userinfo`). */
export interface OAuthUserInfo {
  openid: string
  nickname: string
  /** 1 male, 2 female, 0 unknown: always 0 since 2021-10-20 (WeChat no longer returns it). */
  sex: number
  /** '' since 2021-10-20 (WeChat no longer returns the region). */
  province: string
  /** '' since 2021-10-20. */
  city: string
  /** '' since 2021-10-20. */
  country: string
  /** Avatar URL ('' when none); the trailing `/132` selects the size (0, 46, 64, 96, 132). */
  headimgurl: string
  privilege: string[]
  unionid?: string | undefined
}

/** Options of `getUserInfo`. */
export interface UserInfoOptions extends CallOptions {
  /** Language of province/city/country (empty since 2021-10-20). Default `zh_CN`. */
  lang?: 'zh_CN' | 'zh_TW' | 'en' | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint<OAuthUserInfo>({
  method: 'GET',
  path: '/sns/userinfo',
  retry: 'read',
  auth: false,
  query: () =>
    v.object({
      access_token: userTokenSchema(),
      openid: openidSchema(),
      lang: v.optional(v.picklist(['zh_CN', 'zh_TW', 'en'], "lang must be 'zh_CN', 'zh_TW' or 'en'")),
    }),
  output: () =>
    v.looseObject({
      openid: v.string(),
      nickname: v.string(),
      sex: v.number(),
      province: v.string(),
      city: v.string(),
      country: v.string(),
      headimgurl: v.string(),
      privilege: v.array(v.string()),
      unionid: v.optional(v.string()),
    }),
})

/**
 * Reads the profile of the user who authorized with `snsapi_userinfo`, with that user's token (as
 * `getUserAccessToken` returned it: `{ access_token, openid }`). Sends the user's token, never the app's.
 * `nickname` and `headimgurl` are still returned; since 2021-10-20 WeChat no longer returns the user's
 * sex or region (不再返回用户性别及地区信息): the fields are kept, `sex` is 0 and `province`, `city`,
 * `country` are '' (so `lang` changes nothing).
 *
 * Calls `GET /sns/userinfo`.
 * Errcodes that matter: 48001 (the user authorized `snsapi_base` only), 42001 (user token expired:
 * `refreshUserAccessToken`), 40001 (invalid user token), 40003 (openid not this token's).
 *
 * @example
 * const user = await getUserAccessToken(ctx, code)
 * const { nickname, headimgurl } = await getUserInfo(ctx, user, { lang: 'en' })
 */
export function getUserInfo(ctx: WxContext, user: UserToken, opts?: UserInfoOptions | null): Promise<OAuthUserInfo> {
  return callSns(ctx, endpoint, { access_token: user?.access_token, openid: user?.openid, lang: opts?.lang ?? undefined }, opts, user?.access_token)
}
