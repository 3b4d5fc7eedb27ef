import { callApi, defineEndpoint, isWxError, WxError, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<{ short_url: string }>({
  method: 'POST',
  path: '/cgi-bin/shorturl',
  retry: 'idempotent',
  body: () =>
    v.object({
      action: v.literal('long2short'),
      long_url: v.pipe(v.string(), v.regex(/^(https?:\/\/|weixin:\/\/wxpay)\S+$/, 'long_url must be an http://, https:// or weixin://wxpay URL')),
    }),
  output: () => v.looseObject({ short_url: v.string() }),
})

const RETIRED =
  'WeChat retired the short-URL API on 2021-03-15 and no longer creates short links; put the long URL in the QR code as it is (WeChat scans long URLs well now), keep long data under a short key with shortenGen (@wx/basic), or for mini programs use URL Link / Short Link'

/**
 * Turns a long URL into a `w.url.cn` short link (长链接转短链接), as WeChat did until 2021.
 *
 * Calls `POST /cgi-bin/shorturl`. WeChat stopped creating short links on 2021-03-15: calls now fail
 * (errcode 48001, api unauthorized), and this function throws a `wx/api` error whose message and
 * `hint` say the API is retired and what to use instead. Kept so that old code fails clearly.
 *
 * @deprecated WeChat retired it on 2021-03-15: use `shortenGen` / `shortenFetch` (@wx/basic) to keep
 * long data under a short key, or encode the long URL in the QR code directly.
 * @example
 * const url = await shorturl(ctx, 'https://example.com/goods?id=128') // throws: retired
 */
export async function shorturl(ctx: WxContext, longUrl: string, opts?: CallOptions | null): Promise<string> {
  try {
    return (await callApi(ctx, endpoint, { body: { action: 'long2short', long_url: longUrl } }, opts)).short_url
  } catch (e) {
    if (!isWxError(e) || e.code !== 'wx/api') throw e
    const { errcode, errmsg, path, rid } = e
    throw new WxError('wx/api', `${e.message}: ${RETIRED}`, { errcode, errmsg, path, rid, hint: RETIRED })
  }
}
