import { callApi, defineEndpoint, mediaIdSchema, readFile, type CallOptions, type FileResult, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** What WeChat answers for a temporary video: a link instead of the bytes. */
export interface MediaVideoUrl {
  video_url: string
}

const endpoint = /* @__PURE__ */ defineEndpoint<FileResult | MediaVideoUrl>({
  method: 'GET',
  path: '/cgi-bin/media/get',
  retry: 'read',
  media: true,
  read: readFile,
  query: () => v.object({ media_id: mediaIdSchema() }),
  output: () => v.looseObject({ video_url: v.string() }),
})

/**
 * Downloads a temporary media file: its bytes, content type and file name.
 *
 * Calls `GET /cgi-bin/media/get?media_id=...` with the media timeout. WeChat reports errors on this
 * download as HTTP 200 with a JSON body; that becomes the usual `WxError` (`wx/api` with `errcode`).
 * For videos WeChat answers a link instead (`{ video_url }`).
 * Errcodes that matter: 40007 (invalid or expired media_id: temporary media lives 3 days), 45009 (quota).
 *
 * @example
 * const file = await getMedia(ctx, mediaId)
 * if ('data' in file) await writeFile(file.filename ?? 'media', file.data)
 */
export function getMedia(ctx: WxContext, mediaId: string, opts?: CallOptions | null): Promise<FileResult | MediaVideoUrl> {
  return callApi(ctx, endpoint, { query: { media_id: mediaId } }, opts)
}
