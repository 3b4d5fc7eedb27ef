import { callApi, defineEndpoint, invalidInput, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { prepareUpload, ruleFor, type FileInput, type MediaType, type Upload } from './_file.ts'
import type { UploadOptions } from './uploadMedia.ts'

/** Options of `addMaterial`. */
export interface AddMaterialOptions extends UploadOptions {
  /** Required for videos: title and introduction shown with it. */
  description?: { title: string; introduction?: string | undefined } | undefined
}

/** A permanent material as WeChat registered it. */
export interface AddedMaterial {
  media_id: string
  /** For images: the picture's URL (usable inside WeChat only). */
  url?: string | undefined
}

const PATH = '/cgi-bin/material/add_material'

const endpoint = /* @__PURE__ */ defineEndpoint<AddedMaterial>({
  method: 'POST',
  path: PATH,
  retry: 'send',
  media: true,
  query: () => v.object({ type: v.picklist(['image', 'voice', 'video', 'thumb'], 'Invalid type: expected image, voice, video or thumb') }),
  output: () => v.looseObject({ media_id: v.string(), url: v.optional(v.string()) }),
  prepare: /* @__PURE__ */ prepareUpload(PATH),
})

/**
 * Adds a permanent material (永久素材): image, voice, video or thumb.
 *
 * Calls `POST /cgi-bin/material/add_material?type=TYPE` (multipart, field `media`; videos also send
 * `description`) with the media timeout. A `send`: each call adds one more material (library limits:
 * 100000 images and news, 1000 of the other kinds; older texts say 5000), so it is never resent after an ambiguous failure.
 * Checked before sending (`wx/validation`, nothing sent): image ≤ 10 MB (configurable)
 * BMP/PNG/JPEG/GIF, voice ≤ 2 MB MP3/WMA/WAV/AMR, video ≤ 10 MB MP4 with a title, thumb ≤ 64 KB JPG.
 * A `ReadableStream` is read into a `Blob` first (FormData holds only Blobs).
 * Errcodes that matter: 40004 (invalid type), 40005 (file type), 40006/40009–40012 (file size),
 * 40007 (invalid media), 45009 (daily quota).
 *
 * @example
 * const { media_id, url } = await addMaterial(ctx, new File([jpg], 'cover.jpg'), 'image')
 * await addMaterial(ctx, mp4, 'video', { description: { title: 'Launch', introduction: 'Our launch video' } })
 */
export function addMaterial(ctx: WxContext, file: FileInput, type: MediaType, opts?: AddMaterialOptions | null): Promise<AddedMaterial> {
  const d = opts?.description
  const title = d?.title
  const introduction = d?.introduction ?? ''
  // Only strings reach JSON.stringify (it cannot throw on them); anything else is refused by `rule`, in the pipeline.
  const texts = typeof title === 'string' && title !== '' && typeof introduction === 'string'
  const description = texts && type === 'video' ? JSON.stringify({ title, introduction }) : undefined
  const rule = () => {
    if (type === 'video' && !texts)
      throw invalidInput(PATH, [
        typeof title === 'string' && title
          ? { path: 'description.introduction', message: 'A video material\'s introduction must be a string' }
          : { path: 'description.title', message: 'A video material needs a title' },
      ])
    return ruleFor(type, { label: 'permanent', image: ['bmp', 'png', 'jpg', 'gif'], voice: ['mp3', 'wma', 'wav', 'amr'] }, opts?.maxImageBytes)
  }
  const body: Upload = { file, rule, description }
  return callApi(ctx, endpoint, { query: { type }, body }, opts)
}
