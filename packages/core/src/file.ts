import { WxError } from './errors.ts'

/** File content the SDK accepts anywhere it uploads: web types only, so uploads work on edge runtimes. */
export type FileData = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>

/**
 * Turns any `FileData` into a `Blob` (a `File` stays itself; a stream is read to its end, since
 * `FormData` and raw-byte bodies need a sized `Blob`). Throws `wx/validation` for anything else.
 *
 * @example
 * const blob = await toBlob(request.body!) // a ReadableStream from a Request
 */
export async function toBlob(data: FileData, path = 'file'): Promise<Blob> {
  if (data instanceof Blob) return data
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return new Blob([data as BlobPart])
  if (data && typeof (data as ReadableStream).getReader === 'function') return new Response(data).blob()
  const message =
    typeof data === 'string'
      ? 'got a string, not file content: to upload a file by its path (Node), pass `await fromPath(path)` from `@wx/media/node`'
      : 'expected a Blob, File, Uint8Array, ArrayBuffer or ReadableStream'
  throw new WxError('wx/validation', `${path}: ${message}`, { issues: [{ path, message }] })
}

/**
 * Reads a request's or response's body, at most `max` bytes, for untrusted senders (push servers, a token
 * broker): `null` when its `content-length` or the bytes received say it is longer, and then the rest is
 * never read (the stream is cancelled). Web streams only: it runs on every runtime.
 *
 * Calls no endpoint.
 *
 * @example
 * const bytes = await readBytesLimited(request, 1024)
 * if (!bytes) return new Response('too large', { status: 413 })
 */
export async function readBytesLimited(message: Request | Response, max: number): Promise<Uint8Array | null> {
  // A limit that is no number (undefined, NaN, 'x') would read an untrusted body whole.
  if (!(max >= 0)) throw new WxError('wx/validation', 'readBytesLimited: max must be a number of bytes')
  if (Number(message.headers.get('content-length') ?? 0) > max) {
    await message.body?.cancel().catch(() => {})
    return null
  }
  if (!message.body) return new Uint8Array(0)
  const reader = message.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let at = 0
  for (const c of chunks) all.set(c, (at += c.byteLength) - c.byteLength)
  return all
}
