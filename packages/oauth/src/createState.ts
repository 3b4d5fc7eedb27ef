import { signed, stateKey, stateOptions } from './_state.ts'

/** Options of `createState`. */
export interface CreateStateOptions {
  /** Seconds the state stays valid. Default 600 (the login must finish within 10 minutes). */
  ttl?: number | undefined
  /**
   * Ties the state to one browser: a value only that browser has (its session id, a cookie). Pass the
   * same value to `verifyState`: a state made for another browser (CSRF) then fails.
   */
  bind?: string
}

const hex = (b: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('')

/**
 * Creates a signed, expiring OAuth2 `state` (CSRF protection for `getAuthorizeURL`): a random nonce,
 * the expiry and an HMAC-SHA256 (WebCrypto) over them and `bind`, keyed with your `secret` (at least 32
 * bytes; not the AppSecret). 90 letters and digits: fits WeChat's 128-byte `state`. No storage needed.
 *
 * Calls no endpoint. Throws `wx/config` for a short secret, `wx/validation` for options that are not an
 * object, a `ttl` that is not an integer 1-86400, or a `bind` that is not a non-empty string (an empty one, a missing session cookie, would bind every browser alike).
 *
 * @example
 * const state = await createState(env.STATE_SECRET, { bind: sessionId })
 * const url = getAuthorizeURL({ appid, redirectUri, scope: 'snsapi_base', state })
 */
export async function createState(secret: string, opts?: CreateStateOptions | null): Promise<string> {
  const o = stateOptions('createState', opts)
  const ttl = o.ttl ?? 600
  const key = await stateKey(secret, 'sign')
  const nonce = hex(crypto.getRandomValues(new Uint8Array(8)))
  // Rounded up: the state lives at least `ttl` seconds (at most one more), never less.
  const exp = String(Math.ceil(Date.now() / 1000) + ttl).padStart(10, '0')
  return nonce + exp + hex(await crypto.subtle.sign('HMAC', key, signed(nonce, exp, o.bind)))
}
