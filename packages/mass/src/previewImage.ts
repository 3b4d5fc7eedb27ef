import { mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { previewEndpoint, sendPreview, type PreviewResult } from './_preview.ts'

const endpoint = /* @__PURE__ */ previewEndpoint('image', () => v.object({ media_id: mediaIdSchema() }))

/**
 * Previews a image mass message on one follower's phone (预览) before sending it to everyone.
 *
 * Calls `POST /cgi-bin/message/mass/preview` (msgtype `image`). A `send` without a dedupe key: never
 * resent after an ambiguous failure. WeChat allows 100 previews a day.
 * Errcodes that matter: 40007 (invalid media_id), 43004 (not a follower), 40003 (invalid openid), 45028/45009 (quota).
 *
 * @example
 * await previewImage(ctx, 'oUser', imageMediaId)
 */
export function previewImage(ctx: WxContext, openid: string, mediaId: string, opts?: CallOptions | null): Promise<PreviewResult> {
  return sendPreview(ctx, endpoint, openid, 'image', { media_id: mediaId }, opts)
}
