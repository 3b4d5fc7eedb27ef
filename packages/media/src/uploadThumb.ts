import type { WxContext } from '@wx/core'
import type { FileInput } from './_file.ts'
import { uploadMedia, type UploadOptions, type UploadedMedia } from './uploadMedia.ts'

/**
 * Uploads a thumbnail (JPG, ≤ 64 KB; for music and video messages) as temporary media (kept 3 days).
 *
 * Calls `POST /cgi-bin/media/upload?type=thumb` (multipart); shortcut for `uploadMedia(ctx, file, 'thumb')`.
 * Errcodes that matter: 40005 (file type not allowed), 40006/40009–40012 (file size), 45009 (daily quota).
 *
 * @example
 * const { media_id } = await uploadThumb(ctx, file)
 */
export function uploadThumb(ctx: WxContext, file: FileInput, opts?: UploadOptions | null): Promise<UploadedMedia> {
  return uploadMedia(ctx, file, 'thumb', opts)
}
