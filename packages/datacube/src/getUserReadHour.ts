import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { UserReadHourRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<UserReadHourRow>('/datacube/getuserreadhour', 1)

/**
 * Reads article reading statistics per hour of one day (图文统计分时数据).
 *
 * Calls `POST /datacube/getuserreadhour` with `{ begin_date, end_date }`. Range: one day: `begin` and `end` must be the same day,
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @deprecated WeChat stopped maintaining this endpoint (本接口已停止维护) and offers no hourly
 * replacement: `getBizSummary` gives the account's readers per day, `getArticleRead` each article's.
 *
 * @example
 * const rows = await getUserReadHour(ctx, '2024-03-01', '2024-03-01')
 */
export function getUserReadHour(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<UserReadHourRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
