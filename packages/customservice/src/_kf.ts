import { invalidInput, maxChars, toBlob, type FileData } from '@wx/core'
import * as v from 'valibot'

/**
 * A customer-service account `prefix@wxid`: prefix 1–10 letters, digits or `_`, then the Official
 * Account's WeChat id (≤ 30 characters).
 */
export const kfAccountSchema = () =>
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_]{1,10}@[\w-]{1,30}$/, 'Invalid kf_account: expected prefix@wxid (prefix: 1-10 letters, digits or _; wxid: the account\'s WeChat id)'),
  )

/** A nickname shown to users: 1–16 characters. */
export const nicknameSchema = () => v.pipe(v.string(), v.nonEmpty('Nickname must not be empty'), maxChars(16, 'Nickname must be at most 16 characters'))

/** File content for `uploadKfHeadImg`. */
export type ImageData = FileData
/** `Blob`, `File`, bytes, a stream, or `{ data, filename }`. */
export type ImageInput = ImageData | { data: ImageData; filename?: string | undefined }

/**
 * Builds the multipart body of a JPG upload (field `media`); a stream is read into a Blob first. The
 * content decides: anything that does not start like a JPEG is refused (`wx/validation`), as WeChat would
 * (40005) after the upload.
 */
export async function jpgForm(input: ImageInput, maxBytes: number, path: string, signal?: AbortSignal): Promise<FormData> {
  const invalid = (message: string) => invalidInput(path, [{ path: 'media', message }])
  let data: ImageData
  let filename: string | undefined
  if (input && typeof input === 'object' && 'data' in input && !(input instanceof Blob)) ({ data, filename } = input)
  else data = input as ImageData
  const blob = await toBlob(data, 'media', signal)
  filename ??= (blob as File).name || undefined
  if (blob.size === 0) throw invalid('the file is empty')
  if (blob.size > maxBytes) throw invalid(`the image is ${blob.size} bytes, the limit is ${maxBytes}`)
  const head = new Uint8Array(await blob.slice(0, 3).arrayBuffer())
  if (!(head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)) throw invalid('the head image must be a JPG (its content is not)')
  const ext = /\.([a-z0-9]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase()
  const form = new FormData()
  form.append('media', blob.type ? blob : blob.slice(0, blob.size, 'image/jpeg'), ext === 'jpg' || ext === 'jpeg' ? filename! : `${filename ?? 'head'}.jpg`)
  return form
}
