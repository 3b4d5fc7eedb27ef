import type { CallOptions, WxContext } from '@wx/core'
import { datacube, report, type DateInput } from './_datacube.ts'
import type { UserShareRow } from './_rows.ts'

const endpoint = /* @__PURE__ */ datacube<UserShareRow>('/datacube/getusershare', 7)

/**
 * Reads article sharing per day and scene (图文分享转发数据).
 *
 * Calls `POST /datacube/getusershare` with `{ begin_date, end_date }`. Range: at most 7 days per call (both ends included),
 * checked before sending (`wx/validation`). Dates are `YYYY-MM-DD` strings or `Date`s (read in UTC+8).
 * Errcodes that matter: 61501 (date range error: end_date must be yesterday or earlier, or the range is
 * too long), 61500 (date format error), 48001 (no permission: unverified account).
 *
 * @deprecated WeChat stopped maintaining this endpoint (本接口已停止维护): use `getBizSummary` (the
 * account's sharers per day), or `getArticleShare` per article; data from 2025-11-01.
 *
 * @example
 * const rows = await getUserShare(ctx, '2024-03-01', '2024-03-07')
 */
export function getUserShare(ctx: WxContext, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<UserShareRow[]> {
  return report(ctx, endpoint, begin, end, opts)
}
