import { callApi, defineEndpoint, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { draftArticleSchema, type DraftArticle } from './_schemas.ts'

/** Which article of a draft to replace, and with what. */
export interface DraftUpdate {
  /** Position of the article in the draft, from 0. */
  index: number
  article: DraftArticle
}

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/draft/update',
  retry: 'idempotent',
  body: () =>
    v.object({
      media_id: mediaIdSchema(),
      index: v.pipe(v.number('index: expected a number'), v.integer('index: expected a whole number'), v.minValue(0, 'index starts at 0'), v.maxValue(7, 'A draft has at most 8 articles')),
      articles: draftArticleSchema(),
    }),
})

/**
 * Replaces one article of a draft (修改草稿).
 *
 * Calls `POST /cgi-bin/draft/update`. Idempotent: retried after transient failures.
 * Errcodes that matter: 40007 (no such draft, or invalid thumb_media_id), 40129 (index beyond the
 * draft's articles), 45003/45004/45110 (title, digest or author too long).
 *
 * @example
 * await updateDraft(ctx, mediaId, { index: 0, article: { title: 'New title', thumb_media_id: coverId, content: '<p>...</p>' } })
 */
export async function updateDraft(ctx: WxContext, mediaId: string, update: DraftUpdate, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { media_id: mediaId, index: update?.index, articles: update?.article } }, opts)
}
