import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { ArticleReadRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<ArticleReadRow>('/datacube/getarticleread', 1)

/**
 * Reads the readers, by scene, of each published article read on one day (发表内容每日阅读数据).
 *
 * Calls `POST /datacube/getarticleread` with `{ begin_date, end_date }`. Range: one day: `begin` and `end` must be the same day,
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * WeChat keeps this data from 2025-11-01; a day on which no article's numbers changed answers no rows.
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @example
 * const rows = await getArticleRead(ctx, '2025-11-03', '2025-11-03')
 */
export function getArticleRead(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<ArticleReadRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
