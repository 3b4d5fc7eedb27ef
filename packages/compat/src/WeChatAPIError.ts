import { isWxError, redact } from '@wx/core'

/**
 * The error wechat-api 1.x callers check for: `name` `'WeChatAPIError'`, `code` the WeChat errcode and
 * `message` the errmsg, as its callbacks received them. `cause` is the `WxError` of `@wx/core` (with
 * `rid`, the endpoint and retry facts); `data` is `{ errcode, errmsg }`. Never holds a token or secret.
 *
 * @example
 * api.sendText(openid, 'hi', (err) => {
 *   if (err && err.name === 'WeChatAPIError' && err.code === 45015) console.log('outside the 48 h window')
 * })
 */
export class WeChatAPIError extends Error {
  override readonly name = 'WeChatAPIError'
  /** WeChat's errcode. */
  readonly code: number
  /** WeChat's answer as wechat-api passed it along. */
  readonly data: { errcode: number; errmsg: string }
  /** The request id WeChat gave the failed call (look it up with `getRid`). */
  readonly rid?: string

  constructor(errcode: number, errmsg: string, cause?: unknown, rid?: string) {
    super(errmsg, { cause })
    this.code = errcode
    this.data = { errcode, errmsg }
    if (rid) this.rid = rid
  }
}

/**
 * @internal A `WxError` with a WeChat errcode becomes a `WeChatAPIError`; anything else is left as it is.
 * `wx/outcome-unknown` stays a `WxError` even when it carries errcode -1: wechat-api code often retries
 * on `err.code === -1`, which would send the message twice.
 */
export function toSeedError(e: unknown): unknown {
  if (isWxError(e) && typeof e.errcode === 'number' && e.errcode !== 0 && e.code !== 'wx/outcome-unknown')
    return new WeChatAPIError(e.errcode, redact(e.errmsg ?? e.message), e, e.rid)
  return e
}
