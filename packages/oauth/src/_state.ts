import { WxError, check, invalidInput } from '@wx/core'
import * as v from 'valibot'

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

// The options, under `opts` so issues name it. Messages never echo a value (a session id is a secret).
const options = (entries: v.ObjectEntries) => v.object({ opts: v.nullish(v.object(entries, 'must be an object, e.g. { bind: sessionId }')) })
// Only a string binds: any object would bind as "[object Object]", the same for every browser.
// An empty string (a missing session cookie) would bind every browser alike too.
const bind = () =>
  v.optional(v.pipe(v.string('must be a string (e.g. the session id): other values would bind every browser alike'), v.nonEmpty('must not be empty: an empty binding binds every browser alike')))
const createOptions = () =>
  options({ ttl: v.nullish(v.pipe(v.number('must be a number of seconds'), v.integer('must be an integer of seconds, 1-86400'), v.minValue(1, 'must be 1-86400'), v.maxValue(86_400, 'must be 1-86400'))), bind: bind() })
const verifyOptions = () => options({ bind: bind() })

/** @internal The options of `createState` / `verifyState`: `null` is none; anything off its type is `wx/validation`. */
export const stateOptions = (where: 'createState' | 'verifyState', opts: unknown): { ttl?: number | null | undefined; bind?: string | undefined } => {
  // `{ bind: req.cookies.sid }` without the cookie: an unbound state, valid in every browser. Leaving `bind`
  // out makes one on purpose; giving it as undefined (or null, or '') is refused.
  if (opts && typeof opts == 'object' && 'bind' in opts && (opts as { bind?: unknown }).bind === undefined)
    throw invalidInput(where, [{ path: 'opts.bind', message: 'is undefined (a missing session id?): leave bind out for an unbound state' }])
  return check(where == 'createState' ? createOptions : verifyOptions, { opts }, where).opts ?? {}
}
