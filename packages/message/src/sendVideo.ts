import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

/** A video message: the video's media_id, and optionally a thumbnail, title and description. */
export interface VideoMessage {
  mediaId: string
  thumbMediaId?: string
  title?: string
  description?: string
}

const endpoint = /* @__PURE__ */ customMessage('video', () =>
  v.object({
    media_id: mediaIdSchema(),
    thumb_media_id: v.optional(mediaIdSchema()),
    title: v.optional(v.string()),
    description: v.optional(v.string()),
  }),
)

/**
 * Sends a video customer-service message. The seed's `sendVideo(openid, mediaId, thumbMediaId)` form
 * is accepted too.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `video`).
 * A `send`: never resent after an ambiguous failure. Errcodes that matter: 40007 (invalid media_id),
 * 45015 (reply window closed), 45047, 43004, 40003.
 *
 * @example
 * await sendVideo(ctx, 'oUser', { mediaId, thumbMediaId, title: 'Demo' })
 * await sendVideo(ctx, 'oUser', mediaId, thumbMediaId)
 */
export function sendVideo(ctx: WxContext, openid: string, video: VideoMessage | string, thumbMediaId?: string, opts?: SendOptions): Promise<void> {
  const m = typeof video === 'string' ? { mediaId: video, ...(thumbMediaId === undefined ? {} : { thumbMediaId }) } : video
  const payload: Record<string, string> = { media_id: m.mediaId }
  if (m.thumbMediaId !== undefined) payload.thumb_media_id = m.thumbMediaId
  if (m.title !== undefined) payload.title = m.title
  if (m.description !== undefined) payload.description = m.description
  return sendCustom(ctx, endpoint, openid, 'video', payload, opts)
}
