import { toHex, utf8 } from './_bytes.ts'

/**
 * Hex SHA-1 of the parts sorted and joined: WeChat's push `signature` (`[token, timestamp, nonce]`)
 * and `msg_signature` (`[token, timestamp, nonce, Encrypt]`). Uses WebCrypto, so it is async.
 *
 * Parts are sorted by UTF-16 code units (the same as byte order for WeChat's ASCII inputs).
 * Throws nothing (WebCrypto's SHA-1 is available on every supported runtime).
 *
 * @example
 * const sig = await sortedSha1([token, timestamp, nonce])
 * const msgSig = await sortedSha1([token, timestamp, nonce, encrypt])
 */
export async function sortedSha1(parts: readonly string[], separator = ''): Promise<string> {
  const joined = [...parts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(separator)
  return toHex(await crypto.subtle.digest('SHA-1', utf8.encode(joined)))
}
