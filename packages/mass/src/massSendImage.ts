import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { imagesSchema, massEndpoints, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'

/** Options of `massSendImage`. */
export interface MassImageOptions extends MassSendOptions {
  /** Recommendation text shown with several images (`images.recommend`). */
  recommend?: string | undefined
  /** Open comments on the image message (`need_open_comment`). */
  needOpenComment?: boolean | undefined
  /** Only followers may comment (`only_fans_can_comment`). */
  onlyFansCanComment?: boolean | undefined
}

const eps = /* @__PURE__ */ massEndpoints(() => ({
  msgtype: v.literal('image'),
  image: v.optional(v.object({ media_id: mediaIdSchema() })),
  images: imagesSchema(),
}))

/**
 * Mass-sends an image message (群发图片): one media_id (classic `image` form), or several as an image
 * post (`images.media_ids`, with recommendation text and comment settings).
 *
 * Calls `POST /cgi-bin/message/mass/sendall` or `POST /cgi-bin/message/mass/send` (msgtype `image`),
 * always with a `clientmsgid`. Errcodes that matter: 40007 (invalid media_id), 45028 (no quota left),
 * 45065 (already sent: success, `deduped: true`), 45066, 48001.
 *
 * @example
 * await massSendImage(ctx, imageMediaId, 'all')
 * await massSendImage(ctx, [img1, img2], ['oUser1', 'oUser2'], { recommend: 'Our new shop' })
 */
export function massSendImage(ctx: WxContext, mediaId: string | readonly string[], target: MassTarget, opts?: MassImageOptions | null): Promise<MassSendResult> {
  const { recommend, needOpenComment, onlyFansCanComment } = opts ?? {}
  // `null` is "not set", like a missing field.
  if (typeof mediaId === 'string' && recommend == null && needOpenComment == null && onlyFansCanComment == null)
    return sendMass(ctx, eps, { msgtype: 'image', image: { media_id: mediaId } }, target, opts)
  const images: Record<string, unknown> = { media_ids: typeof mediaId === 'string' ? [mediaId] : mediaId }
  if (recommend != null) images.recommend = recommend
  if (needOpenComment != null) images.need_open_comment = needOpenComment ? 1 : 0
  if (onlyFansCanComment != null) images.only_fans_can_comment = onlyFansCanComment ? 1 : 0
  return sendMass(ctx, eps, { msgtype: 'image', images }, target, opts)
}
