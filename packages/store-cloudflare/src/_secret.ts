/** The environment variable that turns on the shared secret. */
export const STORE_SECRET_VAR = 'WX_TOKEN_STORE_SECRET'

/** @internal A store secret: trimmed, at least 32 bytes, no whitespace inside; else the reason it is refused. */
export function storeSecretProblem(secret: string): string | undefined {
  if (new TextEncoder().encode(secret).length < 32 || /\s/.test(secret)) return 'must be at least 32 bytes with no whitespace'
}

/** Equal in constant time: both sides are hashed first, then every byte is compared. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const hash = async (x: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(x)))
  const [a, b] = await Promise.all([hash(given), hash(expected)])
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
