import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { UpstreamMsgRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<UpstreamMsgRow>('/datacube/getupstreammsgweek', 30)

/**
 * Reads the messages users sent to the account, per week (消息发送周数据).
 *
 * Calls `POST /datacube/getupstreammsgweek` with `{ begin_date, end_date }`. Range: at most 30 days per call (both ends included),
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @example
 * const rows = await getUpstreamMsgWeek(ctx, '2024-03-01', '2024-03-07')
 */
export function getUpstreamMsgWeek(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<UpstreamMsgRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
