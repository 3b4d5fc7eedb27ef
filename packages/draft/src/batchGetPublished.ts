import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { articleItemSchema, pageBody, pageSchema, type ArticleItem, type PageOptions } from './_schemas.ts'

/** One publish of a page. */
export interface PublishedListItem {
  article_id: string
  content: { news_item: ArticleItem[] }
  /** Unix seconds. */
  update_time: number
}

/** A page of publishes. */
export interface PublishedPage {
  total_count: number
  item_count: number
  item: PublishedListItem[]
}

const endpoint = /* @__PURE__ */ defineEndpoint<PublishedPage>({
  method: 'POST',
  path: '/cgi-bin/freepublish/batchget',
  retry: 'read',
  body: pageSchema,
  output: () =>
    v.looseObject({
      total_count: v.number(),
      item_count: v.number(),
      item: v.optional(
        v.array(v.looseObject({ article_id: v.string(), content: v.looseObject({ news_item: v.optional(v.array(articleItemSchema()), []) }), update_time: v.number() })),
        [],
      ),
    }),
})

/**
 * Lists the account's successful publishes (获取成功发布列表), newest first, 1-20 per page.
 *
 * Calls `POST /cgi-bin/freepublish/batchget`. Errcodes that matter: 47001 (offset or count out of
 * range), 45009 (daily quota).
 *
 * @example
 * const { total_count, item } = await batchGetPublished(ctx, { offset: 0, count: 10, noContent: true })
 */
export function batchGetPublished(ctx: WxContext, page: PageOptions = {}, opts?: CallOptions): Promise<PublishedPage> {
  return callApi(ctx, endpoint, { body: pageBody(page) }, opts)
}
