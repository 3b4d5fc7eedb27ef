import { check } from '@wx/core'
import { sortedSha1 } from '@wx/server'
import { signInput, withoutFragment } from './_sign.ts'

const input = /* @__PURE__ */ signInput({ url: 'str', nonceStr: 'str', timestamp: 'stamp' })

/**
 * The JS-SDK signature of `wx.config`, pure: SHA-1 of
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (the URL without its `#fragment`, otherwise exactly
 * as the page has it). Use `getJsConfig` for the whole config; this is for a ticket you hold yourself.
 *
 * Calls no endpoint (WebCrypto SHA-1).
 *
 * @example
 * const signature = await signJsConfig(ticket, { url: 'https://example.com/page?id=1', nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457 })
 */
export async function signJsConfig(ticket: string, p: { url: string; nonceStr: string; timestamp: number | string }): Promise<string> {
  check(input, { ticket, p }, 'signJsConfig')
  return jsSignature(ticket, p)
}

/** @internal `signJsConfig` without the argument checks, for `getJsConfig` (its own schema checked them). */
export function jsSignature(ticket: string, p: { url: string; nonceStr: string; timestamp: number | string }): Promise<string> {
  // The four `key=value` parts sort by key (no key is a prefix of another), which is the order WeChat wants.
  return sortedSha1([`jsapi_ticket=${ticket}`, `noncestr=${p.nonceStr}`, `timestamp=${p.timestamp}`, `url=${withoutFragment(p.url)}`], '&')
}
