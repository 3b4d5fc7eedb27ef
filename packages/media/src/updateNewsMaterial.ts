import { callApi, defineEndpoint, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { articleSchema, type NewsArticle } from './_news.ts'

/** Which article to replace, and with what. */
export interface NewsUpdate {
  /** Position of the article in the material, from 0. */
  index: number
  article: NewsArticle
}

const endpoint = /* @__PURE__ */ defineEndpoint<void>({
  method: 'POST',
  path: '/cgi-bin/material/update_news',
  retry: 'idempotent',
  body: () =>
    v.object({
      media_id: mediaIdSchema(),
      index: v.pipe(v.number(), v.integer('Index must be an integer'), v.minValue(0, 'Index starts at 0'), v.maxValue(7, 'A news material has at most 8 articles')),
      articles: articleSchema(),
    }),
})

/**
 * Replaces one article of a permanent news material.
 *
 * Calls `POST /cgi-bin/material/update_news`. Idempotent: retried on transient failures.
 * Errcodes that matter: 45103 (API retired: WeChat answers `{"errcode":45103,"errmsg":"This API has
 * been unsupported"}`), or, for accounts without the permission, 48001; 40007 (invalid media_id or
 * thumb_media_id).
 *
 * @deprecated WeChat replaced news materials with drafts: use `updateDraft` (@wx/draft).
 *
 * @example
 * await updateNewsMaterial(ctx, mediaId, { index: 0, article: { title: 'New title', thumb_media_id: thumbId, content: '<p>...</p>' } })
 */
export async function updateNewsMaterial(ctx: WxContext, mediaId: string, update: NewsUpdate, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { media_id: mediaId, index: update?.index, articles: update?.article } }, opts)
}
