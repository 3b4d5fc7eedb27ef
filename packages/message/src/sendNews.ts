import type { WxContext } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

/** One article of a news message. */
export interface NewsArticle {
  title: string
  description?: string | undefined
  url: string
  picurl?: string | undefined
}

const endpoint = /* @__PURE__ */ customMessage('news', () =>
  v.object({
    articles: v.pipe(
      v.array(
        v.object({
          title: v.pipe(v.string(), v.nonEmpty('title must not be empty')),
          description: v.optional(v.string()),
          url: v.pipe(v.string(), v.nonEmpty('url must not be empty')),
          picurl: v.optional(v.string()),
        }),
      ),
      v.check((a) => a.length === 1, 'Send exactly one article: WeChat takes one per news message since 2018 (errcode 45008)'),
    ),
  }),
)

/**
 * Sends a news (图文, external link) customer-service message.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `news`). WeChat has accepted a single article
 * since 2018 (more answers 45008), so more than one is rejected before sending.
 * A `send`: never resent after an ambiguous failure. Errcodes that matter: 45008, 45015, 45047, 43004.
 *
 * @example
 * await sendNews(ctx, 'oUser', [{ title: 'Happy Day', description: 'Is Really A Happy Day', url: 'https://example.com', picurl: 'https://example.com/a.jpg' }])
 */
export function sendNews(ctx: WxContext, openid: string, articles: NewsArticle[], opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'news', { articles }, opts)
}
