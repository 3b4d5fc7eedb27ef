import { callApi, defineEndpoint, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A temporary video (from `uploadMedia`) to turn into a mass-sendable video. */
export interface MPVideo {
  media_id: string
  title?: string | undefined
  description?: string | undefined
}

/** What `uploadMPVideo` and `uploadNews` return. */
export interface MassMediaResult {
  /** `video` or `news`. */
  type: string
  /** The media_id to mass-send. */
  media_id: string
  /** Unix time, seconds. */
  created_at: number
}

/** @internal Output schema of the mass media uploads. */
export const massMediaOutput = () =>
  v.looseObject({ type: v.string(), media_id: v.string(), created_at: v.pipe(v.union([v.number(), v.string()]), v.transform(Number)) })

/** @internal `POST /cgi-bin/media/uploadvideo` (its path also names the upload in `massSendMPVideo`'s errors). */
export const uploadVideoEndpoint = /* @__PURE__ */ defineEndpoint<MassMediaResult>({
  method: 'POST',
  path: '/cgi-bin/media/uploadvideo',
  retry: 'send',
  body: () =>
    v.object({
      media_id: mediaIdSchema(),
      // WeChat documents no length limit for either.
      title: v.optional(v.string()),
      description: v.optional(v.string()),
    }),
  output: massMediaOutput,
})

/**
 * Turns a temporary video's media_id into a video for mass sends (the `mpvideo` media_id).
 *
 * Calls `POST /cgi-bin/media/uploadvideo`. A `send` (each call creates a new record): never resent
 * after an ambiguous failure. Errcodes that matter: 40007 (invalid or expired media_id: temporary
 * media live 3 days).
 *
 * @example
 * const { media_id } = await uploadMPVideo(ctx, { media_id: tempVideoId, title: 'Launch', description: 'Our launch video' })
 */
export function uploadMPVideo(ctx: WxContext, video: MPVideo, opts?: CallOptions | null): Promise<MassMediaResult> {
  return callApi(ctx, uploadVideoEndpoint, { body: video }, opts)
}
