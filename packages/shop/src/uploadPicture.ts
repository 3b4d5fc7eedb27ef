import { callApi, check, defineEndpoint, toBlob, type CallOptions, type FileData, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** What `uploadPicture` answers. */
export interface UploadPictureResult {
  /** The image's URL, for `main_img`, `img`, `detail`, `icon_url`, shelf images. */
  image_url: string
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<UploadPictureResult>({
  method: 'POST',
  path: '/merchant/common/upload_img',
  retry: 'send',
  media: true,
  query: () =>
    v.object({
      filename: v.pipe(
        v.string(),
        v.regex(/^[^/\\\s?#&]{1,128}\.(jpe?g|png|gif|bmp)$/i, 'Invalid filename: expected a name without path, ending .jpg, .jpeg, .png, .gif or .bmp'),
      ),
    }),
  output: () => v.looseObject({ image_url: v.string() }) as v.GenericSchema<unknown, UploadPictureResult>,
  // Async preparation after the query was validated: read the data into a Blob and check it is not empty.
  // The raw bytes are the body; a Blob without a type goes out as application/octet-stream.
  async prepare(req, signal) {
    const blob = await toBlob(req.body as FileData, 'file', signal)
    check(() => v.pipe(v.number(), v.minValue(1, 'The image is empty')), blob.size, '/merchant/common/upload_img')
    return { ...req, body: blob.type ? blob : new Blob([blob], { type: 'application/octet-stream' }) }
  },
})

/**
 * Uploads an image for goods, detail pages and shelves, and returns its URL.
 *
 * Calls `POST /merchant/common/upload_img?filename=...` with the raw image bytes as the body.
 * `data` may be a `Blob`/`File`, a `Uint8Array`, an `ArrayBuffer` or a `ReadableStream` (read to its
 * end first). Uses the media timeout. A `send`: a new image each time, never resent after an
 * ambiguous failure.
 * Errcodes that matter: 48001 (no 微信小店 permission), 40097 (invalid arguments), 44002 (empty body).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { image_url } = await uploadPicture(ctx, file, 'main.jpg')
 */
export async function uploadPicture(ctx: WxContext, data: FileData, filename: string, opts?: CallOptions | null): Promise<UploadPictureResult> {
  return callApi(ctx, endpoint, { query: { filename }, body: data }, opts)
}
