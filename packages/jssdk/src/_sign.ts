import * as v from 'valibot'

/** 16 random letters and digits (WebCrypto), for `nonceStr` / `nonce_str`. */
export function nonce(): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  // 248 = 4 × 62: bytes above it are dropped, so every character is equally likely.
  let out = ''
  while (out.length < 16) for (const b of crypto.getRandomValues(new Uint8Array(24))) if (b < 248 && out.length < 16) out += abc[b % 62]
  return out
}

/** Seconds since the epoch, as WeChat's signatures take them. */
export const now = () => Math.floor(Date.now() / 1000)

/** The URL without its `#fragment`: WeChat signs what the page's `location.href.split('#')[0]` gives. */
export const withoutFragment = (url: string) => {
  const i = url.indexOf('#')
  return i < 0 ? url : url.slice(0, i)
}

/**
 * @internal The arguments of a pure signature helper, `{ ticket, p }`, as a schema (for core's `check`:
 * `wx/validation`, `stage: 'input'`, naming the field), so a missing or mistyped one is a typed error,
 * never a `TypeError` or a signature of "undefined". Declare it once per helper: core caches it.
 */
export const signInput =
  /* @__NO_SIDE_EFFECTS__ */
  (fields: Record<string, 'str' | 'stamp' | 'opt'>) => () => {
    const entries: Record<string, v.GenericSchema> = {}
    for (const k in fields)
      entries[k] = fields[k] == 'stamp' ? v.union([v.number(), v.string()], 'must be a number or a string') : fields[k] == 'opt' ? v.nullish(v.string()) : v.string()
    // Own messages: valibot's default echoes the value, and a swapped ticket must never reach an error.
    return v.object({ ticket: v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')), p: v.object(entries, 'must be an object of the signed fields') })
  }
