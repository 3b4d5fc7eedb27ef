import { WxError } from './errors.ts'

/**
 * File content the SDK accepts anywhere it uploads: web types only, so uploads work on edge runtimes. A
 * stream is typed by the members read of it, so Node's web streams fit too (`Readable.toWeb(...)`, typed
 * `ReadableStream<any>` from `stream/web`, is no DOM `ReadableStream` to TypeScript).
 */
export type FileData = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | Pick<ReadableStream<Uint8Array>, 'getReader' | 'locked' | 'cancel'>

/**
 * Turns any `FileData` into a `Blob` (a `File` stays itself; a stream is read to its end, since
 * `FormData` and raw-byte bodies need a sized `Blob`). Throws `wx/validation` for anything else. With
 * `signal` (a call's), a stream is cancelled when it fires, not read on (see `readBytesLimited`).
 *
 * @example
 * const blob = await toBlob(request.body!) // a ReadableStream from a Request
 */
export async function toBlob(data: FileData, path = 'file', signal?: AbortSignal): Promise<Blob> {
  if (data instanceof Blob) return data
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return new Blob([data as BlobPart])
  if (data && typeof (data as ReadableStream).getReader === 'function') return new Blob([(await readBytesLimited(new Response(data as ReadableStream), Infinity, signal))! as BlobPart])
  const message =
    typeof data === 'string'
      ? 'got a string, not file content: to upload a file by its path (Node), pass `await fromPath(path)` from `@wx/media/node`'
      : 'expected a Blob, File, Uint8Array, ArrayBuffer or ReadableStream'
  throw new WxError('wx/validation', `${path}: ${message}`, { issues: [{ path, message }] })
}

/**
 * Reads a request's or response's body, at most `max` bytes, for untrusted senders (push servers, a token
 * broker): `null` when its `content-length` or the bytes received say it is longer, and then the rest is
 * never read (the stream is cancelled). With `signal`, a read under way (or about to start) when it fires
 * cancels the stream and rejects with the signal's reason, as `fetch` does. Web streams only: it runs on every runtime.
 *
 * Calls no endpoint.
 *
 * @example
 * const bytes = await readBytesLimited(request, 1024)
 * if (!bytes) return new Response('too large', { status: 413 })
 */
export async function readBytesLimited(message: Request | Response, max: number, signal?: AbortSignal): Promise<Uint8Array | null> {
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
  // An abort (also one before the read) cancels the source, so a caller's stream is not read on to its
  // end, and ends the pending read, which then throws the signal's reason.
  const stop = () => reader.cancel().catch(() => {})
  signal?.aborted ? stop() : signal?.addEventListener('abort', stop)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      signal?.throwIfAborted()
      if (done) break
      size += value.byteLength
      if (size > max) {
        await reader.cancel().catch(() => {})
        return null
      }
      chunks.push(value)
    }
  } finally {
    signal?.removeEventListener('abort', stop)
  }
  const all = new Uint8Array(size)
  let at = 0
  for (const c of chunks) all.set(c, (at += c.byteLength) - c.byteLength)
  return all
}
