import type { WxContext } from '@wx/core'
import type { FileInput } from './_file.ts'
import { uploadMedia, type UploadOptions, type UploadedMedia } from './uploadMedia.ts'

/**
 * Uploads a video (MP4, ≤ 10 MB) as temporary media (kept 3 days).
 *
 * Calls `POST /cgi-bin/media/upload?type=video` (multipart); shortcut for `uploadMedia(ctx, file, 'video')`.
 * Errcodes that matter: 40005 (file type not allowed), 40006/40009–40012 (file size), 45009 (daily quota).
 *
 * @example
 * const { media_id } = await uploadVideo(ctx, file)
 */
export function uploadVideo(ctx: WxContext, file: FileInput, opts?: UploadOptions | null): Promise<UploadedMedia> {
  return uploadMedia(ctx, file, 'video', opts)
}
