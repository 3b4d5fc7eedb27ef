import type { WxContext } from '@wx/core'

import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

const endpoint = /* @__PURE__ */ customMessage('wxcard', () => v.object({ card_id: v.pipe(v.string(), v.nonEmpty('card_id must not be empty')) }))

/**
 * Sends a WeChat card (卡券) customer-service message.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `wxcard`).
 * A `send`: repeated only when WeChat certainly did not act on it (token rejected, connection refused);
 * after a timeout or reset it throws `wx/outcome-unknown` instead of risking a second delivery.
 * Errcodes that matter: 45015 (48-hour reply window closed), 45047 (too many messages to this user),
 * 43004 (not a follower), 40003 (invalid openid), 48002 (user refused messages).
 *
 * @example
 * await sendWxCard(ctx, 'oUser', 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc')
 */
export function sendWxCard(ctx: WxContext, openid: string, cardId: string, opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'wxcard', { card_id: cardId }, opts)
}
