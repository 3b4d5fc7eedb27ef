import { WxError, type WxErrorDetails } from '@wx/core'

/**
 * Why a push was rejected:
 * - `signature`: `signature` or `msg_signature` missing or wrong (also: no `timestamp`/`nonce`).
 * - `decrypt`: the ciphertext is not base64, has a bad length, bad PKCS#7 padding (pad byte outside
 *   1–32, or pad bytes not all equal), a bad inner length, or invalid UTF-8.
 * - `appid`: the appid inside the decrypted message is not the configured one.
 * - `stale`: `timestamp` outside the allowed window (`maxSkewSeconds`).
 * - `duplicate`: a message already seen (WeChat's own retry, or a replay), with a dedupe store on.
 * - `replay`: the `timestamp` and `nonce` were already used with another body (a captured signature
 *   reused), with the replay cache on.
 * - `too-large`: the body is over `maxBodyBytes`.
 * - `incomplete`: the body could not be read to its end: the sender closed the connection mid-body, or
 *   the request stream failed.
 * - `xml`: the body is not acceptable XML/JSON: DOCTYPE/ENTITY, forbidden names (`__proto__`,
 *   `constructor`, `prototype`), malformed, too deep, no `Encrypt` in safe mode, a declared text field
 *   repeated or nested (e.g. two `<Content>`).
 * - `plaintext`: an unencrypted push while `encodingAESKey` is set and `allowPlaintext` is off.
 * - `method`: not GET or POST.
 * - `config`: an encrypted push with a valid `signature`, but no `encodingAESKey` configured (without a
 *   valid `signature` the push is refused as `signature`).
 *
 * From outside, `signature`, `decrypt`, `appid`, `stale`, `xml`, `replay`, `plaintext` and `incomplete` all answer the same
 * `400 Bad Request`, so nothing about the padding or the appid can be learned by probing.
 */
export type PushErrorReason =
  | 'signature'
  | 'decrypt'
  | 'appid'
  | 'stale'
  | 'duplicate'
  | 'replay'
  | 'too-large'
  | 'incomplete'
  | 'xml'
  | 'plaintext'
  | 'method'
  | 'config'

const MARK = /* @__PURE__ */ Symbol.for('wx.push-error')

/**
 * A push rejected by `openPush` / `createPushHandler`. A `WxError` with `code: 'wx/validation'` and a
 * `reason` to switch on. Never holds the token, the key, or the message.
 *
 * @example
 * createPushHandler({ ..., onError: (e) => { if (isPushError(e, 'signature')) log.warn('forged push') } })
 */
export class PushError extends WxError {
  readonly reason: PushErrorReason
  constructor(reason: PushErrorReason, message: string, details: WxErrorDetails = {}) {
    super('wx/validation', message, details)
    this.reason = reason
    Object.assign(this, { name: 'PushError', [MARK]: 1 })
  }
}

/**
 * Tells whether `e` is a rejected push (any copy of this package), optionally for a given reason.
 *
 * Throws nothing.
 *
 * @example
 * if (isPushError(e, 'duplicate')) return // WeChat's own retry: already handled
 */
export function isPushError(e: unknown, reason?: PushErrorReason): e is PushError {
  return !!e && !!(e as any)[MARK] && (reason === undefined || (e as PushError).reason === reason)
}
