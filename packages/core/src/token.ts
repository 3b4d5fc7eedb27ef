import { stateOf, type CallOptions, type ContextState, type WxContext } from './context.ts'
import { credentialOf, getCredential, invalidateCredential, usable, type CredentialSpec } from './credential.ts'
import { callOptions, deadline, within } from './deadline.ts'
import { WxError, isWxError } from './errors.ts'
import { request } from './request.ts'
import type { StoredToken } from './tokenStore.ts'

/** The access token as a credential: `POST /cgi-bin/stable_token`, or `GET /cgi-bin/token` in legacy mode. */
const accessTokenSpec: CredentialSpec = {
  kind: 'access_token',
  async fetch(ctx, signal) {
    const s = stateOf(ctx)
    const legacy = s.mode == 'legacy'
    const path = legacy ? '/cgi-bin/token' : '/cgi-bin/stable_token'
    const q = { grant_type: 'client_credential', appid: ctx.appid, secret: s.o.secret! }
    // The token leg uses the attempt loop directly (no access token, errcodes are configuration errors),
    // with its own timeout inside the refresh's signal.
    const dl = deadline(s.jsonTimeout, signal)
    try {
      const { data } = await request(
        s,
        { path, method: legacy ? 'GET' : 'POST', retry: 'read', auth: false },
        s.base + path + (legacy ? '?' + new URLSearchParams(q) : ''),
        legacy ? undefined : JSON.stringify(q),
        legacy ? {} : { 'content-type': 'application/json' },
        dl,
        { attempt: 0 },
      )
      if (!data.access_token) throw new WxError('wx/token', `${path}: answer without access_token`, { path })
      // WeChat documents 7200 s; an answer without expires_in is taken as that.
      return { value: data.access_token, expiresIn: +data.expires_in || 7200 }
    } finally {
      dl.dispose()
    }
  },
}

/**
 * @internal The access token for a call, within the call's `signal`: from the `getAccessToken` source
 * when the context has one, else through the credential lifecycle.
 */
export async function accessToken(ctx: WxContext, s: ContextState, dl: { readonly signal: AbortSignal }): Promise<StoredToken> {
  const source = s.o.getAccessToken
  const c = credentialOf(s, 'access_token')
  // Our own copy, when usable, without making the deadline's signal.
  if (!source) return usable(s, c, c.token) ? c.token : getCredential(ctx, accessTokenSpec, dl.signal)
  const { signal } = dl
  // The rejected token is reported once: a source that answers with the same token again (a spurious
  // 40001, stable mode) is not asked to refresh on every later call.
  const { rejected } = c
  c.rejected = undefined
  const t = await within(source(signal, rejected), signal).catch((cause) => {
    throw isWxError(cause) ? cause : new WxError('wx/token', 'getAccessToken source failed', { cause: { name: cause?.name } })
  })
  if (!t || typeof t != 'string') throw new WxError('wx/token', 'getAccessToken source gave no token')
  return { accessToken: t, expiresAt: Number.NaN }
}

/**
 * Runs `run(signal)` within one deadline made of the call options: `opts.signal` and `opts.timeout`
 * (default: the context's JSON timeout). `signal` fires with `wx/timeout` or `wx/aborted` semantics
 * (see `within`). Leaves no timer behind. For packages whose functions wait on more than one `callApi`.
 *
 * Calls no endpoint itself.
 *
 * @example
 * return withDeadline(ctx, opts, (signal) => getCredential(ctx, spec, signal))
 */
export async function withDeadline<T>(ctx: WxContext, opts: CallOptions | null | undefined, run: (signal: AbortSignal, s: ContextState) => Promise<T>): Promise<T> {
  const s = stateOf(ctx)
  const { timeout, signal } = callOptions(opts)
  const dl = deadline(timeout ?? s.jsonTimeout, signal)
  try {
    return await run(dl.signal, s)
  } finally {
    dl.dispose()
  }
}

/**
 * Returns a valid access token: this process's copy while it is fresh, else the store's, else a new one
 * from WeChat. Concurrent callers share one refresh (200 cold calls make 1 token request).
 * Refreshes 4–5 minutes ahead of expiry. With `getAccessToken` in the context options, asks that source.
 * Waits at most the call's `timeout` (default: the context's) and until its `signal`.
 *
 * Calls `POST /cgi-bin/stable_token` (default) or `GET /cgi-bin/token` (`tokenMode: 'legacy'`).
 * Errcodes that matter: 40164 (IP not whitelisted: `e.ip`), 89503 (this IP's call awaits the
 * administrator's confirmation), 89506/89507 (the administrator refused this IP: try again in 24 h / 1 h),
 * 40125 (invalid secret), 40013 (invalid appid), 41002/41004 (appid/secret missing), 40002 (invalid
 * grant_type), 40001 (invalid credential), 40243 (secret frozen), 45009 (daily quota): all thrown as
 * `wx/config`, never retried.
 *
 * @example
 * const token = await getAccessToken(ctx) // for a call the SDK does not wrap
 */
export async function getAccessToken(ctx: WxContext, opts?: CallOptions | null): Promise<string> {
  return (await getTokenInfo(ctx, opts)).accessToken
}

/**
 * Returns the token `getAccessToken` would hand out, with its expiry (epoch ms; `NaN` when a
 * `getAccessToken` source in the context options supplies tokens, as it tells no expiry). Use it to
 * hand the token on, e.g. from a token broker.
 *
 * Calls `POST /cgi-bin/stable_token` or `GET /cgi-bin/token` only when needed; errcodes as `getAccessToken`.
 *
 * @example
 * const { accessToken, expiresAt } = await getTokenInfo(ctx)
 * const expiresIn = Math.floor((expiresAt - Date.now()) / 1000)
 */
export function getTokenInfo(ctx: WxContext, opts?: CallOptions | null): Promise<StoredToken> {
  return withDeadline(ctx, opts, async (signal, s) => {
    const { accessToken: a, expiresAt } = await accessToken(ctx, s, { signal })
    return { accessToken: a, expiresAt }
  })
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
export function getLatestToken(ctx: WxContext, opts?: CallOptions | null): Promise<StoredToken> {
  return withDeadline(ctx, opts, async (signal, s) => {
    const { accessToken: a, expiresAt } = s.o.getAccessToken ? await accessToken(ctx, s, { signal }) : await getCredential(ctx, accessTokenSpec, signal, true)
    return { accessToken: a, expiresAt }
  })
}

/**
 * Marks `failedToken` as rejected by WeChat, **only if it is still the current one**: a token that
 * another call already replaced is left alone (no refresh herd, no overwriting a newer token).
 * The pipeline does this on 40001/40014/42001; call it yourself after such an errcode from your own code.
 *
 * Returns whether it took effect: `true` when `failedToken` was the current token (always with a
 * `getAccessToken` source, which is told about it on the next call), `false` when it was already replaced.
 *
 * @example
 * if (isWxError(e, 40001)) invalidateToken(ctx, tokenIUsed)
 */
export function invalidateToken(ctx: WxContext, failedToken: string): boolean {
  const s = stateOf(ctx)
  if (!s.o.getAccessToken) return invalidateCredential(ctx, 'access_token', failedToken)
  credentialOf(s, 'access_token').rejected = failedToken
  return true
}
