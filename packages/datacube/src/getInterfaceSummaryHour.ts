import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { InterfaceSummaryHourRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<InterfaceSummaryHourRow>('/datacube/getinterfacesummaryhour', 1)

/**
 * Reads the calls WeChat made to the account's server per hour of one day (接口分析分时数据).
 *
 * Calls `POST /datacube/getinterfacesummaryhour` with `{ begin_date, end_date }`. Range: one day: `begin` and `end` must be the same day,
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @example
 * const rows = await getInterfaceSummaryHour(ctx, '2024-03-01', '2024-03-01')
 */
export function getInterfaceSummaryHour(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<InterfaceSummaryHourRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
