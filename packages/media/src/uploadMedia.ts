import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { prepareUpload, ruleFor, type FileInput, type MediaType, type Upload } from './_file.ts'

/** Options of the upload functions. */
export interface UploadOptions extends CallOptions {
  /**
   * Largest image accepted before sending, in bytes. Default 10 MB, the current documented limit; the
   * same WeChat page also says 2 MB and older texts 1 MB, so lower it if your account enforces less.
   */
  maxImageBytes?: number | undefined
}

/** A temporary media file as WeChat registered it (kept 3 days). */
export interface UploadedMedia {
  type: MediaType
  /** The id to send or download it with (for thumbs, WeChat's `thumb_media_id`). */
  media_id: string
  /** Set for thumbs: WeChat answers `thumb_media_id` for them. */
  thumb_media_id?: string
  /** Unix seconds. */
  created_at: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<UploadedMedia>({
  method: 'POST',
  path: '/cgi-bin/media/upload',
  // A repeat only registers a second copy that expires in 3 days: harmless, so retried like a write.
  retry: 'idempotent',
  media: true,
  // `ruleFor` rejects any other type (wx/validation) while the file is prepared.
  query: () => v.object({ type: v.string() }),
  prepare: /* @__PURE__ */ prepareUpload('/cgi-bin/media/upload'),
  output: () =>
    v.pipe(
      v.looseObject({ type: v.string(), media_id: v.optional(v.string()), thumb_media_id: v.optional(v.string()) }),
      v.check(({ created_at: t }) => typeof t === 'number' || typeof t === 'string', 'created_at: expected unix seconds'),
      v.transform((r) => ({ ...r, created_at: +(r.created_at as number) }) as UploadedMedia),
    ),
})

/**
 * Uploads a temporary media file (临时素材, kept 3 days) from web types, so it works on edge runtimes too.
 *
 * Calls `POST /cgi-bin/media/upload?type=TYPE` (multipart, field `media`) with the media timeout.
 * Takes a `Blob`/`File`, `Uint8Array`, `ArrayBuffer`, `ReadableStream` or `{ data, filename }`; a
 * `ReadableStream` is read into a `Blob` first (FormData holds only Blobs), so it is buffered in memory.
 * Checked before sending (`wx/validation`, nothing sent): image ≤ 10 MB (configurable) PNG/JPEG/GIF,
 * voice ≤ 2 MB AMR/MP3, video ≤ 10 MB MP4, thumb ≤ 64 KB JPG (type judged by content, name or MIME).
 * Errcodes that matter: 40004 (invalid media type), 40005 (file type not allowed), 40006/40009–40012
 * (file size), 41005 (no file), 45009 (daily quota).
 *
 * @example
 * const { media_id } = await uploadMedia(ctx, new File([bytes], 'photo.jpg'), 'image')
 * await sendImage(ctx, openid, media_id)
 */
export async function uploadMedia(ctx: WxContext, file: FileInput, type: MediaType, opts?: UploadOptions | null): Promise<UploadedMedia> {
  const rule = () => ruleFor(type, { label: 'temporary', image: ['png', 'jpg', 'gif'], voice: ['amr', 'mp3'] }, opts?.maxImageBytes)
  const body: Upload = { file, rule }
  const r = await callApi(ctx, endpoint, { query: { type }, body }, opts)
  // A thumb answers `thumb_media_id`. Set here, not in the schema's transform, which an answer that
  // drifted from the docs (no `created_at`) skips.
  r.media_id ??= r.thumb_media_id!
  return r
}
