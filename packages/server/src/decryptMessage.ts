import { aesDecrypt, importAesKey } from './_aes.ts'
import { decodeUtf8, fromBase64 } from './_bytes.ts'
import { badArg } from './_check.ts'
import { PushError } from './PushError.ts'

/** What `decryptMessage` found inside an `Encrypt` value. */
export interface DecryptedMessage {
  /** The inner message (XML or JSON text), or the plaintext `echostr`. */
  message: string
  /** The appid embedded after the message (already checked when `appid` was passed). */
  appid: string
}

/**
 * Decrypts one `Encrypt` value (or an encrypted `echostr`) of WeChat's safe mode: AES-256-CBC, IV =
 * first 16 key bytes, PKCS#7 with 32-byte blocks checked strictly, layout
 * `random(16) ‖ length(4, big-endian) ‖ message ‖ appid`. Web APIs only.
 *
 * It does not check `msg_signature`: do that first (`openPush` and `createPushHandler` do).
 *
 * @throws {PushError} `decrypt` (not base64, bad length, pad byte outside 1–32, unequal pad bytes,
 *   bad inner length, invalid UTF-8) or `appid` (the embedded appid is not `appid`).
 * @throws {WxError} `wx/config` when `encodingAESKey` is not 43 letters and digits; `wx/validation`
 *   (stage `input`) when `encrypt` is not a string or `appid` is given but not a string.
 *
 * Calls no endpoint.
 *
 * @example
 * const { message } = await decryptMessage(encodingAESKey, encrypt, 'wx5823bf96d3bd56c7')
 */
export async function decryptMessage(encodingAESKey: string, encrypt: string, appid?: string): Promise<DecryptedMessage> {
  if (typeof encrypt !== 'string') throw badArg('decryptMessage', 'encrypt', 'must be a string')
  if (appid !== undefined && typeof appid !== 'string') throw badArg('decryptMessage', 'appid', 'must be a string')
  return unseal(encodingAESKey, encrypt, appid)
}

/** @internal `decryptMessage` without the argument checks, for the package's own calls (strings only). */
export async function unseal(encodingAESKey: string, encrypt: string, appid?: string): Promise<DecryptedMessage> {
  const key = await importAesKey(encodingAESKey)
  const ct = fromBase64(encrypt)
  if (!ct) throw new PushError('decrypt', 'Could not decrypt the push: Encrypt is not base64')
  const plain = await aesDecrypt(key, ct as Uint8Array<ArrayBuffer>)
  if (plain.length < 20) throw new PushError('decrypt', 'Could not decrypt the push: too short')
  const len = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(16)
  if (20 + len > plain.length) throw new PushError('decrypt', 'Could not decrypt the push: inner length out of range')
  let message: string
  let found: string
  try {
    message = decodeUtf8(plain.subarray(20, 20 + len))
    found = decodeUtf8(plain.subarray(20 + len))
  } catch {
    throw new PushError('decrypt', 'Could not decrypt the push: invalid UTF-8')
  }
  if (appid !== undefined && found !== appid) throw new PushError('appid', 'The push is for another appid than the configured one')
  return { message, appid: found }
}
