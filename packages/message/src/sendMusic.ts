import { mediaIdSchema, urlSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

/** A music message, in WeChat's field names (as the seed takes it). */
export interface MusicMessage {
  title?: string | undefined
  description?: string | undefined
  musicurl: string
  hqmusicurl?: string | undefined
  thumb_media_id: string
}

const endpoint = /* @__PURE__ */ customMessage('music', () =>
  v.object({
    title: v.optional(v.string()),
    description: v.optional(v.string()),
    musicurl: urlSchema(),
    hqmusicurl: v.optional(urlSchema()),
    thumb_media_id: mediaIdSchema(),
  }),
)

/**
 * Sends a music customer-service message.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `music`).
 * A `send`: never resent after an ambiguous failure. Errcodes that matter: 40007 (thumb_media_id),
 * 45015, 45047, 43004, 40003.
 *
 * @example
 * await sendMusic(ctx, 'oUser', { title: 'Song', musicurl: 'https://example.com/a.mp3', hqmusicurl: 'https://example.com/a.mp3', thumb_media_id: thumbId })
 */
export function sendMusic(ctx: WxContext, openid: string, music: MusicMessage, opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'music', music, opts)
}
