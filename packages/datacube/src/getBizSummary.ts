import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { BizSummaryRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<BizSummaryRow>('/datacube/getbizsummary', 30)

/**
 * Reads the account's published content summed per day: readers, sharers, likes, comments (发表内容概况总数据).
 *
 * Calls `POST /datacube/getbizsummary` with `{ begin_date, end_date }`. Range: at most 30 days per call (both ends included),
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * WeChat keeps this data from 2025-11-01.
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @example
 * const rows = await getBizSummary(ctx, '2025-11-01', '2025-11-30')
 */
export function getBizSummary(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<BizSummaryRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
