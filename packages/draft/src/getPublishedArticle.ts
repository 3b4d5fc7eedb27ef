import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { articleIdSchema, articleItemSchema, type ArticleItem } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ news_item: ArticleItem[] }>({
  method: 'POST',
  path: '/cgi-bin/freepublish/getarticle',
  retry: 'read',
  body: () => v.object({ article_id: articleIdSchema() }),
  output: () => v.looseObject({ news_item: v.optional(v.array(articleItemSchema()), []) }),
})

/**
 * Reads a published article (获取已发布图文信息): its articles with their permanent `url` and `is_deleted`.
 *
 * Calls `POST /cgi-bin/freepublish/getarticle`. Errcodes that matter: 53600 (invalid article_id).
 *
 * @example
 * const { news_item } = await getPublishedArticle(ctx, articleId)
 */
export function getPublishedArticle(ctx: WxContext, articleId: string, opts?: CallOptions | null): Promise<{ news_item: ArticleItem[] }> {
  return callApi(ctx, endpoint, { body: { article_id: articleId } }, opts)
}
