import { callApi, defineEndpoint, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { articleItemSchema, type ArticleItem } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ news_item: ArticleItem[] }>({
  method: 'POST',
  path: '/cgi-bin/draft/get',
  retry: 'read',
  body: () => v.object({ media_id: mediaIdSchema() }),
  output: () => v.looseObject({ news_item: v.optional(v.array(articleItemSchema()), []) }),
})

/**
 * Reads a draft (获取草稿): its articles, each with a temporary preview `url`.
 *
 * Calls `POST /cgi-bin/draft/get`. Errcodes that matter: 40007 (no such draft: unknown, deleted, or
 * already published).
 *
 * @example
 * const { news_item } = await getDraft(ctx, mediaId)
 */
export function getDraft(ctx: WxContext, mediaId: string, opts?: CallOptions | null): Promise<{ news_item: ArticleItem[] }> {
  return callApi(ctx, endpoint, { body: { media_id: mediaId } }, opts)
}
