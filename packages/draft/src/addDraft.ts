import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { draftArticlesSchema, type DraftArticle } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ media_id: string }>({
  method: 'POST',
  path: '/cgi-bin/draft/add',
  retry: 'send',
  body: () => v.object({ articles: draftArticlesSchema() }),
  output: () => v.looseObject({ media_id: v.string() }),
})

/**
 * Adds a draft (新建草稿) of 1-8 articles to the draft box and returns its `media_id`: publish it with
 * `publishDraft`, or mass-send it with `massSendNews` (@wx/mass).
 *
 * Calls `POST /cgi-bin/draft/add`. A `send`: each call adds one more draft, so it is never resent
 * after an ambiguous failure (`wx/outcome-unknown`; check `batchGetDrafts`).
 * Errcodes that matter: 40007 (invalid thumb_media_id: the cover must be a permanent material),
 * 45003/45004/45110 (title, digest or author too long), 53404/53405/53406 (product cards: selling
 * restricted, wrong product, not enabled), 45009 (daily quota).
 *
 * @example
 * const { media_id } = await addDraft(ctx, [{ title: 'Hello', thumb_media_id: coverId, content: '<p>Hi</p>', need_open_comment: 1 }])
 */
export function addDraft(ctx: WxContext, articles: DraftArticle[], opts?: CallOptions | null): Promise<{ media_id: string }> {
  return callApi(ctx, endpoint, { body: { articles } }, opts)
}
