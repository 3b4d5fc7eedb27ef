import { defineEndpoint, isWxError, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { callSns, userTokenSchema, type UserToken } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'GET',
  path: '/sns/auth',
  retry: 'read',
  auth: false,
  query: () => v.object({ access_token: userTokenSchema(), openid: openidSchema() }),
})

/** The answers that mean "this user token is not valid (for this openid)". */
const INVALID = [40001, 40003, 40014, 42001]

/**
 * Tells whether a user's web access token is still valid for its openid: `true`, or `false` when WeChat
 * answers 40001/40014 (invalid), 42001 (expired) or 40003 (another user's openid). Other failures throw.
 *
 * Calls `GET /sns/auth`.
 *
 * @example
 * if (!(await checkUserAccessToken(ctx, session.user))) session.user = await refreshUserAccessToken(ctx, session.user.refresh_token)
 */
export async function checkUserAccessToken(ctx: WxContext, user: UserToken, opts?: CallOptions | null): Promise<boolean> {
  try {
    await callSns(ctx, endpoint, { access_token: user?.access_token, openid: user?.openid }, opts, user?.access_token)
    return true
  } catch (e) {
    if (isWxError(e) && e.code == 'wx/api' && INVALID.includes(e.errcode!)) return false
    throw e
  }
}
