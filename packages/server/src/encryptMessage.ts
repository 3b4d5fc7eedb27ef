import { optionsOf } from '@wx/core'
import { aesEncrypt, importAesKey } from './_aes.ts'
import { concat, toBase64, utf8 } from './_bytes.ts'
import { badArg, configError } from './_check.ts'

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
 * Calls no endpoint. `null` options take the defaults.
 *
 * @throws {WxError} `wx/config` when `encodingAESKey` is not 43 letters and digits, or `random` is not
 *   16 bytes (a 16-character ASCII string or a `Uint8Array`); `wx/validation` (stage `input`) when
 *   `appid` is not a non-empty string or `message` is not a string.
 *
 * @example
 * const encrypt = await encryptMessage(encodingAESKey, 'wx5823bf96d3bd56c7', '<xml>...</xml>')
 * const msgSignature = await sortedSha1([token, timestamp, nonce, encrypt])
 */
export async function encryptMessage(encodingAESKey: string, appid: string, message: string, options?: EncryptOptions | null): Promise<string> {
  // An appid left out would encrypt a message no receiver accepts (its appid check fails).
  if (typeof appid !== 'string' || !appid) throw badArg('encryptMessage', 'appid', 'must be a non-empty string')
  if (typeof message !== 'string') throw badArg('encryptMessage', 'message', 'must be a string')
  const r = optionsOf(options, 'encryptMessage').random
  const random = r == null ? undefined : typeof r === 'string' ? utf8.encode(r) : r
  // A typed-array check that holds across realms (a Uint8Array from a vm or an iframe).
  if (random !== undefined && !(ArrayBuffer.isView(random) && random.byteLength === 16 && random.length === 16))
    throw configError('random must be 16 bytes (a Uint8Array, or a 16-character ASCII string)')
  return seal(encodingAESKey, appid, message, random)
}

/** @internal `encryptMessage` without the argument checks, for the package's own calls (strings only). */
export async function seal(encodingAESKey: string, appid: string, message: string, random: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): Promise<string> {
  const key = await importAesKey(encodingAESKey)
  const body = utf8.encode(message)
  const len = new Uint8Array(4)
  new DataView(len.buffer).setUint32(0, body.length)
  return toBase64(await aesEncrypt(key, concat(random, len, body, utf8.encode(appid))))
}
