import { WxError } from '@wx/core'

/** SHA-256 of a string (WebCrypto: Node 20+, Workers, Deno, Bun, browsers). */
async function digest(s: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)))
}

/**
 * Compares `given` with every secret in constant time: both sides are hashed first (so lengths do not
 * leak) and every byte of every candidate is compared (no early exit).
 */
export async function matchesSecret(given: string, secrets: readonly string[]): Promise<boolean> {
  const g = await digest(given)
  let ok = 0
  for (const s of secrets) {
    const d = await digest(s)
    let diff = 0
    for (let i = 0; i < d.length; i++) diff |= d[i]! ^ g[i]!
    ok |= diff === 0 ? 1 : 0
  }
  return ok === 1
}

/**
 * A shared secret as configured: surrounding whitespace (a trailing newline from a file or an env var)
 * is trimmed; fewer than 32 bytes, or whitespace inside, is refused with `wx/config` (`who` says where).
 */
export function normalizeSecret(secret: unknown, who: string): string {
  const s = typeof secret === 'string' ? secret.trim() : ''
  if (new TextEncoder().encode(s).length < 32 || /\s/.test(s))
    throw new WxError('wx/config', `${who}: a shared secret must be at least 32 bytes, with no whitespace inside (e.g. 32 random bytes, base64url)`)
  return s
}
