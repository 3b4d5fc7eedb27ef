import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { ArticleTotalDetailRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<ArticleTotalDetailRow>('/datacube/getarticletotaldetail', 1)

/**
 * Reads each article published on one day, with its numbers for each day since (发表内容发表详细数据).
 *
 * Calls `POST /datacube/getarticletotaldetail` with `{ begin_date, end_date }`. Range: one day: `begin` and `end` must be the same day (the publish day),
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * WeChat keeps this data from 2025-11-01 and counts each article for 30 days after it was published.
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @example
 * const [a] = await getArticleTotalDetail(ctx, '2025-11-03', '2025-11-03'); a?.detail_list
 */
export function getArticleTotalDetail(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<ArticleTotalDetailRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
