import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { snsError, userTokenSchema, type UserToken } from './_user.ts'

/** A user's profile as web OAuth2 gives it (`snsapi_userinfo`). */
export interface OAuthUserInfo {
  openid: string
  nickname: string
  /** 1 male, 2 female, 0 unknown (WeChat answers 0 since 2021). */
  sex: number
  province: string
  city: string
  country: string
  /** Avatar URL ('' when none); the trailing `/132` selects the size (0, 46, 64, 96, 132). */
  headimgurl: string
  privilege: string[]
  unionid?: string | undefined
}

/** Options of `getUserInfo`. */
export interface UserInfoOptions extends CallOptions {
  /** Language of province/city/country. Default `zh_CN`. */
  lang?: 'zh_CN' | 'zh_TW' | 'en'
}

const endpoint = /* @__PURE__ */ defineEndpoint<OAuthUserInfo>({
  refine: snsError,
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
 *
 * Calls `GET /sns/userinfo`.
 * Errcodes that matter: 48001 (the user authorized `snsapi_base` only), 42001 (user token expired:
 * `refreshUserAccessToken`), 40001 (invalid user token), 40003 (openid not this token's).
 *
 * @example
 * const user = await getUserAccessToken(ctx, code)
 * const { nickname, headimgurl } = await getUserInfo(ctx, user, { lang: 'en' })
 */
export function getUserInfo(ctx: WxContext, user: UserToken, opts: UserInfoOptions = {}): Promise<OAuthUserInfo> {
  const { lang, ...call } = opts
  return callApi(ctx, endpoint, { query: { access_token: user?.access_token, openid: user?.openid, lang } }, call)
}
