/** Byte helpers over web APIs only (TextEncoder, atob/btoa). Internal. */

export const utf8 = /* @__PURE__ */ new TextEncoder()

/** Strict UTF-8 decoding: invalid sequences throw instead of becoming U+FFFD. */
export function decodeUtf8(b: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(b)
}

/** Standard base64 (with padding) of bytes. */
export function toBase64(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000))
  return btoa(s)
}

/** Decodes standard base64; `null` when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null
  let s: string
  try {
    s = atob(text)
  } catch {
    return null
  }
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

export function toHex(b: ArrayBuffer): string {
  return Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('')
}

/**
 * Compares two strings in time that depends only on the length of `expected` (a hex digest of fixed
 * length), never on where they first differ.
 */
export function timingSafeEqual(expected: string, given: string): boolean {
  let diff = expected.length ^ given.length
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (i < given.length ? given.charCodeAt(i) : 0)
  return diff === 0
}
