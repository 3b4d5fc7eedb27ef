import { WxError, getLatestToken, getTokenInfo, getTokenStore, invalidateToken, isWxError, readStoredToken, type StoredToken, type WxContext } from '@wx/core'
import { readLimited } from './_body.ts'
import { matchesSecret, normalizeSecret } from './_secret.ts'

/** Options of `createTokenBroker`. */
export interface TokenBrokerOptions {
  /**
   * Who may read the token. A shared secret (or several, for rotation) that callers send as
   * `Authorization: Bearer <secret>`, compared in constant time (each at least 32 bytes; surrounding
   * whitespace is trimmed); or your own check of the request (mTLS header, IP allow-list, ...) that
   * resolves `true` to allow.
   */
  authorize: string | readonly string[] | ((request: Request) => boolean | Promise<boolean>)
  /**
   * Least time between two refreshes forced by callers reporting a rejected token, ms, across every
   * replica that shares the context's token store. Default 45000. In legacy mode it cannot be set lower:
   * 86400 s / 45 s = 1920 forced refreshes a day at most, under WeChat's 2000 a day. Stable mode: at least 1000.
   * At most 86400000 (a day: the longest lease a token store takes).
   */
  rejectCooldown?: number | undefined
  /**
   * Names the client of a request, for slowing down its failed authentications (a caller with a valid
   * secret is never slowed). Default: one bucket for every client, since any client can set headers.
   * Opt in with the name of a header your proxy sets, overwriting what the client sent
   * (`'cf-connecting-ip'` behind Cloudflare, `'x-real-ip'`); `'x-forwarded-for'` counts its last entry,
   * the one your proxy appended. Or pass the peer address your server gives (Deno
   * `info.remoteAddr.hostname`, Bun `server.requestIP(request)?.address`, Hono `getConnInfo(c).remote.address`).
   */
  clientKey?: string | ((request: Request) => string) | undefined
}

/** What the broker answers: WeChat's own field names, plus the account and the absolute expiry. */
export interface TokenBrokerAnswer {
  /** The account the token belongs to: a consumer checks it is the one it expects. */
  appid: string
  access_token: string
  /** Seconds the token stays valid from now (WeChat's name). */
  expires_in: number
  /** Epoch ms of WeChat's expiry. */
  expires_at: number
}

/** Largest authenticated request body read, bytes (`{ "rejected": "<token>" }` needs ~600). */
const MAX_BODY = 1024
/** Expiry announced when the owner context itself reads tokens from a source that tells none. */
const UNKNOWN_EXPIRY_MS = 300_000
/** Failed authentications: the block after the n-th failure in a row doubles from 250 ms up to 15 s. */
const blockMs = (n: number) => Math.min(250 * 2 ** (n - 1), 15_000)
const FORGET_FAILURES_MS = 900_000 // 15 min, a literal so bundlers can drop it when unused
const MAX_CLIENTS = 10_000

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })

/** The client named by a header a trusted proxy sets; for `x-forwarded-for`, the entry that proxy appended (the last). */
const headerKey = (name: string) => {
  const h = name.toLowerCase()
  return (r: Request) => (h === 'x-forwarded-for' ? r.headers.get(h)?.split(',').pop() : r.headers.get(h))?.trim() ?? ''
}

/** Resolves `run()`, or `undefined` when it throws or takes longer than `ms`. */
async function within<T>(ms: number, run: () => Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([run(), new Promise<undefined>((r) => (timer = setTimeout(r, ms, undefined)))])
  } catch {
    return undefined
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Makes this service the one owner of the account's access token (WeChat's recommended architecture)
 * and serves the token to your other services, in any language, as a Fetch handler
 * `(Request) => Promise<Response>` (Workers, Deno, Bun, Hono, Node via an adapter).
 *
 * - `GET` answers `{ appid, access_token, expires_in, expires_at }` (`cache-control: no-store`).
 * - `POST` with `{ "rejected": "<token>" }` (at most 1 KB): the caller's call failed with
 *   40001/40014/42001. The token is refreshed only if it is still the current one
 *   (compare-and-invalidate), and at most once per `rejectCooldown` (45 s) across every replica that
 *   shares the context's token store (a lease lock in the store; stores without `lock` limit each replica
 *   on its own, as does each replica while the store's `lock` fails or takes over 2 s): no consumer can push
 *   the account past its daily token quota while the store works. The answer is the current token: reports
 *   arriving while a refresh runs (or waits for the store's lock) get its token; a report that forces
 *   nothing gets the store's token when another replica saved a newer one there (a replica the gate declines
 *   waits up to 2 s for it), one with over 5 minutes left that this broker did not replace: it never asks WeChat. The gate key lives in the store: a restarted replica does not reset the cooldown.
 * - 401 without valid credentials (constant-time comparison); after a failure the same client's failed
 *   attempts get 429 (`retry-after`) for 250 ms, doubling with each failure in a row up to 15 s (clients
 *   share one bucket unless `clientKey` names them; a valid secret is never answered 429); 405 for other methods,
 *   413 for a body over 1 KB, 502 with `{ error: 'token_unavailable', code }` when no token can be had
 *   (never the secret or a token).
 *
 * The handler never throws; a throwing `authorize` function answers 500. Throws `WxError('wx/config')`
 * at creation for a `ctx` not made by `createContext`, when `authorize` is missing (or not a secret, a
 * list of them or a function), a secret is under 32 bytes or has whitespace inside, `rejectCooldown` is
 * not a number from 45000 in legacy mode (1000 in stable mode) to 86400000 (a day), or `clientKey` is
 * neither a header name nor a function.
 *
 * @example
 * const ctx = createContext({ appid, secret, tokenStore: redisTokenStore(redis) })
 * const broker = createTokenBroker(ctx, { authorize: process.env.BROKER_SECRET! })
 * export default { fetch: broker }                 // Workers / Bun / Deno
 * // elsewhere: curl -H "authorization: Bearer $BROKER_SECRET" https://token.internal/
 */
export function createTokenBroker(ctx: WxContext, options: TokenBrokerOptions): (request: Request) => Promise<Response> {
  const store = getTokenStore(ctx) // wx/config for anything but a context from createContext()
  const o: Partial<TokenBrokerOptions> = options ?? {}
  const { authorize, clientKey: ck } = o
  const list = typeof authorize === 'string' ? [authorize] : Array.isArray(authorize) ? authorize : undefined
  if (typeof authorize !== 'function' && !list?.length)
    throw new WxError('wx/config', 'createTokenBroker needs { authorize }: a shared secret, a list of them, or a function')
  const secrets = list?.map((s) => normalizeSecret(s, 'createTokenBroker'))
  const least = ctx.tokenMode === 'legacy' ? 45_000 : 1_000
  const cooldown = o.rejectCooldown ?? 45_000
  // A lease over a day is refused by every store (`checkLease`): the cooldown would silently be per replica.
  if (!(typeof cooldown === 'number' && cooldown >= least && cooldown <= 86_400_000))
    throw new WxError('wx/config', `createTokenBroker: rejectCooldown must be a number of ms from ${least} (the daily token quota in ${ctx.tokenMode} mode) to 86400000 (a day)`)
  if (ck != null && typeof ck !== 'string' && typeof ck !== 'function')
    throw new WxError('wx/config', 'createTokenBroker: clientKey must be a header name or a function (request) => string')
  const tokenKey = `wx:${ctx.appid}:access_token`
  const gateKey = `${tokenKey}:reject-cooldown`
  const clientKey = typeof ck === 'function' ? ck : ck ? headerKey(ck) : () => ''
  let lastRejectRefresh = -Infinity
  /** The refresh a report forced, until it has its token: reports arriving meanwhile get that token. */
  let refreshing: Promise<StoredToken> | undefined
  /** The last 8 tokens this broker invalidated: core never adopts them from the store again. */
  let replaced: string[] = []
  const failures = new Map<string, { n: number; until: number; last: number }>()

  const allowed = async (request: Request): Promise<boolean> => {
    if (typeof authorize === 'function') return (await authorize(request)) === true
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get('authorization') ?? '')
    return matchesSecret(m?.[1] ?? '', secrets!)
  }

  /**
   * The answer to a report that forces nothing: this replica's token, or the store's when another replica
   * saved a newer one there (or this one is the token reported): adopted, so that reads get it too. Only a
   * store token core adopts without asking WeChat: over 5 minutes left (core refreshes 4–5 minutes ahead)
   * and not one this broker replaced (a store whose writes fail still holds it). A store that fails or
   * takes over 2 s leaves this replica's token; never a request to WeChat of its own.
   */
  const current = async (rejected: string, opts?: { signal: AbortSignal }): Promise<StoredToken> => {
    const own = await getTokenInfo(ctx, opts)
    const t = readStoredToken(await within(2000, () => store.get(tokenKey)))
    return t &&
      t.accessToken !== own.accessToken &&
      t.expiresAt - Date.now() > 300_000 &&
      !replaced.includes(t.accessToken) &&
      (own.accessToken === rejected || t.expiresAt > own.expiresAt)
      ? getLatestToken(ctx, opts)
      : own
  }

  /**
   * After the gate went to another replica, which is most likely refreshing right now: its token, once it
   * is in the store (waited for up to 2 s; then the current token, whatever it is).
   */
  const settled = async (rejected: string): Promise<StoredToken> => {
    for (const end = Date.now() + 2000; ; await new Promise((r) => setTimeout(r, 100))) {
      const t = await current(rejected)
      if (t.accessToken !== rejected || Date.now() > end) return t
    }
  }

  /**
   * Whether this replica may force a refresh: the first to take the store's gate, a lease nobody releases.
   * A lock that throws or takes over 2 s counts as no lock: this replica's own cooldown still holds. Not
   * refreshing at all would leave a really rejected token (a reset secret) failing every call until it expires.
   */
  const gate = async (): Promise<boolean> => {
    if (!store.lock) return true
    const owner = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`
    return (await within(2000, () => store.lock!(gateKey, owner, cooldown))) !== false
  }

  /**
   * The answer to a report of `rejected`: a refresh when the token is current and the cooldown is over,
   * here and in the store; the refresh in progress (one for every report arriving while it runs, so none
   * gets the rejected token while it waits for the gate); else the current token (`current`).
   */
  const report = async (rejected: string, signal: AbortSignal): Promise<StoredToken> => {
    const may = () => !refreshing && Date.now() - lastRejectRefresh >= cooldown
    // Checked again after the read: another report may have started a refresh meanwhile.
    if (may() && (await getTokenInfo(ctx, { signal })).accessToken === rejected && may()) {
      lastRejectRefresh = Date.now()
      // Not bound to this request's signal: the reports that join it outlive its client (the context's timeout bounds it).
      refreshing = (async () => {
        if (!((await gate()) && invalidateToken(ctx, rejected))) return settled(rejected)
        replaced = [rejected, ...replaced].slice(0, 8)
        return getTokenInfo(ctx)
      })().finally(() => (refreshing = undefined))
    }
    return refreshing ?? current(rejected, { signal })
  }

  const throttled = (key: string): number => {
    const f = failures.get(key)
    if (!f) return 0
    const now = Date.now()
    if (now - f.last > FORGET_FAILURES_MS) failures.delete(key)
    return Math.max(0, f.until - now)
  }
  const failed = (key: string) => {
    const now = Date.now()
    const f = failures.get(key)
    const n = f && now - f.last <= FORGET_FAILURES_MS ? f.n + 1 : 1
    failures.delete(key)
    if (failures.size >= MAX_CLIENTS) failures.delete(failures.keys().next().value!)
    failures.set(key, { n, until: now + blockMs(n), last: now })
  }

  return async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'POST') return json({ error: 'method_not_allowed' }, 405, { allow: 'GET, POST' })
      // The secret first: a caller that has it is never slowed by what others (sharing its key) failed,
      // nor does its success lift their block.
      if (!(await allowed(request))) {
        const client = String(clientKey(request))
        const wait = throttled(client)
        if (wait > 0) return json({ error: 'too_many_failures' }, 429, { 'retry-after': String(Math.ceil(wait / 1000)) })
        failed(client)
        return json({ error: 'unauthorized' }, 401, { 'www-authenticate': 'Bearer' })
      }
    } catch {
      return json({ error: 'authorize_failed' }, 500)
    }
    try {
      let rejected: unknown
      if (request.method === 'POST') {
        const text = await readLimited(request, MAX_BODY)
        if (text === null) return json({ error: 'body_too_large', limit: MAX_BODY }, 413)
        let body: { rejected?: unknown } | null = null
        try {
          body = JSON.parse(text)
        } catch {}
        rejected = body?.rejected
      }
      const { accessToken, expiresAt: at } =
        typeof rejected === 'string' && rejected ? await report(rejected, request.signal) : await getTokenInfo(ctx, { signal: request.signal })
      const expiresAt = Number.isFinite(at) ? at : Date.now() + UNKNOWN_EXPIRY_MS
      const answer: TokenBrokerAnswer = {
        appid: ctx.appid,
        access_token: accessToken,
        expires_in: Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)),
        expires_at: expiresAt,
      }
      return json(answer)
    } catch (e) {
      return json({ error: 'token_unavailable', code: isWxError(e) ? e.code : 'wx/token' }, 502)
    }
  }
}
