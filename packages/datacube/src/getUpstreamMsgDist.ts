import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { UpstreamMsgDistRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<UpstreamMsgDistRow>('/datacube/getupstreammsgdist', 15)

/**
 * Reads how many users sent how many messages, per day (消息发送分布数据).
 *
 * Calls `POST /datacube/getupstreammsgdist` with `{ begin_date, end_date }`. Range: at most 15 days per call (both ends included),
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @example
 * const rows = await getUpstreamMsgDist(ctx, '2024-03-01', '2024-03-07')
 */
export function getUpstreamMsgDist(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<UpstreamMsgDistRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
