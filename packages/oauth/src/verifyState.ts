import { STATE, signed, stateKey, stateOptions } from './_state.ts'

/**
 * Verifies a `state` that came back on the OAuth2 redirect: made by `createState` with this `secret`
 * (and the same `bind`), and not expired. `false` for anything else: malformed, forged, for another
 * browser, expired. Untrusted input is checked by length and one fixed-width pattern first, then the
 * HMAC with WebCrypto's `verify` (constant time).
 *
 * Calls no endpoint. Throws `wx/config` for a short secret, `wx/validation` for options that are not an
 * object or a `bind` that is not a non-empty string (any object, or an empty session id, would bind every browser alike).
 *
 * @example
 * const url = new URL(request.url)
 * if (!(await verifyState(env.STATE_SECRET, url.searchParams.get('state'), { bind: sessionId })))
 *   return new Response('login expired, please try again', { status: 403 })
 */
export async function verifyState(secret: string, state: string | null | undefined, opts?: { bind?: string } | null): Promise<boolean> {
  const { bind } = stateOptions('verifyState', opts)
  const key = await stateKey(secret, 'verify')
  const m = typeof state == 'string' && state.length == 90 ? STATE.exec(state) : null
  if (!m) return false
  const [, nonce, exp, mac] = m as unknown as [string, string, string, string]
  const sig = new Uint8Array(32)
  for (let i = 0; i < 32; i++) sig[i] = parseInt(mac.slice(i * 2, i * 2 + 2), 16)
  const ok = await crypto.subtle.verify('HMAC', key, sig, signed(nonce, exp, bind))
  return ok && Number(exp) * 1000 > Date.now()
}
