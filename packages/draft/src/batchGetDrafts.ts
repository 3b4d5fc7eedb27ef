import { callApi, type CallOptions, type WxContext } from '@wx/core'
import { pageEndpoint } from './_page.ts'
import { pageBody, type ArticleItem, type PageOptions } from './_schemas.ts'

/** One draft of a page. */
export interface DraftListItem {
  media_id: string
  content: { news_item: ArticleItem[] }
  /** Unix seconds. */
  update_time: number
}

/** A page of drafts. */
export interface DraftPage {
  total_count: number
  item_count: number
  item: DraftListItem[]
}

const endpoint = /* @__PURE__ */ pageEndpoint('/cgi-bin/draft/batchget', 'media_id')

/**
 * Lists the drafts (获取草稿列表), newest first, 1-20 per page.
 *
 * Calls `POST /cgi-bin/draft/batchget`. Errcodes that matter: 47001 (offset or count out of range), 45009 (daily quota), 48001 (no draft permission).
 *
 * @example
 * const { total_count, item } = await batchGetDrafts(ctx, { offset: 0, count: 20, noContent: true })
 */
export function batchGetDrafts(ctx: WxContext, page: PageOptions = {}, opts?: CallOptions | null): Promise<DraftPage> {
  return callApi(ctx, endpoint, { body: pageBody(page) }, opts)
}
