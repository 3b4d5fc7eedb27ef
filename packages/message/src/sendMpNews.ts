import type { WxContext } from '@wx/core'
import { mediaIdSchema } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

const endpoint = /* @__PURE__ */ customMessage('mpnews', () => v.object({ media_id: mediaIdSchema() }))

/**
 * Sends a news (图文) message by the media_id of a permanent news material.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `mpnews`).
 * A `send`: repeated only when WeChat certainly did not act on it (token rejected, connection refused);
 * after a timeout or reset it throws `wx/outcome-unknown` instead of risking a second delivery.
 * Errcodes that matter: 45015 (48-hour reply window closed), 45047 (too many messages to this user),
 * 43004 (not a follower), 40003 (invalid openid), 48002 (user refused messages).
 *
 * @example
 * await sendMpNews(ctx, 'oUser', newsMediaId)
 */
export function sendMpNews(ctx: WxContext, openid: string, mediaId: string, opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'mpnews', { media_id: mediaId }, opts)
}
