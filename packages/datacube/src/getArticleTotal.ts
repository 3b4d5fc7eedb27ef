import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { ArticleTotalRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<ArticleTotalRow>('/datacube/getarticletotal', 1)

/**
 * Reads the day-by-day numbers, since sending, of the articles sent on one day (图文群发总数据).
 *
 * Calls `POST /datacube/getarticletotal` with `{ begin_date, end_date }`. Range: one day: `begin` and `end` must be the same day,
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @deprecated WeChat stopped maintaining this endpoint (本接口已停止维护): use `getArticleTotalDetail`
 * (each article published on a day, with its numbers for each day since), data from 2025-11-01.
 *
 * @example
 * const rows = await getArticleTotal(ctx, '2024-03-01', '2024-03-01')
 */
export function getArticleTotal(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<ArticleTotalRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
