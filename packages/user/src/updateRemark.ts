import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/user/info/updateremark',
  retry: 'idempotent',
  body: () =>
    v.object({
      openid: openidSchema(),
      // Doc: "长度必须小于30字节" (older text: 30 characters). Community reports 40092 from ~20 bytes.
      remark: v.pipe(v.string(), v.maxBytes(29, 'remark must be under 30 UTF-8 bytes')),
    }),
})

/**
 * Sets the remark (备注名) the account shows for a follower; `''` clears it.
 *
 * Calls `POST /cgi-bin/user/info/updateremark`. The remark must be under 30 UTF-8 bytes. Idempotent.
 * Errcodes that matter: 40003 (invalid openid), 40092 (remark too long), 48001 (verified service
 * accounts only).
 *
 * @example
 * await updateRemark(ctx, 'oUser', 'VIP Zhang')
 */
export async function updateRemark(ctx: WxContext, openid: string, remark: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { openid, remark } }, opts)
}
