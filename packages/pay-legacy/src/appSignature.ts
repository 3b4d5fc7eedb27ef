import { invalidInput } from '@wx/core'

/**
 * Computes the `app_signature` of the 2014 Official Account payment (公众号支付 v2) with WebCrypto.
 *
 * No request: it adds `appkey` (your PaySignKey) to the fields, lower-cases and sorts the names (ASCII order), joins them as
 * `name=value&name=value` (raw values, no URL-encoding) and returns the lower-case hex SHA-1. This is
 * the `paySign` rule of the 2014 payment document that `deliverNotify` (`appid`, `appkey`, `openid`,
 * `transid`, `out_trade_no`, `deliver_timestamp`, `deliver_status`, `deliver_msg`) and `orderQuery`
 * (`appid`, `appkey`, `package`, `timestamp`) sign; the seed documentation names only the result
 * (`sign_method: "sha1"`). Undefined fields are left out. The key never leaves this function.
 * Throws `wx/validation` (before hashing) for a missing key or a field that is not a string or number.
 *
 * @deprecated The 2014 payment was replaced by WeChat Pay API v3 (`https://api.mch.weixin.qq.com/v3/...`).
 *
 * @example
 * const app_signature = await appSignature({ appid: ctx.appid, package: pkg, timestamp: '1369745073' }, PAY_SIGN_KEY)
 */
export async function appSignature(fields: Readonly<Record<string, string | number | undefined>>, paySignKey: string): Promise<string> {
  // A missing key would sign without `appkey` (a signature WeChat refuses); an object value would sign "[object Object]".
  const issues = [
    ...(typeof paySignKey == 'string' && paySignKey ? [] : [{ path: 'paySignKey', message: 'must be a non-empty string' }]),
    ...(fields && typeof fields == 'object' && Object.values(fields).every((v) => v === undefined || typeof v == 'string' || typeof v == 'number')
      ? []
      : [{ path: 'fields', message: 'must be an object of strings or numbers' }]),
  ]
  if (issues.length) throw invalidInput('appSignature', issues)
  const text = Object.entries({ ...fields, appkey: paySignKey })
    .filter((e) => e[1] !== undefined)
    .map(([k, v]) => [k.toLowerCase(), String(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
