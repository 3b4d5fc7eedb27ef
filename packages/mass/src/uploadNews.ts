import { callApi, defineEndpoint, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { massMediaOutput, type MassMediaResult } from './uploadMPVideo.ts'

/** One article of a news message for mass sends (WeChat's field names). */
export interface MassNewsArticle {
  /** The cover image: a thumb/image media_id. */
  thumb_media_id: string
  title: string
  /** HTML; WeChat strips scripts. Under 20000 characters and 1 MB. */
  content: string
  author?: string | undefined
  /** "Read more" link. */
  content_source_url?: string | undefined
  digest?: string | undefined
  show_cover_pic?: 0 | 1 | '0' | '1' | undefined
  need_open_comment?: 0 | 1 | undefined
  only_fans_can_comment?: 0 | 1 | undefined
}

const flag = () => v.optional(v.picklist([0, 1]))

const endpoint = /* @__PURE__ */ defineEndpoint<MassMediaResult>({
  method: 'POST',
  path: '/cgi-bin/media/uploadnews',
  retry: 'send',
  body: () =>
    v.object({
      articles: v.pipe(
        v.array(
          v.object({
            thumb_media_id: mediaIdSchema(),
            title: v.pipe(v.string(), v.nonEmpty('title must not be empty')),
            content: v.pipe(
              v.string(),
              v.nonEmpty('content must not be empty'),
              v.maxLength(20000, 'content: under 20000 characters'),
              v.maxBytes(1024 * 1024, 'content: under 1 MB'),
            ),
            author: v.optional(v.string()),
            content_source_url: v.optional(v.string()),
            digest: v.optional(v.string()),
            show_cover_pic: v.optional(v.picklist([0, 1, '0', '1'])),
            need_open_comment: flag(),
            only_fans_can_comment: flag(),
          }),
        ),
        v.minLength(1, 'Upload at least one article'),
        v.maxLength(8, 'A news message holds at most 8 articles (errcode 45008)'),
      ),
    }),
  output: massMediaOutput,
})

/**
 * Uploads a news message (图文消息素材) for mass sends; the returned media_id goes to `massSendNews` or `previewNews`.
 *
 * Calls `POST /cgi-bin/media/uploadnews`. A `send` (each call creates a new record): never resent after
 * an ambiguous failure. Errcodes that matter: 40007 (invalid thumb_media_id), 45008 (more than 8 articles),
 * 44003 (empty news), 45009 (daily quota).
 *
 * @example
 * const { media_id } = await uploadNews(ctx, [{ thumb_media_id: thumbId, title: 'Happy Day', content: '<p>Hello</p>', digest: 'digest' }])
 */
export function uploadNews(ctx: WxContext, articles: MassNewsArticle[], opts?: CallOptions | null): Promise<MassMediaResult> {
  return callApi(ctx, endpoint, { body: { articles } }, opts)
}
