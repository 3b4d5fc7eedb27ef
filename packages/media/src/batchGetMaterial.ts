import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import type { NewsItem } from './getMaterial.ts'

/** Which page of which kind of permanent material to list. */
export interface MaterialQuery {
  type: 'image' | 'video' | 'voice' | 'news'
  /** From 0. Default 0. */
  offset?: number | undefined
  /** 1–20. Default 20. */
  count?: number | undefined
}

/** One listed material: files have `name` and `url`, news have `content.news_item`. */
export interface MaterialItem {
  media_id: string
  update_time: number
  name?: string
  url?: string
  content?: { news_item: NewsItem[]; [key: string]: unknown }
  [key: string]: unknown
}

/** A page of permanent materials. */
export interface MaterialPage {
  total_count: number
  item_count: number
  item: MaterialItem[]
}

const endpoint = /* @__PURE__ */ defineEndpoint<MaterialPage>({
  method: 'POST',
  path: '/cgi-bin/material/batchget_material',
  retry: 'read',
  body: () =>
    v.object({
      type: v.picklist(['image', 'video', 'voice', 'news'], 'Invalid type: expected image, video, voice or news'),
      offset: v.pipe(v.number(), v.integer('Offset must be an integer'), v.minValue(0, 'Offset starts at 0')),
      count: v.pipe(v.number(), v.integer('Count must be an integer'), v.minValue(1, 'Count must be 1-20'), v.maxValue(20, 'Count must be 1-20')),
    }),
  output: () =>
    v.looseObject({
      total_count: v.number(),
      item_count: v.number(),
      item: v.optional(v.array(v.looseObject({ media_id: v.string(), update_time: v.number() })), []),
    }) as v.GenericSchema<unknown, MaterialPage>,
})

/**
 * Lists permanent materials of one kind, a page of up to 20 at a time.
 *
 * Calls `POST /cgi-bin/material/batchget_material`.
 * Errcodes that matter: 40004 (invalid type), 45009 (daily quota).
 *
 * @example
 * const { total_count, item } = await batchGetMaterial(ctx, { type: 'image', offset: 0, count: 20 })
 */
export function batchGetMaterial(ctx: WxContext, query: MaterialQuery, opts?: CallOptions | null): Promise<MaterialPage> {
  return callApi(ctx, endpoint, { body: { type: query?.type, offset: query?.offset ?? 0, count: query?.count ?? 20 } }, opts)
}
