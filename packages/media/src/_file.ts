import { WxError, invalidInput, readBytesLimited, toBlob, type ApiRequest, type FileData } from '@wx/core'

export type { FileData }

/** File content with the name (and type) WeChat should see. WeChat reads the file type from the name. */
export interface NamedFile {
  data: FileData
  /** File name with extension, e.g. `photo.jpg`. Default: a `File`'s name, else guessed from the bytes. */
  filename?: string | undefined
  /** MIME type, e.g. `image/jpeg`. Default: the `Blob`'s type, else guessed from the bytes. */
  contentType?: string | undefined
}

/** What upload functions take: `Blob`, `File`, `Uint8Array`, `ArrayBuffer`, `ReadableStream`, or `{ data, filename }`. */
export type FileInput = FileData | NamedFile

/** A documented upload limit: allowed extensions and the largest size in bytes. */
export interface FileRule {
  /** Label used in messages, e.g. `temporary image`. */
  label: string
  exts: readonly string[]
  maxBytes: number
  /** Extension used when neither the name nor the bytes tell. */
  fallback: string
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp',
  amr: 'audio/amr', mp3: 'audio/mpeg', wav: 'audio/wav', wma: 'audio/x-ms-wma', mp4: 'video/mp4',
}

/** Extension for a MIME type (lower case, no parameters), when it is one WeChat takes. */
const extOfMime = (t: string) => (t === 'image/jpg' ? 'jpg' : Object.keys(MIME).find((k) => k !== 'jpeg' && MIME[k] === t))

/** Recognises the formats WeChat takes from their first bytes. */
export function sniff(b: Uint8Array): string | undefined {
  const at = (i: number, ...xs: number[]) => xs.every((x, j) => b[i + j] === x)
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)))
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpg'
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'png'
  if (ascii(0, 'GIF8')) return 'gif'
  if (ascii(0, 'BM')) return 'bmp'
  if (ascii(0, '#!AMR')) return 'amr'
  if (ascii(0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3'
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'wav'
  if (at(0, 0x30, 0x26, 0xb2, 0x75)) return 'wma'
  if (ascii(4, 'ftyp')) return 'mp4'
  return undefined
}

const extOf = (name: string | undefined) => /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase()

const mb = (n: number) => (n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(2)} MB` : `${+(n / 1024).toFixed(1)} KB`)

/**
 * Turns any accepted input into a `Blob` with a file name, checks it against `rule` (size, and type by
 * content, name or MIME type: whichever is known) and returns the multipart body with field `media`.
 * A `ReadableStream` is read to its end first (`FormData` only holds `Blob`s), and no further than the
 * size limit. Throws `wx/validation` (nothing sent) when the file breaks a documented limit, or when its
 * content is not recognised and its name or MIME type says it is a type the rule does not allow.
 */
export async function toFormData(input: FileInput, rule: FileRule, description?: string, path = 'media', signal?: AbortSignal): Promise<FormData> {
  const invalid = (message: string) => invalidInput(path, [{ path: 'media', message }])
  let data: FileData
  let filename: string | undefined
  let contentType: string | undefined
  if (isNamed(input)) ({ data, filename, contentType } = input)
  else data = input
  const tooLarge = (size: number) => invalid(`${rule.label} is ${size ? mb(size) : 'larger'}, the limit is ${mb(rule.maxBytes)}`)
  let blob: Blob
  if (data && typeof (data as ReadableStream).getReader === 'function') {
    // Read no further than the limit: a 1 GB stream is refused after 10 MB, not after buffering all of it.
    // The call's signal cancels the caller's stream: an aborted upload does not read it on to its end.
    const bytes = await readBytesLimited(new Response(data as ReadableStream), rule.maxBytes, signal)
    if (!bytes) throw tooLarge(0)
    blob = new Blob([bytes as BlobPart])
  } else blob = await toBlob(data, 'media', signal)
  if (!filename && typeof (blob as File).name === 'string' && (blob as File).name) filename = (blob as File).name
  contentType ??= blob.type || undefined

  if (blob.size === 0) throw invalid('the file is empty')
  if (blob.size > rule.maxBytes) throw tooLarge(blob.size)
  const sniffed = sniff(new Uint8Array(await blob.slice(0, 16).arrayBuffer()))
  const named = extOf(filename)
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  const typed = mime && mime !== 'application/octet-stream' ? (extOfMime(mime) ?? mime) : undefined
  // The content decides when it is recognised; else the name's extension, else the MIME type.
  const ext = sniffed ?? named ?? typed
  const allowed = rule.exts.join('/')
  if (ext && !rule.exts.includes(ext === 'jpeg' ? 'jpg' : ext))
    throw invalid(`${rule.label} must be ${allowed}, got ${ext} (by its ${sniffed ? 'content' : named ? 'name' : 'MIME type'})`)
  const finalExt = ext ?? rule.fallback
  if (!filename) filename = `media.${finalExt}`
  else if (!named || (sniffed && MIME[named] !== MIME[sniffed])) filename = `${filename}.${finalExt}`
  const type = contentType || MIME[finalExt] || 'application/octet-stream'
  if (blob.type !== type) blob = blob.slice(0, blob.size, type)

  const form = new FormData()
  form.append('media', blob, filename)
  if (description !== undefined) form.append('description', description)
  return form
}

/**
 * What an upload function hands to `callApi` as its body: made into the multipart body inside the call
 * (`prepareUpload`), so the call's deadline, signal and `onError` cover checking and reading the file.
 */
export interface Upload {
  file: FileInput
  /** The limits to check against; may throw `wx/validation` (an unknown type, a missing video title). */
  rule: () => FileRule
  /** The `description` field (a permanent video's title and introduction, as JSON), sent after the file. */
  description?: string | undefined
}

/** The `prepare` of the upload endpoints at `path`: the `Upload` body becomes `FormData`. */
export const prepareUpload = (path: string) => async (req: ApiRequest, signal: AbortSignal): Promise<ApiRequest> => {
  const { file, rule, description } = req.body as Upload
  return { ...req, body: await toFormData(file, rule(), description, path, signal) }
}

function isNamed(x: FileInput): x is NamedFile {
  return !!x && typeof x === 'object' && !(x instanceof Blob) && !(x instanceof Uint8Array) && !(x instanceof ArrayBuffer) && 'data' in x
}

const MB = 1_048_576 // 1024 * 1024, a literal so bundlers can drop it when unused

/** Temporary media types. */
export type MediaType = 'image' | 'voice' | 'video' | 'thumb'

/** Where a file goes (temporary or permanent media) and the image and voice formats that library takes. */
export interface Library {
  label: 'temporary' | 'permanent'
  image: readonly string[]
  voice: readonly string[]
}

/**
 * Documented limits (WeChat's 素材管理 pages: 新增临时素材, 新增永久素材). Temporary: image 10 MB PNG/JPEG/GIF (the same page also says 2 MB,
 * older texts 1 MB: hence configurable), voice 2 MB AMR/MP3, video 10 MB MP4, thumb 64 KB JPG.
 * Permanent: image 10 MB BMP/PNG/JPEG/GIF (2 MB in older texts), voice 2 MB MP3/WMA/WAV/AMR,
 * video 10 MB MP4, thumb 64 KB JPG. The caller passes its library's formats, so a temporary upload's
 * bundle holds no permanent ones.
 */
export function ruleFor(type: MediaType, library: Library, maxImageBytes?: number | null): FileRule {
  const label = `${library.label} ${type}`
  switch (type) {
    case 'image':
      // `??`, not a default parameter: `maxImageBytes: null` is the default too, never a limit of 0.
      // Anything else but a positive number ('5mb', NaN, 0) is refused: compared as a limit it would
      // pass every in-memory file or refuse every one.
      if (maxImageBytes != null && !(typeof maxImageBytes === 'number' && maxImageBytes > 0))
        throw invalidInput(label, [{ path: 'maxImageBytes', message: 'expected a number of bytes > 0' }])
      return { label, exts: library.image, maxBytes: maxImageBytes ?? 10 * MB, fallback: 'jpg' }
    case 'voice':
      return { label, exts: library.voice, maxBytes: 2 * MB, fallback: 'mp3' }
    case 'video':
      return { label, exts: ['mp4'], maxBytes: 10 * MB, fallback: 'mp4' }
    case 'thumb':
      return { label, exts: ['jpg'], maxBytes: 64 * 1024, fallback: 'jpg' }
    default:
      throw new WxError('wx/validation', `media: unknown type ${String(type)}: expected image, voice, video or thumb`, {
        stage: 'input',
        issues: [{ path: 'type', message: 'expected image, voice, video or thumb' }],
      })
  }
}
