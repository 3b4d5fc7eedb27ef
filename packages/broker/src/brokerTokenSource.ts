import { WxError } from '@wx/core'

/** Options of `brokerTokenSource`. */
export interface BrokerTokenSourceOptions {
  /** The broker's shared secret, sent as `Authorization: Bearer <secret>`. */
  secret: string
  /** Any fetch-compatible function. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch
  /** Longest time a token is reused before asking the broker again, ms. Default 300000 (5 min). */
  maxAge?: number
  /** Timeout of one request to the broker, ms. Default 10000. */
  timeout?: number
}

/** A token source for `createContext({ getAccessToken })`, reading from a token broker. */
export type BrokerTokenSource = (signal?: AbortSignal, rejected?: string) => Promise<string>

/**
 * Reads the access token from a token broker (`createTokenBroker`) instead of asking WeChat: pass the
 * result as `getAccessToken` to `createContext`, and the context never calls the token endpoints itself.
 * Keeps the token in memory until a minute before it expires (at most `maxAge`), shares one request
 * between concurrent callers, and keeps serving the cached token while the broker is unreachable (until
 * 30 s before expiry). Called with a second argument, the token WeChat rejected, it reports that token to
 * the broker (which refreshes it only if it is still current) and returns the new one.
 *
 * Throws (from the returned function) `WxError('wx/token')` when the broker answers an error or is
 * unreachable and no usable token is cached (`status` tells which), and `WxError('wx/aborted')` when
 * `signal` fires. Throws `WxError('wx/config')` at creation without `url` or `secret`.
 *
 * @example
 * const ctx = createContext({
 *   appid: 'wx123',
 *   getAccessToken: brokerTokenSource('https://token.internal/', { secret: process.env.BROKER_SECRET! }),
 * })
 * await sendText(ctx, openid, 'hello')
 */
export function brokerTokenSource(url: string | URL, options: BrokerTokenSourceOptions): BrokerTokenSource {
  if (!url || !options?.secret) throw new WxError('wx/config', 'brokerTokenSource needs the broker URL and { secret }')
  const target = String(url)
  const maxAge = options.maxAge ?? 300_000
  let cached: { token: string; expiresAt: number; fetchedAt: number } | undefined
  let inflight: Promise<string> | undefined

  const ask = async (rejected?: string): Promise<string> => {
    const f = options.fetch ?? fetch
    const headers: Record<string, string> = { authorization: `Bearer ${options.secret}` }
    let res: Response
    try {
      res = await f(target, {
        method: rejected ? 'POST' : 'GET',
        headers: rejected ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(rejected ? { body: JSON.stringify({ rejected }) } : {}),
        signal: AbortSignal.timeout(options.timeout ?? 10_000),
      })
    } catch (e) {
      const code = (e as any)?.cause?.code ?? (e as any)?.name
      throw new WxError('wx/token', `token broker unreachable (${code})`, { cause: { code } })
    }
    const body = (await res.json().catch(() => null)) as { access_token?: unknown; expires_at?: unknown } | null
    if (!res.ok || typeof body?.access_token !== 'string' || !body.access_token)
      throw new WxError('wx/token', `token broker answered HTTP ${res.status}`, { status: res.status })
    const now = Date.now()
    cached = { token: body.access_token, expiresAt: typeof body.expires_at === 'number' ? body.expires_at : now + maxAge + 60_000, fetchedAt: now }
    return cached.token
  }

  return (signal, rejected) => {
    if (signal?.aborted) return Promise.reject(new WxError('wx/aborted', 'aborted'))
    const now = Date.now()
    const c = cached
    const bad = !!rejected && c?.token === rejected
    if (c && !bad && now < c.expiresAt - 60_000 && now - c.fetchedAt < maxAge) return Promise.resolve(c.token)
    const shared = (inflight ??= ask(bad ? rejected : undefined)
      .catch((e) => {
        // Degraded: the broker is away but our token is still good for a while.
        if (c && !bad && c.expiresAt - Date.now() > 30_000) return c.token
        throw e
      })
      .finally(() => (inflight = undefined)))
    if (!signal) return shared
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(new WxError('wx/aborted', 'aborted'))
      signal.addEventListener('abort', onAbort, { once: true })
      shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }
}
