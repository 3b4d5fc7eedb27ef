import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/message/custom/typing',
  retry: 'idempotent',
  body: () => v.object({ touser: openidSchema(), command: v.picklist(['Typing', 'CancelTyping']) }),
  // 45081 (already typing): a repeated Typing within 15 s, e.g. a retry after a lost success. The user
  // sees "typing..." either way. CancelTyping never answers it.
  ok: [45081],
})

/**
 * Shows (or hides) "typing..." to a follower while you prepare a reply. Lasts 15 s or until a message.
 *
 * Calls `POST /cgi-bin/message/custom/typing`. Idempotent: retried on transient failures. A Typing
 * while one is still showing (within its 15 s: WeChat answers 45081, "already typing") resolves too,
 * but does not extend it: to keep it showing, send Typing again after the 15 s end.
 * Errcodes that matter: 45080 (typing needs a message exchange with the user in the last 30 s),
 * 45015 (window closed), 45072 (bad command), 43004.
 *
 * @example
 * await setTyping(ctx, 'oUser')        // show
 * await setTyping(ctx, 'oUser', false) // hide
 */
export async function setTyping(ctx: WxContext, openid: string, typing?: boolean | null, opts?: CallOptions | null): Promise<void> {
  // `null`, like `undefined`, is the default (show): only `false` hides.
  await callApi(ctx, endpoint, { body: { touser: openid, command: (typing ?? true) ? 'Typing' : 'CancelTyping' } }, opts)
}
