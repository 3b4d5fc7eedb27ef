import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { massEndpoints, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'

/** @internal The `mpvideo` declarations, shared with `massSendMPVideo`. */
export const videoEndpoints = /* @__PURE__ */ massEndpoints(() => ({ msgtype: v.literal('mpvideo'), mpvideo: v.object({ media_id: mediaIdSchema() }) }))

/**
 * Mass-sends a video (群发视频, msgtype `mpvideo`) by the media_id `uploadMPVideo` returned.
 * To start from a temporary video's media_id in one call, use `massSendMPVideo`.
 *
 * Calls `POST /cgi-bin/message/mass/sendall` or `POST /cgi-bin/message/mass/send`, always with a
 * `clientmsgid`. Errcodes that matter: 40007 (invalid media_id: a temporary video id must go through
 * `uploadMPVideo` first), 45028 (no quota left), 45065 (already sent: success, `deduped: true`), 45066, 48001.
 *
 * @example
 * const { media_id } = await uploadMPVideo(ctx, { media_id: tempVideoId, title: 'Launch', description: 'Our launch video' })
 * await massSendVideo(ctx, media_id, 'all')
 */
export function massSendVideo(ctx: WxContext, mediaId: string, target: MassTarget, opts?: MassSendOptions | null): Promise<MassSendResult> {
  return sendMass(ctx, videoEndpoints, { msgtype: 'mpvideo', mpvideo: { media_id: mediaId } }, target, opts)
}
