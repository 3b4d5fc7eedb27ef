import { WxError, getTokenInfo, invalidateToken, isWxError, type WxContext } from '@wx/core'
import { matchesSecret } from './_secret.ts'

/** Options of `createTokenBroker`. */
export interface TokenBrokerOptions {
  /**
   * Who may read the token. A shared secret (or several, for rotation) that callers send as
   * `Authorization: Bearer <secret>`, compared in constant time; or your own check of the request
   * (mTLS header, IP allow-list, ...) that resolves `true` to allow.
   */
  authorize: string | readonly string[] | ((request: Request) => boolean | Promise<boolean>)
  /**
   * Least time between two refreshes caused by callers reporting a rejected token, ms. Default 30000:
   * a misbehaving caller cannot burn the daily token quota.
   */
  rejectCooldown?: number
}

/** What the broker answers: WeChat's own field names, plus the absolute expiry. */
export interface TokenBrokerAnswer {
  access_token: string
  /** Seconds the token stays valid from now (WeChat's name), or null when unknown. */
  expires_in: number | null
  /** Epoch ms of WeChat's expiry, or null when unknown. */
  expires_at: number | null
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })

/**
 * Makes this service the one owner of the account's access token (WeChat's recommended architecture)
 * and serves the token to your other services, in any language, as a Fetch handler
 * `(Request) => Promise<Response>` (Workers, Deno, Bun, Hono, Node via an adapter).
 *
 * - `GET` answers `{ access_token, expires_in, expires_at }` (`cache-control: no-store`).
 * - `POST` with `{ "rejected": "<token>" }`: the caller's call failed with 40001/40014/42001. The token is
 *   refreshed only if it is still the current one (compare-and-invalidate), at most once per
 *   `rejectCooldown`; the answer is the current token.
 * - 401 without valid credentials (constant-time comparison), 405 for other methods, 502 with
 *   `{ error: 'token_unavailable', code }` when no token can be had (never the secret or a token).
 *
 * The handler never throws; a throwing `authorize` function answers 500. Throws `WxError('wx/config')`
 * at creation when `authorize` is missing or an empty secret.
 *
 * @example
 * const ctx = createContext({ appid, secret, tokenStore: redisTokenStore(redis) })
 * const broker = createTokenBroker(ctx, { authorize: process.env.BROKER_SECRET! })
 * export default { fetch: broker }                 // Workers / Bun / Deno
 * // elsewhere: curl -H "authorization: Bearer $BROKER_SECRET" https://token.internal/
 */
export function createTokenBroker(ctx: WxContext, options: TokenBrokerOptions): (request: Request) => Promise<Response> {
  const { authorize } = options
  const secrets = typeof authorize === 'function' ? undefined : typeof authorize === 'string' ? [authorize] : [...(authorize ?? [])]
  if (typeof authorize !== 'function' && (!secrets?.length || secrets.some((s) => typeof s !== 'string' || !s)))
    throw new WxError('wx/config', 'createTokenBroker needs { authorize }: a non-empty shared secret, a list of them, or a function')
  const cooldown = options.rejectCooldown ?? 30_000
  let lastRejectRefresh = -Infinity

  const allowed = async (request: Request): Promise<boolean> => {
    if (typeof authorize === 'function') return (await authorize(request)) === true
    const m = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')
    return matchesSecret(m?.[1]?.trim() ?? '', secrets!)
  }

  return async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'POST') return json({ error: 'method_not_allowed' }, 405, { allow: 'GET, POST' })
      if (!(await allowed(request))) return json({ error: 'unauthorized' }, 401, { 'www-authenticate': 'Bearer' })
    } catch {
      return json({ error: 'authorize_failed' }, 500)
    }
    try {
      if (request.method === 'POST') {
        const body = (await request.json().catch(() => null)) as { rejected?: unknown } | null
        if (typeof body?.rejected === 'string' && body.rejected && Date.now() - lastRejectRefresh >= cooldown) {
          if (invalidateToken(ctx, body.rejected)) lastRejectRefresh = Date.now()
        }
      }
      const { accessToken, expiresAt: at } = await getTokenInfo(ctx, { signal: request.signal })
      const expiresAt = Number.isFinite(at) ? at : null
      const answer: TokenBrokerAnswer = {
        access_token: accessToken,
        expires_in: expiresAt === null ? null : Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)),
        expires_at: expiresAt,
      }
      return json(answer)
    } catch (e) {
      return json({ error: 'token_unavailable', code: isWxError(e) ? e.code : 'wx/token' }, 502)
    }
  }
}
