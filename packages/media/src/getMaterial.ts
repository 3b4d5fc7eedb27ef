import { callApi, defineEndpoint, mediaIdSchema, readFile, type CallOptions, type FileResult, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** One article of a news material as WeChat returns it. */
export interface NewsItem {
  title: string
  thumb_media_id: string
  content: string
  url?: string
  [key: string]: unknown
}

/** What `getMaterial` returns for JSON-described materials: news articles, or a video's link. */
export interface MaterialInfo {
  /** News materials. */
  news_item?: NewsItem[]
  /** Videos: title, description and a download link. */
  title?: string
  description?: string
  down_url?: string
}

const endpoint = /* @__PURE__ */ defineEndpoint<FileResult | MaterialInfo>({
  method: 'POST',
  path: '/cgi-bin/material/get_material',
  retry: 'read',
  media: true,
  read: readFile,
  body: () => v.object({ media_id: mediaIdSchema() }),
  output: () =>
    v.looseObject({
      news_item: v.optional(v.array(v.looseObject({ title: v.string(), thumb_media_id: v.string(), content: v.string() }))),
      title: v.optional(v.string()),
      description: v.optional(v.string()),
      down_url: v.optional(v.string()),
    }) as v.GenericSchema<unknown, MaterialInfo>,
})

/**
 * Reads a permanent material: the file (images, voice, thumbs) or its description (news, video).
 *
 * Calls `POST /cgi-bin/material/get_material` with the media timeout. Files come back as
 * `{ data, contentType, filename }`; news as `{ news_item }`; videos as `{ title, description, down_url }`.
 * A JSON error body becomes the usual `WxError`.
 * Errcodes that matter: 40007 (invalid media_id), 45009 (daily quota).
 *
 * @example
 * const m = await getMaterial(ctx, mediaId)
 * if ('data' in m) console.log(m.contentType, m.data.byteLength)
 * else console.log(m.news_item ?? m.down_url)
 */
export function getMaterial(ctx: WxContext, mediaId: string, opts?: CallOptions | null): Promise<FileResult | MaterialInfo> {
  return callApi(ctx, endpoint, { body: { media_id: mediaId } }, opts)
}
