/** What `uploadPicture` accepts as the image. */
export type ImageData = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>

/** Collects any of the web byte types into one Blob (a stream is read to its end). */
export async function toBlob(data: ImageData): Promise<Blob> {
  if (data instanceof Blob) return data
  if (data instanceof ReadableStream) return new Response(data).blob()
  if (data instanceof ArrayBuffer) return new Blob([data])
  if (data instanceof Uint8Array) return new Blob([data as Uint8Array<ArrayBuffer>])
  return data
}
