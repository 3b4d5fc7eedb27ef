import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/menu/delconditional',
  retry: 'idempotent',
  body: () => v.object({ menuid: v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'menuid must be the digits addConditionalMenu returned')) }),
})

/**
 * Deletes one conditional menu.
 *
 * Calls `POST /cgi-bin/menu/delconditional`. Idempotent: resent after an ambiguous failure, so a
 * resend after a lost success answers 65301 (the delete already happened). Errcodes that matter:
 * 65301 (no conditional menu with this menuid, e.g. already deleted).
 *
 * @example
 * await delConditionalMenu(ctx, '208379533')
 */
export async function delConditionalMenu(ctx: WxContext, menuid: string | number, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { menuid: typeof menuid === 'number' ? String(menuid) : menuid } }, opts)
}
