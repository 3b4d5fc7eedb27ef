import { WxError } from '@wx/core'

const utf8 = /* @__PURE__ */ new TextEncoder()

/** State layout: 16 hex nonce, 10-digit expiry (epoch seconds), 64 hex HMAC-SHA256. Letters and digits only. */
export const STATE = /^([0-9a-f]{16})(\d{10})([0-9a-f]{64})$/

/** @internal The HMAC key of a state secret (at least 32 bytes, or `wx/config`). */
export function stateKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  if (typeof secret != 'string' || utf8.encode(secret).length < 32)
    throw new WxError('wx/config', 'state secret must be a string of at least 32 bytes (e.g. 32 random bytes, base64url)')
  return crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage])
}

/** @internal What the MAC covers: nonce, expiry and the optional binding (a session id). */
export const signed = (nonce: string, exp: string, bind = '') => utf8.encode(`wx-oauth-state:${nonce}${exp}:${bind}`)
