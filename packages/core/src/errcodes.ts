/**
 * WeChat errcodes the SDK knows, with what they mean and what to do. A separate entry point
 * (`@wx/core/errcodes`) so the texts cost nothing unless imported.
 *
 * @example
 * import { describeErrcode } from '@wx/core/errcodes'
 * describeErrcode(45009) // 'daily API quota used up ...'
 */
export const ERRCODES = {
  [-1]: 'system busy: retry later (reads only; a send may already have been delivered)',
  40001: 'access_token invalid or not latest (on the token endpoint: wrong AppSecret)',
  40002: 'invalid grant_type',
  40003: 'invalid openid (not a follower of this account, or from another appid)',
  40004: 'invalid media type',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40013: 'invalid AppID',
  40014: 'invalid access_token',
  40125: 'invalid AppSecret',
  40164: 'caller IP not on the whitelist: add it in the MP console (Settings and Development > Basic Configuration)',
  40243: 'AppSecret frozen',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43004: 'the recipient does not follow the account',
  44002: 'empty POST body',
  45002: 'content too long',
  45009: 'daily API quota used up: check getApiQuota, reset with clearQuota (10 times a month)',
  45011: 'per-minute quota reached: retry in the next minute',
  45015: 'reply window closed: customer-service messages only within 48 h of a user action',
  45047: 'customer-service message count for this user over the limit',
  45065: 'mass send with this clientmsgid already sent (treated as success)',
  45066: 'mass send with this clientmsgid retried within 1 minute',
  45067: 'clientmsgid longer than 64 bytes',
  47001: 'JSON/XML body could not be parsed',
  48001: 'API unauthorized: the account lacks this permission',
  48002: 'the user refused messages from the account',
  48004: 'API banned for irregularities',
  50001: 'user not authorized for this API',
  50002: 'user limited',
} as const satisfies Record<number, string>

/**
 * Describes a WeChat errcode in one line, or `undefined` for unknown codes.
 *
 * @example
 * describeErrcode(40164)
 */
export function describeErrcode(errcode: number): string | undefined {
  // Own keys only: `constructor` or `__proto__` is no errcode.
  return Object.hasOwn(ERRCODES, errcode) ? (ERRCODES as Record<number, string>)[errcode] : undefined
}
