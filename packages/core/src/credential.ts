import { emit, secretsOf, stateOf, type ContextState, type CredentialState, type Flight, type TokenRefreshEvent, type WxContext } from './context.ts'
import { deadline, sleep, within } from './deadline.ts'
import { WxError, isWxError, redact } from './errors.ts'
import { readStoredToken, type StoredToken } from './tokenStore.ts'

/**
 * A credential WeChat hands out for a limited time and that a fleet must share: the access token, the
 * JS-SDK `jsapi_ticket`, the `wx_card` ticket. Declare one, and `getCredential` gives it the whole
 * lifecycle: the context's store (key `wx:<appid>:<kind>`), single-flight, refresh 4–5 minutes ahead of
 * expiry, the store's lease lock (renewed while the fetch runs), compare-and-invalidate, and the
 * caller's deadline.
 */
export interface CredentialSpec {
  /** Names it in the store key and in events: `access_token`, `jsapi_ticket`, `wx_card_ticket`. */
  readonly kind: string
  /**
   * Asks WeChat for a fresh value; `expiresIn` in seconds (default 7200, WeChat's documented lifetime, also for
   * a value that is no number of seconds, such as "7200s" from an answer that drifted).
   * Must honour `signal`, and bound its own time: once called it is not aborted when every caller gave up
   * (the request went out: it is detached, and a value it still brings is kept).
   */
  fetch(ctx: WxContext, signal: AbortSignal): Promise<{ value: string; expiresIn?: number | undefined }>
}

/**
 * A value this process may still hand out without refreshing: not rejected, and not yet within
 * 4–5 minutes (jittered per context) of WeChat's expiry. Inside that window the stable endpoint already
 * hands out the next token, and a legacy refresh leaves the old one valid for 5 more minutes.
 */
export const usable = (s: ContextState, c: CredentialState, t: StoredToken | null | undefined, now = Date.now()): t is StoredToken =>
  !!t?.accessToken &&
  !c.dead?.includes(t.accessToken) &&
  // A value fetched in the last 30 s is used even inside the window (stable_token may hand back the
  // same token near its end): no refresh loop.
  (now < t.expiresAt - 240_000 - s.jitter || (now - c.fetchedAt < 30_000 && now < t.expiresAt - 30_000))

/**
 * @internal Runs a store operation within `storeTimeout` and the refresh's signal. A failure or a
 * timeout is reported to `onStoreError` (wrapped: message kept and redacted, client internals dropped)
 * and yields `undefined`; the refresh's own abort is thrown.
 */
async function guard<T>(s: ContextState, operation: string, run: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
  // Without a refresh's signal (the unlock after a call) the timer alone must not keep the process
  // alive: nothing waits for it.
  const dl = deadline(s.o.storeTimeout ?? 2000, signal, !signal)
  try {
    return await within(run(dl.signal), dl.signal, `token store ${operation}`)
  } catch (e: any) {
    if (signal?.aborted) throw e
    const error = isWxError(e)
      ? e
      : new WxError('wx/token', `token store ${operation} failed: ${redact(String(e?.message ?? e), secretsOf(s))}`, {
          cause: { name: e?.name },
        })
    emit(s, 'onStoreError', { operation, error })
  } finally {
    dl.dispose()
  }
}

/**
 * Fetches a fresh value: reads the store first; with a store that has a lease lock, only the lock
 * holder asks WeChat (renewing its lease while the request runs) while the others wait for its value to
 * appear in the store (legacy tokens invalidate each other, so this matters there); the holder re-reads
 * the store after acquiring the lock, saves with `setIfNewer` when available, and releases the lock.
 * A store that fails or hangs never blocks: each operation has a timeout and the refresh goes on without it.
 */
async function refresh(ctx: WxContext, s: ContextState, spec: CredentialSpec, c: CredentialState, reason: TokenRefreshEvent['reason'], flight: Pick<Flight, 'ac' | 'detach'>): Promise<StoredToken> {
  const { signal } = flight.ac
  const { store } = s
  const key = `wx:${ctx.appid}:${spec.kind}`
  const lockKey = `${key}:lock`
  const lease = s.o.lockLease ?? 10_000
  const adopt = async () => {
    // Both record shapes: ours and wechat-api 1.x's `{ accessToken, expireTime }` (a fleet migrating);
    // readStoredToken gives a fresh `{ accessToken, expiresAt }`, never the store's own object.
    const t = readStoredToken(await guard(s, 'get', (g) => store.get(key, g), signal))
    if (usable(s, c, t)) return (c.token = t)
  }
  // The lock's owner is this refresh, not the context: an abandoned refresh's late unlock cannot free
  // the lock of the context's next one.
  const me = crypto.randomUUID()
  const take = (g: AbortSignal) => store.lock!(lockKey, me, lease, g)
  const unlock = () => guard(s, 'unlock', (g) => store.unlock!(lockKey, me, g))
  // A lock the store grants after we stopped waiting for it (its timeout, an abort) is given back at
  // once: nobody would release it, and every process would wait out its lease.
  const lock = () => {
    let raw: Promise<boolean> | undefined
    const got = guard(s, 'lock', (g) => (raw = take(g)), signal)
    got.then((g) => (g === undefined ? raw : false), () => raw).then((late) => void (late && unlock()), () => {})
    return got
  }
  let owner = false
  let renew: ReturnType<typeof setInterval> | undefined
  let renewing: Promise<unknown> | undefined
  const release = () => {
    clearInterval(renew)
    // After a renewal still in flight: unlocking first would let it take the lock again, for a whole lease.
    if (owner) {
      owner = false
      void Promise.resolve(renewing).then(unlock)
    }
  }
  try {
    let t = await adopt()
    if (t) return t
    if (store.lock) {
      let got: boolean | undefined
      // Someone else is refreshing: wait for their value, or for their lease to run out (a live holder
      // renews it). The call's deadline bounds the wait.
      while ((got = await lock()) === false) {
        await sleep(50 + Math.random() * 100, signal)
        if ((t = await adopt())) return t
      }
      owner = got === true
      if (owner && (t = await adopt())) return t
      // Keep the lease while WeChat answers slowly, so that no second process fetches meanwhile.
      // One renewal at a time (a slow store does not pile them up). `renewing` settles with the store's
      // own call, which goes on when the guard gives up (store timeout, abort): the unlock below waits
      // for it, or that late renewal would take the lock again for a whole lease.
      if (owner)
        renew = setInterval(() => {
          let raw: unknown
          renewing ??= guard(s, 'lock', (g) => (raw = take(g)), signal)
            .catch(() => {})
            .then(() => raw)
            .catch(() => {})
            .finally(() => (renewing = undefined))
        }, lease / 3)
    }
    // From here the request goes out: WeChat counts it, and in legacy mode its token ends the fleet's
    // current one. When every caller gives up meanwhile, it is detached, not aborted: the lock is released
    // and the next call starts its own refresh (a request that never answers must not hold the calls that
    // follow), while a value that still arrives (within the request's own timeout) is kept, unless the
    // value in hand was asked for later (WeChat issued it after this one).
    const asked = Date.now()
    flight.detach = release
    const fresh = await spec.fetch(ctx, signal)
    if (c.askedAt! > asked) return c.token! // detached (a newer refresh answered first): nobody reads this
    c.askedAt = asked
    t = { accessToken: fresh.value, expiresAt: (c.fetchedAt = Date.now()) + (+fresh.expiresIn! || 7200) * 1000 }
    c.token = t
    c.rejected = undefined
    c.dead = c.dead?.filter((v) => v != t!.accessToken)
    emit(s, 'onTokenRefresh', { appid: ctx.appid, kind: spec.kind, mode: s.mode, reason, expiresAt: t.expiresAt })
    const ttl = Math.ceil((t.expiresAt - Date.now()) / 1000)
    // A fresh object of exactly the two fields: the store may keep it (the memory store does).
    const saved = { ...t }
    // Saved before the value is handed out: a process that exits right after its calls (a script, a
    // function instance) must not take the fleet's new value with it. A store that hangs costs the
    // waiting calls at most `storeTimeout`; a call whose deadline comes first fails, but the value stays
    // ours (`c.token`, set above), so the next call uses it at once.
    await guard<unknown>(s, 'set', (g) => (store.setIfNewer ? store.setIfNewer(key, saved, ttl, g) : store.set(key, saved, ttl, g)), signal)
    return t
  } finally {
    release()
  }
}

/**
 * Joins the credential's refresh in flight (or starts one) and waits for it within `signal`. A waiter
 * that gives up leaves the refresh to the others; when the last one gives up, the refresh is aborted
 * (no lock wait or timer outlives every call that wanted it), or, once its request to WeChat went out,
 * detached: the next call starts its own, and the value that request still brings is kept.
 */
function join(ctx: WxContext, s: ContextState, spec: CredentialSpec, c: CredentialState, reason: TokenRefreshEvent['reason'], signal: AbortSignal): Promise<StoredToken> {
  let f = c.flight
  if (!f) {
    const run: Pick<Flight, 'ac' | 'detach'> = { ac: new AbortController() }
    const promise = refresh(ctx, s, spec, c, reason, run).finally(() => {
      if (c.flight === f) c.flight = undefined
    })
    promise.catch(() => {})
    f = c.flight = Object.assign(run, { promise, waiters: 0 }) satisfies Flight
  }
  const flight = f
  flight.waiters++
  return within(flight.promise, signal).finally(() => {
    if (--flight.waiters == 0 && signal.aborted && c.flight === flight) {
      c.flight = undefined
      flight.detach ? flight.detach() : flight.ac.abort()
    }
  })
}

/** @internal The state of one credential kind of a context. */
export const credentialOf = (s: ContextState, kind: string): CredentialState => (s.creds[kind] ??= { fetchedAt: 0 })

/**
 * Returns a valid value of the credential `spec` describes: this process's copy while it is fresh, else
 * the store's, else a new one from WeChat. Concurrent callers share one refresh. Waits at most until
 * `signal` fires (`wx/aborted` or `wx/timeout`). Used by core for the access token and by `@wx/jssdk`
 * for tickets.
 *
 * Calls whatever `spec.fetch` calls, only when needed.
 *
 * @example
 * const ticket = await getCredential(ctx, jsapiTicket, AbortSignal.timeout(5000))
 */
export async function getCredential(ctx: WxContext, spec: CredentialSpec, signal: AbortSignal, latest = false): Promise<StoredToken> {
  const s = stateOf(ctx)
  const c = credentialOf(s, spec.kind)
  const own = c.token
  if (!latest && usable(s, c, own)) return own
  if (latest && !c.flight) c.token = undefined
  try {
    return await join(ctx, s, spec, c, latest ? 'latest' : c.rejected ? 'invalidated' : own ? 'expiring' : 'cold', signal)
  } catch (e) {
    // Degraded: the refresh ahead of expiry failed, but our own copy is still good for a while.
    if (!signal.aborted && own && own === c.token && own.expiresAt - Date.now() > 30_000) return own
    throw e
  }
}

/**
 * Marks `failed` as rejected by WeChat, **only if it is still the current value** of that credential:
 * one that another call already replaced is left alone (no refresh herd). Returns whether it took effect.
 *
 * @example
 * if (isWxError(e, 40001)) invalidateCredential(ctx, 'jsapi_ticket', ticketIUsed)
 */
export function invalidateCredential(ctx: WxContext, kind: string, failed: string): boolean {
  const c = credentialOf(stateOf(ctx), kind)
  if (c.token?.accessToken !== failed) return false
  c.token = undefined
  c.rejected = failed
  c.dead = [failed, ...(c.dead ?? [])].slice(0, 8)
  return true
}
