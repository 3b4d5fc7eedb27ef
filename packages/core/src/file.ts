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
