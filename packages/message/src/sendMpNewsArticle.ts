import type { WxContext } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

const endpoint = /* @__PURE__ */ customMessage('mpnewsarticle', () =>
  v.object({ article_id: v.pipe(v.string(), v.regex(/^[\w-]{1,128}$/, 'Invalid article_id: expected the article_id of a published article')) }),
)

/**
 * Sends a published article (发布的图文消息) as a customer-service message, by the `article_id` that
 * publishing gave it (`getPublishStatus` of @wx/draft).
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `mpnewsarticle`).
 * A `send`: repeated only when WeChat certainly did not act on it (token rejected, connection refused);
 * after a timeout or reset it throws `wx/outcome-unknown` instead of risking a second delivery.
 * Errcodes that matter: 45015 (48-hour reply window closed), 40007 (invalid article_id), 45047 (too
 * many messages to this user), 43004 (not a follower), 40003 (invalid openid).
 *
 * @example
 * await sendMpNewsArticle(ctx, 'oUser', articleId)
 */
export function sendMpNewsArticle(ctx: WxContext, openid: string, articleId: string, opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'mpnewsarticle', { article_id: articleId }, opts)
}
