import { callApi, type CallOptions, type WxContext } from '@wx/core'
import { pageEndpoint } from './_page.ts'
import { pageBody, type ArticleItem, type PageOptions } from './_schemas.ts'

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

const endpoint = /* @__PURE__ */ pageEndpoint('/cgi-bin/freepublish/batchget', 'article_id')

/**
 * Lists the account's successful publishes (获取成功发布列表), newest first, 1-20 per page.
 *
 * Calls `POST /cgi-bin/freepublish/batchget`. Errcodes that matter: 47001 (offset or count out of
 * range), 45009 (daily quota).
 *
 * @example
 * const { total_count, item } = await batchGetPublished(ctx, { offset: 0, count: 10, noContent: true })
 */
export function batchGetPublished(ctx: WxContext, page: PageOptions = {}, opts?: CallOptions | null): Promise<PublishedPage> {
  return callApi(ctx, endpoint, { body: pageBody(page) }, opts)
}
