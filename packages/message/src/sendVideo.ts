import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

/** A video message: the video's media_id, and optionally a thumbnail, title and description. */
export interface VideoMessage {
  mediaId: string
  thumbMediaId?: string | undefined
  title?: string | undefined
  description?: string | undefined
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
 * await sendVideo(ctx, 'oUser', { mediaId }, { kfAccount: 'kf2001@gh_abc' })
 * await sendVideo(ctx, 'oUser', mediaId, thumbMediaId)
 */
export function sendVideo(ctx: WxContext, openid: string, video: VideoMessage, opts?: SendOptions | null): Promise<void>
export function sendVideo(ctx: WxContext, openid: string, mediaId: string, thumbMediaId?: string, opts?: SendOptions | null): Promise<void>
export function sendVideo(ctx: WxContext, openid: string, mediaId: string, opts?: SendOptions | null): Promise<void>
/** The object form with the options 5th, after an `undefined` (as before options could come 4th). */
export function sendVideo(ctx: WxContext, openid: string, video: VideoMessage, thumbMediaId: undefined, opts?: SendOptions | null): Promise<void>
export function sendVideo(ctx: WxContext, openid: string, video: VideoMessage | string, thumbOrOpts?: string | SendOptions | null, opts?: SendOptions | null): Promise<void> {
  // Options come last: 4th after a video object or a bare media id, 5th after the seed's thumbMediaId.
  if (thumbOrOpts && typeof thumbOrOpts === 'object') opts = thumbOrOpts
  const m = typeof video === 'string' ? { mediaId: video, ...(typeof thumbOrOpts === 'string' ? { thumbMediaId: thumbOrOpts } : {}) } : video
  // A missing video reaches the schema (wx/validation: media_id), not a TypeError.
  const payload: Record<string, string> = { media_id: m?.mediaId as string }
  if (m?.thumbMediaId !== undefined) payload.thumb_media_id = m.thumbMediaId
  if (m?.title !== undefined) payload.title = m.title
  if (m?.description !== undefined) payload.description = m.description
  return sendCustom(ctx, endpoint, openid, 'video', payload, opts)
}
