import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { prepareUpload, type FileInput, type Upload } from './_file.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ url: string }>({
  method: 'POST',
  path: '/cgi-bin/media/uploadimg',
  // A repeat only stores the picture twice (it does not count against the material library).
  retry: 'idempotent',
  media: true,
  output: () => v.looseObject({ url: v.string() }),
  prepare: /* @__PURE__ */ prepareUpload('/cgi-bin/media/uploadimg'),
})

/**
 * Uploads an image for use inside article content and returns its URL (not counted in the material library).
 *
 * Calls `POST /cgi-bin/media/uploadimg` (multipart, field `media`) with the media timeout.
 * Checked before sending (`wx/validation`, nothing sent): JPG or PNG, under 1 MB. A `ReadableStream`
 * is read into a `Blob` first (FormData holds only Blobs).
 * Errcodes that matter: 40005 (file type not allowed), 40009 (image too large), 45009 (daily quota).
 *
 * @example
 * const { url } = await uploadImg(ctx, new File([png], 'chart.png'))
 * const content = `<p><img src="${url}"></p>`
 */
export function uploadImg(ctx: WxContext, file: FileInput, opts?: CallOptions | null): Promise<{ url: string }> {
  const body: Upload = { file, rule: () => ({ label: 'article image', exts: ['jpg', 'png'], maxBytes: 1024 * 1024 - 1, fallback: 'jpg' }) }
  return callApi(ctx, endpoint, { body }, opts)
}
