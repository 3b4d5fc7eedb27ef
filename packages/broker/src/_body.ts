/**
 * Reads a request's or response's body as text, at most `max` bytes: `null` (and the rest is never read,
 * the stream is cancelled) when `content-length` or the bytes received say it is longer.
 */
export async function readLimited(message: Request | Response, max: number): Promise<string | null> {
  const declared = Number(message.headers.get('content-length') ?? 0)
  if (declared > max) {
    await message.body?.cancel().catch(() => {})
    return null
  }
  if (!message.body) return ''
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
  return new TextDecoder().decode(all)
}
