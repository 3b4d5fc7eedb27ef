import { toHex, utf8 } from './_bytes.ts'
import { badArg } from './_check.ts'

/**
 * Hex SHA-1 of the parts sorted and joined: WeChat's push `signature` (`[token, timestamp, nonce]`)
 * and `msg_signature` (`[token, timestamp, nonce, Encrypt]`). Uses WebCrypto, so it is async.
 * Calls no endpoint.
 *
 * Parts are sorted by UTF-16 code units (the same as byte order for WeChat's ASCII inputs).
 *
 * @throws {WxError} `wx/validation` (stage `input`) when `parts` is not an array of strings or
 *   `separator` is not a string.
 *
 * @example
 * const sig = await sortedSha1([token, timestamp, nonce])
 * const msgSig = await sortedSha1([token, timestamp, nonce, encrypt])
 */
export function sortedSha1(parts: readonly string[], separator = ''): Promise<string> {
  // A string would be spread into its characters, a number in the array joined as digits: refused.
  const all = Array.isArray(parts) ? [...parts] : [0]
  if (!all.every((p) => typeof p === 'string')) return Promise.reject(badArg('sortedSha1', 'parts', 'must be an array of strings'))
  if (typeof separator !== 'string') return Promise.reject(badArg('sortedSha1', 'separator', 'must be a string'))
  return sha1Sorted(all as string[], separator)
}

/** @internal `sortedSha1` without the argument checks, for the package's own calls (strings only). */
export async function sha1Sorted(parts: string[], separator = ''): Promise<string> {
  const joined = [...parts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(separator)
  return toHex(await crypto.subtle.digest('SHA-1', utf8.encode(joined)))
}
