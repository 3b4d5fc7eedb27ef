import { readBytesLimited } from '@wx/core'

/**
 * Reads a request's or response's body as text, at most `max` bytes: `null` (and the rest is never read,
 * the stream is cancelled) when `content-length` or the bytes received say it is longer.
 */
export async function readLimited(message: Request | Response, max: number): Promise<string | null> {
  const bytes = await readBytesLimited(message, max)
  return bytes && new TextDecoder().decode(bytes)
}
