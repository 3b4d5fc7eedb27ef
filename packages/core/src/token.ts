import { callApi, type CallOptions } from './callApi.ts'
import { emit, stateOf, type ContextState, type TokenRefreshEvent, type WxContext } from './context.ts'
import { WxError, isWxError } from './errors.ts'
import { readStoredToken, type StoredToken } from './tokenStore.ts'

interface TokenAnswer {
  access_token: string
  expires_in: number
}

/**
 * A token this process may still hand out without refreshing: not rejected, and not yet within
 * 4–5 minutes (jittered per context) of WeChat's expiry. Inside that window the stable endpoint already
 * hands out the next token, and a legacy refresh leaves the old one valid for 5 more minutes.
 */
const usable = (s: ContextState, t: StoredToken | null | undefined, now = Date.now()): boolean =>
  !!t?.accessToken &&
  t.accessToken !== s.rejected &&
  // A token fetched in the last 30 s is used even inside the window (stable_token may hand back the
  // same token near its end): no refresh loop.
  (now < t.expiresAt - 240_000 - s.jitter || (now - s.fetchedAt < 30_000 && now < t.expiresAt - 30_000))

/** @internal Runs a store operation with a timeout; on failure reports it and yields `undefined`. */
async function guard<T>(s: ContextState, operation: string, run: () => Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new WxError('wx/token', `store ${operation} timed out`)), s.o.storeTimeout ?? 2000)
      }),
    ])
  } catch (error) {
    emit(s, 'onStoreError', { operation, error })
  } finally {
    clearTimeout(timer)
  }
}

/** Asks WeChat for a token (stable or legacy endpoint). Config errcodes arrive as `wx/config`. */
async function fetchToken(ctx: WxContext, s: ContextState): Promise<StoredToken> {
  const legacy = s.mode == 'legacy'
  const q = { grant_type: 'client_credential', appid: ctx.appid, secret: s.o.secret }
  const d = await callApi<any>(
    ctx,
    { method: legacy ? 'GET' : 'POST', path: legacy ? '/cgi-bin/token' : '/cgi-bin/stable_token', retry: 'read', auth: false },
    legacy ? { query: q } : { body: q },
  )
  if (!d.access_token) throw new WxError('wx/validation', 'token answer without access_token')
  return { accessToken: d.access_token, expiresAt: (s.fetchedAt = Date.now()) + d.expires_in * 1000 }
}

/**
 * Single-flight refresh: every concurrent caller of this context shares one promise. Reads the store
 * first; with a store that has a lease lock, only the lock holder asks WeChat while the others wait for
 * its token to appear in the store (legacy tokens invalidate each other, so this matters there); the
 * holder re-reads the store after acquiring the lock, saves with `setIfNewer` when available, and
 * releases the lock. A store that fails or hangs never blocks a call: each operation has a timeout and
 * the refresh then goes on without the store.
 */
function refresh(ctx: WxContext, s: ContextState, reason: TokenRefreshEvent['reason']): Promise<StoredToken> {
  const { store, key } = s
  const adopt = async () => {
    const t = readStoredToken(await guard(s, 'get', () => store.get(key)))
    if (usable(s, t)) return (s.token = { accessToken: t!.accessToken, expiresAt: t!.expiresAt })
  }
  return (s.inflight ??= (async () => {
    let owner: unknown
    try {
      let t = await adopt()
      if (t) return t
      if (store.lock) {
        const lease = s.o.lockLease ?? 10_000
        const giveUp = Date.now() + 2 * lease
        // Someone else may be refreshing: wait for their token, or for their lease to run out.
        while ((owner = await guard(s, 'lock', () => store.lock!(`${key}:lock`, s.owner, lease))) === false && Date.now() < giveUp) {
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 100))
          if ((t = await adopt())) return t
        }
        if (owner && (t = await adopt())) return t
      }
      t = await fetchToken(ctx, s)
      s.token = t
      s.rejected = undefined
      const ttl = Math.ceil((t.expiresAt - Date.now()) / 1000)
      const saved = { accessToken: t.accessToken, expiresAt: t.expiresAt }
      await guard<unknown>(s, 'set', () => (store.setIfNewer ? store.setIfNewer(key, saved, ttl) : store.set(key, saved, ttl)))
      emit(s, 'onTokenRefresh', { appid: ctx.appid, mode: s.mode, reason, expiresAt: t.expiresAt })
      return t
    } finally {
      s.inflight = undefined
      if (owner) guard(s, 'unlock', () => store.unlock!(`${key}:lock`, s.owner))
    }
  })())
}

/**
 * Returns a valid access token: this process's copy while it is fresh, else the store's, else a new one
 * from WeChat. Concurrent callers share one refresh (200 cold calls make 1 token request).
 * Refreshes 4–5 minutes ahead of expiry. With `getAccessToken` in the context options, asks that source.
 *
 * Calls `POST /cgi-bin/stable_token` (default) or `GET /cgi-bin/token` (`tokenMode: 'legacy'`).
 * Errcodes that matter: 40164 (IP whitelist: `e.ip`), 40125/40013/40001 (wrong secret/appid),
 * 40243 (secret frozen), 45009 (quota): all thrown as `wx/config`, never retried.
 *
 * @example
 * const token = await getAccessToken(ctx) // for a call the SDK does not wrap
 */
export async function getAccessToken(ctx: WxContext, opts: CallOptions = {}): Promise<string> {
  return (await getTokenInfo(ctx, opts)).accessToken
}

/**
 * Returns the token `getAccessToken` would hand out, with its expiry (epoch ms; `NaN` when a
 * `getAccessToken` source in the context options supplies tokens, as it tells no expiry). Use it to
 * hand the token on, e.g. from a token broker or to a browser-side JS-SDK signer.
 *
 * Calls `POST /cgi-bin/stable_token` or `GET /cgi-bin/token` only when needed; errcodes as `getAccessToken`.
 *
 * @example
 * const { accessToken, expiresAt } = await getTokenInfo(ctx)
 * const expiresIn = Math.floor((expiresAt - Date.now()) / 1000)
 */
export async function getTokenInfo(ctx: WxContext, opts: CallOptions = {}): Promise<StoredToken> {
  const s = stateOf(ctx)
  if (s.o.getAccessToken) {
    const t = await s.o.getAccessToken(opts.signal, s.rejected).catch((cause) => {
      throw isWxError(cause) ? cause : new WxError('wx/token', 'the getAccessToken source failed', { cause })
    })
    if (!t) throw new WxError('wx/token', 'the getAccessToken source gave no token')
    if (t !== s.rejected) s.rejected = undefined
    return { accessToken: t, expiresAt: Number.NaN }
  }
  const own = s.token
  if (usable(s, own)) return { accessToken: own!.accessToken, expiresAt: own!.expiresAt }
  try {
    const t = await refresh(ctx, s, s.rejected ? 'invalidated' : own ? 'expiring' : 'cold')
    return { accessToken: t.accessToken, expiresAt: t.expiresAt }
  } catch (e) {
    // Degraded: the refresh ahead of expiry failed, but our own token is still good for a while.
    if (own && own === s.token && own.expiresAt - Date.now() > 30_000) return { accessToken: own.accessToken, expiresAt: own.expiresAt }
    throw e
  }
}

/**
 * Returns the newest token the store (or WeChat) has, skipping this process's cached copy: use it
 * after another process may have refreshed. Fetches from WeChat only when the store has no fresh one.
 *
 * Calls `POST /cgi-bin/stable_token` or `GET /cgi-bin/token` only when needed.
 *
 * @example
 * const { accessToken, expiresAt } = await getLatestToken(ctx)
 */
export async function getLatestToken(ctx: WxContext, opts: CallOptions = {}): Promise<StoredToken> {
  const s = stateOf(ctx)
  if (s.o.getAccessToken) return { accessToken: await getAccessToken(ctx, opts), expiresAt: Number.NaN }
  if (!s.inflight) s.token = undefined
  const t = await refresh(ctx, s, 'latest')
  return { accessToken: t.accessToken, expiresAt: t.expiresAt }
}

/**
 * Marks `failedToken` as rejected by WeChat, **only if it is still the current one**: a token that
 * another call already replaced is left alone (no refresh herd, no overwriting a newer token).
 * The pipeline does this on 40001/40014/42001; call it yourself after such an errcode from your own code.
 *
 * @example
 * Returns whether it took effect: `true` when `failedToken` was the current token (always with a
 * `getAccessToken` source, which is told about it on the next call), `false` when it was already replaced.
 *
 * @example
 * if (isWxError(e, 40001)) invalidateToken(ctx, tokenIUsed)
 */
export function invalidateToken(ctx: WxContext, failedToken: string): boolean {
  const s = stateOf(ctx)
  if (s.o.getAccessToken) s.rejected = failedToken
  else if (s.token?.accessToken === failedToken) {
    s.token = undefined
    s.rejected = failedToken
  } else return false
  return true
}
