import { check, urlSchema } from '@wx/core'
import * as v from 'valibot'

/** What `getAuthorizeURL` builds the link from. */
export interface AuthorizeParams {
  /** The Official Account's AppID. */
  appid: string
  /** Where WeChat sends the user back with `?code=...&state=...`; its domain must be the account's web authorization domain. */
  redirectUri: string
  /** `snsapi_base`: silent, openid only. `snsapi_userinfo`: asks the user, gives nickname and avatar. */
  scope: 'snsapi_base' | 'snsapi_userinfo'
  /** Comes back unchanged: up to 128 letters, digits, `_` or `-` (use `createState`). */
  state: string
  /** `true`: always show the consent page (`forcePopup=true`). */
  forcePopup?: boolean | undefined
  /** Authorization host. Default `https://open.weixin.qq.com`; a fake WeChat's URL in tests. */
  baseURL?: string | undefined
}

const paramsSchema = () =>
  v.object({
    appid: v.pipe(v.string(), v.regex(/^\w{1,32}$/, 'appid: expected the AppID, e.g. wx1234567890abcdef')),
    redirectUri: urlSchema(),
    scope: v.picklist(['snsapi_base', 'snsapi_userinfo'], "scope must be 'snsapi_base' or 'snsapi_userinfo'"),
    state: v.pipe(v.string(), v.regex(/^[\w-]{0,128}$/, 'state: at most 128 letters, digits, _ or - (WeChat drops other characters)')),
    forcePopup: v.nullish(v.boolean()),
    baseURL: v.nullish(urlSchema()),
  })

/**
 * Builds the link that starts web OAuth2 (网页授权) in WeChat, with the `#wechat_redirect` suffix WeChat
 * requires. Pure: no request, no token. Open it inside WeChat; the user comes back to `redirectUri`
 * with `code` and `state`. Throws `wx/validation` for bad input.
 *
 * Points at `GET https://open.weixin.qq.com/connect/oauth2/authorize`. Errors show in WeChat's page:
 * 10003 (redirect_uri domain not the authorized one), 10005 (scope), 10016 (appid).
 *
 * @example
 * const state = await createState(stateKey, { bind: sessionId })
 * const url = getAuthorizeURL({ appid: 'wx123', redirectUri: 'https://example.com/login/callback', scope: 'snsapi_userinfo', state })
 * return Response.redirect(url, 302)
 */
export function getAuthorizeURL(params: AuthorizeParams): string {
  const p = check(paramsSchema, params, 'getAuthorizeURL')
  const base = (p.baseURL ?? 'https://open.weixin.qq.com').replace(/\/+$/, '')
  return (
    `${base}/connect/oauth2/authorize?appid=${p.appid}&redirect_uri=${encodeURIComponent(p.redirectUri)}` +
    `&response_type=code&scope=${p.scope}&state=${p.state}${p.forcePopup ? '&forcePopup=true' : ''}#wechat_redirect`
  )
}
