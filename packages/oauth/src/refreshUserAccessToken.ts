import { defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { callSns, tokenOutput, userTokenSchema, type UserAccessToken } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<UserAccessToken>({
  method: 'GET',
  path: '/sns/oauth2/refresh_token',
  // Refreshing twice gives two valid tokens for the same grant: safe to repeat.
  retry: 'idempotent',
  auth: false,
  query: () => v.object({ appid: v.string(), grant_type: v.literal('refresh_token'), refresh_token: userTokenSchema() }),
  output: tokenOutput,
})

/**
 * Renews a user's web access token (2 h) with the refresh token (valid 30 days from the authorization).
 * Returns a new `access_token`; keep the `refresh_token` it returns. Never touches the app's token.
 *
 * Calls `GET /sns/oauth2/refresh_token`.
 * Errcodes that matter: 42002 (refresh token expired: authorize again), 40030 (invalid refresh token).
 *
 * @example
 * const { access_token, refresh_token } = await refreshUserAccessToken(ctx, session.refreshToken)
 */
export function refreshUserAccessToken(ctx: WxContext, refreshToken: string, opts?: CallOptions | null): Promise<UserAccessToken> {
  return callSns(ctx, endpoint, { appid: ctx?.appid, grant_type: 'refresh_token', refresh_token: refreshToken }, opts, refreshToken)
}
