import type { WxContext } from '@wx/core'
import type { FileInput } from './_file.ts'
import { uploadMedia, type UploadOptions, type UploadedMedia } from './uploadMedia.ts'

/**
 * Uploads an image (PNG/JPEG/GIF, ≤ 10 MB by default, configurable with `maxImageBytes`) as temporary media (kept 3 days).
 *
 * Calls `POST /cgi-bin/media/upload?type=image` (multipart); shortcut for `uploadMedia(ctx, file, 'image')`.
 * Errcodes that matter: 40005 (file type not allowed), 40006/40009–40012 (file size), 45009 (daily quota).
 *
 * @example
 * const { media_id } = await uploadImage(ctx, file)
 */
export function uploadImage(ctx: WxContext, file: FileInput, opts?: UploadOptions | null): Promise<UploadedMedia> {
  return uploadMedia(ctx, file, 'image', opts)
}
