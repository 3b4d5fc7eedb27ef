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
