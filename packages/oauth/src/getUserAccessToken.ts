import { defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { callSns, tokenOutput, type UserAccessToken } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<UserAccessToken>({
  method: 'GET',
  path: '/sns/oauth2/access_token',
  // A code works once: a resend after an ambiguous failure would answer 40163, so it is not resent.
  retry: 'send',
  // Core adds appid and secret to the query: the secret never leaves it.
  auth: 'secret',
  query: () =>
    v.object({
      code: v.pipe(v.string('code must be a string'), v.regex(/^[\w-]{1,128}$/, 'code: expected the code from the redirect query, 1-128 letters, digits, _ or -')),
      grant_type: v.literal('authorization_code'),
    }),
  output: tokenOutput,
})

/**
 * Exchanges the `code` of an OAuth2 redirect for the user's web access token, refresh token and
 * openid. The user's token is returned to you only: it is not the app's access token, is never written
 * to the context's token store and is redacted from errors. A code works once, for 5 minutes.
 *
 * Calls `GET /sns/oauth2/access_token` (with the AppSecret: the context needs `secret`). Not resent
 * after an ambiguous failure (`wx/outcome-unknown`): start the login again.
 * Errcodes that matter: 40029 (invalid code), 40163 (code already used), 42003 (code expired),
 * 40125/40013 (`wx/config`: wrong secret or appid).
 *
 * @example
 * // GET /login/callback?code=...&state=...
 * if (!(await verifyState(stateKey, state, { bind: sessionId }))) return new Response('bad state', { status: 403 })
 * const { openid, access_token, refresh_token, scope } = await getUserAccessToken(ctx, code)
 */
export async function getUserAccessToken(ctx: WxContext, code: string, opts?: CallOptions | null): Promise<UserAccessToken> {
  return callSns(ctx, endpoint, { code, grant_type: 'authorization_code' }, opts, code)
}
