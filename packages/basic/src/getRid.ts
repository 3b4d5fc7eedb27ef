import { callApi, defineEndpoint, redact, type CallOptions, type WxContext, type WxError } from '@wx/core'
import * as v from 'valibot'

/** The request WeChat recorded under a request id. */
export interface RidInfo {
  /** When the request arrived (Unix seconds). */
  invoke_time: number
  cost_in_ms: number
  /** The request's query string (an `access_token` in it is masked as `***`). */
  request_url: string
  /** The request's body (a `secret` or token in it, e.g. of a token request, is masked as `***`). */
  request_body: string
  /** WeChat's answer (an `access_token` or ticket in it is masked as `***`). */
  response_body: string
  client_ip: string
  [field: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ request: RidInfo }>({
  method: 'POST',
  path: '/cgi-bin/openapi/rid/get',
  retry: 'read',
  body: () =>
    v.object({
      rid: v.pipe(
        v.string('rid: expected a rid, an errmsg containing "rid: ...", or a WxError'),
        v.regex(/^[0-9a-z]+(?:-[0-9a-z]+)+$/i, 'rid: expected a request id like "6965aef2-130b878a-1b55c042", or an errmsg or WxError that contains one'),
      ),
    }),
  // No transform (the masking is in getRid): valibot skips one of an answer that fails this schema (drift).
  output: () => v.looseObject({ request: v.looseObject({ request_url: v.optional(v.string(), '') }) }) as unknown as v.GenericSchema<unknown, { request: RidInfo }>,
})

/**
 * Looks up what WeChat recorded for a failed request: URL, body, answer, client IP and timing.
 *
 * Calls `POST /cgi-bin/openapi/rid/get` with `{ rid }`. Takes the rid itself, an errmsg containing
 * `rid: ...`, or the `WxError` a call threw (its `rid`). Only requests of the last few days, made by
 * this account, can be looked up.
 * Errcodes that matter: 76001 (rid not found), 76002 (rid malformed), 76003 (the rid belongs to
 * another account).
 *
 * @example
 * try { await sendText(ctx, openid, 'hi') }
 * catch (e) { if (isWxError(e) && e.rid) console.log(await getRid(ctx, e)) }
 */
export async function getRid(ctx: WxContext, rid: string | WxError, opts?: CallOptions | null): Promise<RidInfo> {
  const q: Record<string, unknown> = { ...(await callApi(ctx, endpoint, { body: { rid: extractRid(rid) } }, opts)).request }
  // Masked here, on every string, also when the answer failed the schema (drift, returned as data): a failed
  // token request's rid shows the secret in its body, a token answer the token.
  for (const k in q) if (typeof q[k] == 'string') q[k] = redact(q[k])
  return q as RidInfo
}

/** The rid of an error, the rid inside an errmsg, or the input itself (validated later). */
function extractRid(x: unknown): unknown {
  if (x && typeof x === 'object') {
    const e = x as Partial<WxError>
    if (typeof e.rid === 'string') return e.rid
    x = e.errmsg ?? e.message
  }
  if (typeof x !== 'string') return x
  return /rid:\s*([\w-]+)/.exec(x)?.[1] ?? x.trim()
}
