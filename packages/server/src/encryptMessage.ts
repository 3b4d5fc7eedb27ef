import { WxError } from '@wx/core'
import { aesEncrypt, importAesKey } from './_aes.ts'
import { concat, toBase64, utf8 } from './_bytes.ts'

/** Options of `encryptMessage`. */
export interface EncryptOptions {
  /** The 16-byte random prefix (bytes, or a 16-character ASCII string). Default: 16 random bytes. */
  random?: string | Uint8Array
}

/**
 * Encrypts a message the way WeChat's safe mode does (for encrypted replies, and for tests): layout
 * `random(16) ‖ length(4, big-endian) ‖ message ‖ appid`, PKCS#7 to 32-byte blocks, AES-256-CBC with
 * IV = first 16 key bytes, base64. Web APIs only. Returns the `Encrypt` value.
 *
 * @throws {WxError} `wx/config` when `encodingAESKey` is not 43 letters and digits, or `random` is not
 *   16 bytes.
 *
 * @example
 * const encrypt = await encryptMessage(encodingAESKey, 'wx5823bf96d3bd56c7', '<xml>...</xml>')
 * const msgSignature = await sortedSha1([token, timestamp, nonce, encrypt])
 */
export async function encryptMessage(encodingAESKey: string, appid: string, message: string, options: EncryptOptions = {}): Promise<string> {
  const key = await importAesKey(encodingAESKey)
  const r = options.random
  const random = r === undefined ? crypto.getRandomValues(new Uint8Array(16)) : typeof r === 'string' ? utf8.encode(r) : r
  if (random.length !== 16) throw new WxError('wx/config', 'random must be 16 bytes')
  const body = utf8.encode(message)
  const len = new Uint8Array(4)
  new DataView(len.buffer).setUint32(0, body.length)
  return toBase64(await aesEncrypt(key, concat(random, len, body, utf8.encode(appid))))
}
