import { callApi, type CallOptions, type WxContext } from '@wx/core'
import { isOpen, switchEndpoint } from './_switch.ts'

const endpoint = /* @__PURE__ */ switchEndpoint(false)

/**
 * Switches the draft box and publishing on for the account (开启草稿箱). **This cannot be undone**:
 * the console moves to drafts for good. Answers `true` (the state after the call).
 *
 * Calls `POST /cgi-bin/draft/switch`. Idempotent: switching on twice is harmless.
 * Errcodes that matter: 48001 (no permission).
 *
 * @example
 * await enableDraftSwitch(ctx) // true
 */
export async function enableDraftSwitch(ctx: WxContext, opts?: CallOptions | null): Promise<boolean> {
  // Switched on once WeChat answered errcode 0, whether or not the answer repeats the state.
  return isOpen(await callApi(ctx, endpoint, {}, opts), true)
}
