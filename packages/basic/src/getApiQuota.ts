import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Today's quota of one API for this account. */
export interface ApiQuota {
  quota: {
    /** Calls allowed per day. */
    daily_limit: number
    /** Calls made today. */
    used: number
    /** Calls left today. */
    remain: number
  }
  /** The per-period limit, when the API has one: `call_count` calls per `refresh_second` seconds. */
  rate_limit?: { call_count: number; refresh_second: number }
  /** The same for calls made by a third-party platform on the account's behalf. */
  component_rate_limit?: { call_count: number; refresh_second: number }
  [field: string]: unknown
}

const num = () => v.number()

const endpoint = /* @__PURE__ */ defineEndpoint<ApiQuota>({
  method: 'POST',
  path: '/cgi-bin/openapi/quota/get',
  retry: 'read',
  body: () =>
    v.object({
      cgi_path: v.pipe(
        v.string('cgi_path must be a string'),
        v.regex(/^\/[\w./-]+$/, 'cgi_path: expected the API path alone, e.g. "/cgi-bin/message/custom/send" (no host, no query)'),
      ),
    }),
  output: () => v.looseObject({ quota: v.looseObject({ daily_limit: num(), used: num(), remain: num() }) }) as unknown as v.GenericSchema<unknown, ApiQuota>,
})

/**
 * Reads today's quota of one API (daily limit, used, remain): what to look at when 45009 hits.
 *
 * Calls `POST /cgi-bin/openapi/quota/get` with `{ cgi_path }`. A full URL (or a path with a query, as
 * logs print them) is accepted and cut down to its path; a `WxError`'s `path` works as is.
 * Errcodes that matter: 76021 (cgi_path is not an API WeChat knows), 76022 (the token belongs to
 * another account than the API's).
 *
 * @example
 * const { quota } = await getApiQuota(ctx, '/cgi-bin/message/custom/send')
 * console.log(quota.remain, 'of', quota.daily_limit)
 */
export function getApiQuota(ctx: WxContext, cgiPath: string, opts?: CallOptions | null): Promise<ApiQuota> {
  // A URL or path copied from a log: no host, no query (`?access_token=***`), no fragment.
  const path = typeof cgiPath === 'string' ? cgiPath.replace(/^https?:\/\/[^/]+/, '').replace(/[?#].*/s, '') : cgiPath
  return callApi(ctx, endpoint, { body: { cgi_path: path } }, opts)
}
