/**
 * What went wrong, as a string you can switch on:
 * - `wx/api`: WeChat answered an errcode (see `errcode`, `errmsg`, `rid`, `hint`).
 * - `wx/config`: the context or the account is misconfigured (bad appid/secret, IP whitelist, quota).
 * - `wx/validation`: input rejected before any request, or an answer that does not match its schema.
 * - `wx/http`: a non-2xx HTTP status on a call that may be retried.
 * - `wx/network`: the connection failed before or while the request was sent.
 * - `wx/timeout`: no answer within the timeout.
 * - `wx/aborted`: the caller's `AbortSignal` fired (for a `send`: before its request can have gone out).
 * - `wx/outcome-unknown`: a `send` failed ambiguously (timeout, reset, 5xx, errcode -1, 45066, or the
 *   caller's abort while its request was out) after the request may have reached WeChat. It was **not**
 *   resent, because a resend could deliver twice. `known.reason` names the failure.
 * - `wx/token`: the token source (store, broker, `getAccessToken` option) failed.
 */
export type WxErrorCode =
  | 'wx/api'
  | 'wx/config'
  | 'wx/validation'
  | 'wx/http'
  | 'wx/network'
  | 'wx/timeout'
  | 'wx/aborted'
  | 'wx/outcome-unknown'
  | 'wx/token'

const MARK = /* @__PURE__ */ Symbol.for('wx.error')

/** Extra facts an error carries. Never holds the secret or an access token. */
export interface WxErrorDetails {
  /** WeChat's errcode, when WeChat answered one. */
  errcode?: number | undefined
  /** WeChat's errmsg (redacted). */
  errmsg?: string | undefined
  /** The request id WeChat appends to errmsg (`rid: ...`); look it up with `getRid` in `@wx/basic`. */
  rid?: string | undefined
  /** The endpoint path, e.g. `/cgi-bin/message/custom/send` (never with a query string). */
  path?: string | undefined
  /** HTTP status, when one was received. */
  status?: number | undefined
  /** What to do about it, for the common errcodes. */
  hint?: string | undefined
  /** For 40164: the caller IP WeChat wants on the whitelist. */
  ip?: string | undefined
  /** For validation errors: where and what. */
  issues?: readonly WxIssue[] | undefined
  /**
   * What is known besides the error: for `wx/outcome-unknown`, the failure behind it (`reason`) and its
   * `errcode`, `rid` and `status`; the `msgid` WeChat answered beside an errcode (`wx/api` too).
   */
  known?: WxErrorKnown | undefined
  /** For `wx/validation`: `input` (rejected before anything was sent) or `output` (an answer off its schema). */
  stage?: 'input' | 'output' | undefined
  /** Safe description of the underlying cause (name and code only: no URLs). */
  cause?: unknown
}

/** `WxError.known`: what an error keeps of WeChat's answer and, for `wx/outcome-unknown`, of the failure behind it. */
export interface WxErrorKnown {
  /**
   * `wx/outcome-unknown`: the code of the failure that made the outcome unknown (e.g. `wx/timeout`,
   * `wx/network`, `wx/http`, `wx/api` for errcode -1 or 45066, `wx/aborted`).
   */
  readonly reason?: WxErrorCode | undefined
  /** The `msgid` WeChat answered beside an errcode (a number; a string of digits when 16 digits or more). */
  readonly msgid?: number | string | undefined
  /** The errcode of that failure, when WeChat answered one. */
  readonly errcode?: number | undefined
  /** Its request id (`rid: ...` of errmsg). */
  readonly rid?: string | undefined
  /** Its HTTP status, when one was received. */
  readonly status?: number | undefined
}

/** One validation problem: a dotted path into the value and a message. */
export interface WxIssue {
  path: string
  message: string
}

/**
 * The one error class of the SDK. Narrow with `isWxError(e)` or `isWxError(e, errcode)`;
 * switch on `e.code`.
 *
 * @example
 * try { await sendText(ctx, openid, 'hi') }
 * catch (e) { if (isWxError(e, 45015)) console.log('reply window closed') }
 */
export class WxError extends Error implements WxErrorDetails {
  readonly code: WxErrorCode
  declare readonly errcode?: number
  declare readonly errmsg?: string
  declare readonly rid?: string
  declare readonly path?: string
  declare readonly status?: number
  declare readonly hint?: string
  declare readonly ip?: string
  declare readonly issues?: readonly WxIssue[]
  declare readonly known?: WxErrorKnown
  declare readonly stage?: 'input' | 'output'

  constructor(code: WxErrorCode, message: string, details: WxErrorDetails = {}) {
    super(redact(message))
    this.code = code
    Object.assign(this, details, { name: 'WxError', [MARK]: 1 })
  }
}

/**
 * Tells whether `e` is an error from this SDK (any copy of it), optionally with a given WeChat errcode.
 *
 * @example
 * if (isWxError(e, 40164)) console.log('whitelist', e.ip)
 */
export function isWxError(e: unknown, errcode?: number): e is WxError {
  return !!e && !!(e as any)[MARK] && (errcode === undefined || (e as WxError).errcode === errcode)
}

/**
 * Removes credentials from a URL or message: `access_token=`/`secret=`/`ticket=` values (also prefixed:
 * `jsapi_ticket=`, `component_access_token=`, `client_secret=`), their JSON
 * form (`"access_token":"..."`, and a token record's `"accessToken":"..."`), and the literal values given in `secrets` (the configured secret, the
 * current token: redacted wherever they appear, whatever surrounds them). Linear time.
 *
 * @example
 * redact('/cgi-bin/x?access_token=abc') // '/cgi-bin/x?access_token=***'
 * redact('{"secret":"s3cr3t-value"}')    // '{"secret":"***"}'
 * redact('echo s3cr3t-value', ['s3cr3t-value']) // 'echo ***'
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  // `name=value` (a query) or `"name": "value"` (JSON); not `/sns/oauth2/access_token: 40029` (a path).
  // Prefixed names too (`jsapi_ticket`, `component_access_token`, `client_secret`); a bounded prefix keeps
  // V8's backtracking stack small on megabytes of `a_a_a_…`.
  let out = String(text).replace(/\b((?:[a-z]{1,32}_){0,3}(?:(?:access|refresh)_?token|(?:app)?secret|ticket))(=|"\s{0,9}:\s{0,9}")[^&\s"',]+/gi, '$1$2***')
  // Values shorter than 6 characters would redact ordinary words; real secrets and tokens are longer.
  for (const s of typeof secrets == 'string' ? [secrets] : secrets) if (s && s.length > 5) out = out.split(s).join('***')
  return out
}
