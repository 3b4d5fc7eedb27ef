/**
 * WeChat's AES-256-CBC with 32-byte PKCS#7, over WebCrypto. Internal.
 *
 * WebCrypto's AES-CBC always adds and strips 16-byte PKCS#7 itself, while WeChat pads to 32 bytes
 * (pad bytes 1–32). So:
 * - decrypt: we append one extra ciphertext block that decrypts to sixteen 0x10 bytes (the AES-CBC
 *   encryption of 0x10×16 chained on the last real block). WebCrypto strips exactly that block and
 *   hands back WeChat's padded plaintext untouched; we check and strip the 32-byte padding ourselves.
 * - encrypt: we pad to 32 ourselves and drop the 16-byte block WebCrypto appends.
 */
import { WxError } from '@wx/core'
import { concat } from './_bytes.ts'
import { PushError } from './PushError.ts'

export interface AesKey {
  key: CryptoKey
  iv: Uint8Array<ArrayBuffer>
}

const cache = /* @__PURE__ */ new Map<string, Promise<AesKey>>()

/** Imports an EncodingAESKey (43 chars of [A-Za-z0-9]); the IV is the key's first 16 bytes. */
export function importAesKey(encodingAESKey: string): Promise<AesKey> {
  let hit = cache.get(encodingAESKey)
  if (!hit) {
    if (typeof encodingAESKey !== 'string' || !/^[A-Za-z0-9]{43}$/.test(encodingAESKey))
      throw new WxError('wx/config', 'encodingAESKey must be exactly 43 letters and digits (as shown on the WeChat admin page)')
    // Lenient decoding on purpose: the official sample key ends in a character with non-zero trailing bits.
    const raw = Uint8Array.from(atob(encodingAESKey + '='), (c) => c.charCodeAt(0))
    hit = crypto.subtle
      .importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt'])
      .then((key) => ({ key, iv: raw.slice(0, 16) }))
    if (cache.size >= 32) cache.clear()
    cache.set(encodingAESKey, hit)
  }
  return hit
}

const bad = (why: string) => new PushError('decrypt', `Could not decrypt the push: ${why}`)

/** Decrypts and strictly un-pads (PKCS#7, K = 32). Throws `PushError('decrypt')`. */
export async function aesDecrypt(k: AesKey, ct: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  if (ct.length < 32 || ct.length % 16 !== 0) throw bad('ciphertext length is not a positive multiple of 16')
  let plain: Uint8Array
  try {
    const last = ct.slice(ct.length - 16)
    const tail = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: last }, k.key, new Uint8Array(16).fill(16)))
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: k.iv }, k.key, concat(ct, tail.subarray(0, 16))))
  } catch {
    throw bad('AES failed')
  }
  if (plain.length !== ct.length) throw bad('AES failed')
  const pad = plain[plain.length - 1]!
  if (pad < 1 || pad > 32) throw bad('pad byte out of range')
  let diff = 0
  for (let i = plain.length - pad; i < plain.length; i++) diff |= plain[i]! ^ pad
  if (diff !== 0) throw bad('pad bytes differ')
  return plain.subarray(0, plain.length - pad)
}

/** Pads (PKCS#7, K = 32) and encrypts. */
export async function aesEncrypt(k: AesKey, plain: Uint8Array): Promise<Uint8Array> {
  const pad = 32 - (plain.length % 32)
  const padded = concat(plain, new Uint8Array(pad).fill(pad))
  const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: k.iv }, k.key, padded))
  return out.subarray(0, padded.length)
}
