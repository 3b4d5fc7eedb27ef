import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** How many permanent materials of each kind the account holds. */
export interface MaterialCount {
  voice_count: number
  video_count: number
  image_count: number
  news_count: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<MaterialCount>({
  method: 'GET',
  path: '/cgi-bin/material/get_materialcount',
  retry: 'read',
  output: () => v.looseObject({ voice_count: v.number(), video_count: v.number(), image_count: v.number(), news_count: v.number() }),
})

/**
 * Counts the permanent materials by kind (limits: 100000 images and news, 1000 of the others; older texts say 5000).
 *
 * Calls `GET /cgi-bin/material/get_materialcount`.
 * Errcodes that matter: 45009 (daily quota), 48001 (no permission).
 *
 * @example
 * const { image_count } = await getMaterialCount(ctx)
 */
export function getMaterialCount(ctx: WxContext, opts?: CallOptions | null): Promise<MaterialCount> {
  return callApi(ctx, endpoint, {}, opts)
}
