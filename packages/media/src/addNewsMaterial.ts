import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { articleSchema, type NewsArticle } from './_news.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ media_id: string }>({
  method: 'POST',
  path: '/cgi-bin/material/add_news',
  retry: 'send',
  body: () => v.object({ articles: v.pipe(v.array(articleSchema()), v.minLength(1, 'At least 1 article'), v.maxLength(8, 'At most 8 articles')) }),
  output: () => v.looseObject({ media_id: v.string() }),
})

/**
 * Adds a permanent news material (永久图文素材) of 1–8 articles.
 *
 * Calls `POST /cgi-bin/material/add_news`. A `send`: each call adds one more material, so it is never
 * resent after an ambiguous failure.
 * Errcodes that matter: 45103 (API retired: WeChat answers `{"errcode":45103,"errmsg":"This API has
 * been unsupported"}`), or, for accounts without the permission, 48001; 40007 (invalid
 * thumb_media_id), 45009 (daily quota).
 *
 * @deprecated WeChat replaced news materials with drafts and publishing: use `addDraft` (@wx/draft),
 * then `publishDraft` or `massSendNews`; new accounts can no longer call this.
 *
 * @example
 * const { media_id } = await addNewsMaterial(ctx, [{ title: 'Hello', thumb_media_id: thumbId, content: '<p>Hi</p>' }])
 */
export function addNewsMaterial(ctx: WxContext, articles: NewsArticle[], opts?: CallOptions | null): Promise<{ media_id: string }> {
  return callApi(ctx, endpoint, { body: { articles } }, opts)
}
