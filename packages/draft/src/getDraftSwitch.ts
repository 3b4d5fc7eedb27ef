import { callApi, type CallOptions, type WxContext } from '@wx/core'
import { isOpen, switchEndpoint } from './_switch.ts'

const endpoint = /* @__PURE__ */ switchEndpoint(true)

/**
 * Tells whether the account's draft box and publishing are switched on (草稿箱开关状态). Accounts whose
 * console already uses drafts answer `true`.
 *
 * Calls `POST /cgi-bin/draft/switch?checkonly=1`. Errcodes that matter: 48001 (no permission).
 *
 * @example
 * if (!(await getDraftSwitch(ctx))) await enableDraftSwitch(ctx)
 */
export async function getDraftSwitch(ctx: WxContext, opts?: CallOptions | null): Promise<boolean> {
  // An answer without the state reads as off: the caller's usual next step (enabling it) is harmless.
  return isOpen(await callApi(ctx, endpoint, { query: { checkonly: '1' } }, opts), false)
}
