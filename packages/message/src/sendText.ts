import type { WxContext } from '@wx/core'

import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

const endpoint = /* @__PURE__ */ customMessage('text', () => v.object({ content: v.pipe(v.string(), v.nonEmpty('Text must not be empty')) }))

/**
 * Sends a text customer-service message (客服消息) to one follower.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `text`).
 * A `send`: repeated only when WeChat certainly did not act on it (token rejected, connection refused);
 * after a timeout or reset it throws `wx/outcome-unknown` instead of risking a second delivery.
 * Errcodes that matter: 45015 (48-hour reply window closed), 45047 (too many messages to this user),
 * 43004 (not a follower), 40003 (invalid openid), 48002 (user refused messages).
 *
 * @example
 * await sendText(ctx, 'oUser', 'Hello world')
 */
export function sendText(ctx: WxContext, openid: string, text: string, opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'text', { content: text }, opts)
}
