import { WxError, callApi, redact, type ApiRequest, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** What WeChat answers for a user's token (`/sns/oauth2/access_token`, `/sns/oauth2/refresh_token`). */
export interface UserAccessToken {
  /** The user's web access token: for `getUserInfo` / `checkUserAccessToken` only, never the app's. */
  access_token: string
  /** Seconds (7200). */
  expires_in: number
  /** Renews `access_token` for 30 days with `refreshUserAccessToken`. */
  refresh_token: string
  openid: string
  /** `snsapi_base` or `snsapi_userinfo` (comma-separated when several). */
  scope: string
  /** When the account is bound to an Open Platform account. */
  unionid?: string | undefined
  /** 1: a "snapshot" user (the page was opened from a Moments snapshot; the openid is a virtual one). */
  is_snapshotuser?: number | undefined
}

/** A user token and its openid, as `getUserAccessToken` returns them. */
export interface UserToken {
  access_token: string
  openid: string
}

/** The user's token: no whitespace, no `&`/`#` (it travels in a query). */
export const userTokenSchema = () => v.pipe(v.string('access_token must be a string'), v.regex(/^[^\s&#]{1,512}$/, 'access_token: expected the user token WeChat gave (1-512 characters, no whitespace)'))

export const tokenOutput = () =>
  v.looseObject({
    access_token: v.string(),
    expires_in: v.number(),
    refresh_token: v.string(),
    openid: v.string(),
    scope: v.string(),
    unionid: v.optional(v.string()),
    is_snapshotuser: v.optional(v.number()),
  })

/** What to do about the errcodes of web OAuth2. */
const HINTS: Record<number, string> = {
  40001: 'the user access token is invalid: refresh it or authorize again',
  40003: 'the openid does not belong to this user access token',
  40029: 'invalid code: use the code of this redirect, once, with the appid it was issued for',
  40030: 'invalid refresh_token: authorize again',
  40163: 'code already used (a reload or a double request): send the user through authorization again',
  41008: 'no code: the user did not authorize, or the redirect lost its query',
  42001: 'the user access token expired (2 h): refreshUserAccessToken',
  42002: 'the refresh token expired (30 days): send the user through authorization again',
  42003: 'the code expired (5 minutes): send the user through authorization again',
  42007: 'the user changed the WeChat password: authorize again',
  48001: "scope not authorized: getUserInfo needs 'snsapi_userinfo' (snsapi_base gives the openid only)",
}

/** App configuration errcodes: these stay `wx/config`. */
const CONFIG = [40002, 40013, 40125, 40164, 40243, 41002, 41004]

/**
 * @internal The `refine` of every `/sns/*` call: errcodes about the user's code or token become `wx/api`
 * with a hint (core reports errcodes of token-less endpoints as `wx/config`); app configuration errcodes
 * stay `wx/config`. The user's credential of the call (`user`: its code, access or refresh token, which
 * core does not know) is replaced by `***` wherever WeChat or a proxy echoed it. Core applies it before
 * `hooks.onError`, so monitoring sees the same error the caller gets. The message reads
 * `<path> (errcode N): ...`.
 */
export function snsError(e: WxError, user?: unknown): WxError {
  const secrets = [typeof user == 'string' ? user : undefined]
  const { errcode: n, path } = e
  const errmsg = e.errmsg === undefined ? undefined : redact(e.errmsg, secrets)
  const sns = e.code == 'wx/config' && n !== undefined
  const message = redact(e.message, secrets)
  if (!sns && message == e.message && errmsg == e.errmsg) return e
  // Ours for the user's code or token; core's for the app's configuration (40164 names the IP to whitelist).
  const hint = (sns && HINTS[n]) || e.hint
  return new WxError(sns && !CONFIG.includes(n) ? 'wx/api' : e.code, sns ? `${path} (errcode ${n}): ${errmsg ?? ''}${hint ? ` (${hint})` : ''}` : message, {
    errcode: n, errmsg, rid: e.rid, ip: e.ip, known: e.known, path, status: e.status, hint, issues: e.issues, stage: e.stage, cause: e.cause,
  })
}

/** @internal Calls a `/sns/*` endpoint with `snsError` as its refine, redacting `user` (the call's code or user token). */
export function callSns<T>(ctx: WxContext, ep: Endpoint<T>, query: ApiRequest['query'], opts: CallOptions | null | undefined, user: unknown): Promise<T> {
  return callApi(ctx, { ...ep, refine: (e) => snsError(e, user) }, { query, secrets: typeof user == 'string' ? [user] : [] }, opts)
}
