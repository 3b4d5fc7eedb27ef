import { check, WxError, type WxContext } from '@wx/core'
import { deriveClientMsgId, massBody, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'
import { videoEndpoints } from './massSendVideo.ts'
import { uploadMPVideo, uploadVideoEndpoint, type MPVideo } from './uploadMPVideo.ts'

/**
 * Mass-sends a temporary video in one call: `uploadMPVideo` (which makes the mass-send video), then
 * the mass send (msgtype `mpvideo`).
 *
 * Calls `POST /cgi-bin/media/uploadvideo`, then `POST /cgi-bin/message/mass/sendall` or `/mass/send`.
 * The derived `clientmsgid` comes from your video and target (not from the new media_id), so calling
 * this again for the same video and target dedupes the send (the upload is repeated, harmlessly).
 * Errcodes that matter: 40007 (invalid or expired media_id), 45028, 45065 (already sent: success), 45066, 48001.
 * The upload and the send each get `opts.timeout` (the send as every mass send: `timeout` per attempt), so
 * the call takes at most `3 × timeout + resendAfter`; `opts.signal` bounds both.
 *
 * @example
 * await massSendMPVideo(ctx, { media_id: tempVideoId, title: 'Launch', description: 'Our launch video' }, { tagId: 2 })
 */
export async function massSendMPVideo(ctx: WxContext, video: MPVideo, target: MassTarget, opts?: MassSendOptions | null): Promise<MassSendResult> {
  // Reject a bad target or clientmsgid before the upload (the send itself validates its body again, later).
  const { ep, body } = massBody(videoEndpoints, { msgtype: 'mpvideo', mpvideo: { media_id: 'placeholder' } }, target, opts)
  check(ep.body, body, ep.path)
  const { signal, timeout } = opts ?? {}
  const { media_id } = await uploadMPVideo(ctx, video, { ...(signal ? { signal } : {}), ...(timeout === undefined ? {} : { timeout }) })
  // An upload answered without a usable media_id is WeChat's answer, not the caller's input.
  if ((typeof media_id != 'string' && typeof media_id != 'number') || media_id === '') throw new WxError('wx/api', `${uploadVideoEndpoint.path}: answer without media_id (nothing was mass-sent)`, { path: uploadVideoEndpoint.path })
  const msg = { msgtype: 'mpvideo', mpvideo: { media_id: String(media_id) } }
  return sendMass(ctx, videoEndpoints, msg, target, opts, () => deriveClientMsgId({ msgtype: 'mpvideo', source: video }, target))
}
