import { WxError, type WxIssue } from './errors.ts'
import { positiveMs } from './deadline.ts'
import type { TokenStore, StoredToken } from './tokenStore.ts'
import { fetchTransport, type Transport } from './transport.ts'

/** How the access token is obtained. */
export type TokenMode = 'stable' | 'legacy'

/** Retry class of an endpoint: decides what may be resent after which failure. */
export type RetryClass = 'read' | 'idempotent' | 'send'

/** Passed to `onRequest`. Holds no token and no secret. */
export interface RequestEvent {
  /** Endpoint path, e.g. `/cgi-bin/message/custom/send`. */
  endpoint: string
  method: string
  /** 1 for the first attempt. */
  attempt: number
}
/** Passed to `onResponse`. */
export interface ResponseEvent extends RequestEvent {
  status: number
  errcode: number
  errmsg?: string
  rid?: string
  /** Milliseconds from sending to the parsed answer. */
  duration: number
}
/** Passed to `onRetry`, before waiting `delay` ms. */
export interface RetryEvent extends RequestEvent {
  /**
   * `token`: WeChat rejected the token (refreshed, repeated once). `not-sent`: the connection failed
   * before the request left. `unsure`: timeout, reset, 5xx, errcode -1 (reads/idempotent only).
   * `rate-limit`: 45011, waiting for the next minute. `dedupe`: a send with a dedupe key, resent.
   */
  reason: 'token' | 'not-sent' | 'unsure' | 'rate-limit' | 'dedupe'
  errcode?: number
  errmsg?: string
  rid?: string
  delay: number
}
/** Passed to `onTokenRefresh` after a new token (or ticket) was fetched from WeChat. */
export interface TokenRefreshEvent {
  appid: string
  /** What was refreshed: `access_token`, or a ticket kind such as `jsapi_ticket`. */
  kind: string
  mode: TokenMode
  /** `cold` (none cached), `expiring` (ahead of expiry) or `invalidated` (WeChat rejected the old one). */
  reason: 'cold' | 'expiring' | 'invalidated' | 'latest'
  expiresAt: number
}
/** Passed to `onError`: the final error of a call (after retries). */
export interface ErrorEvent {
  endpoint: string
  attempt: number
  error: WxError
}
/**
 * Passed to `onStoreError`: the token store failed; the call went on with the process's own token.
 * `error` is a `WxError` (`wx/token`) that keeps the store's message (redacted) and drops the client's
 * internals (e.g. a Redis client's `command.args`, which hold the token).
 */
export interface StoreErrorEvent {
  operation: string
  error: WxError
}
/**
 * Passed to `onSchemaDrift`, once per endpoint and context: WeChat answered errcode 0 with data that
 * does not match the endpoint's output schema. The call still succeeded and returned what it could read.
 */
export interface SchemaDriftEvent {
  endpoint: string
  issues: readonly WxIssue[]
}

/** Observation hooks. They are awaited never and their errors are swallowed. */
export interface WxHooks {
  /** Before each HTTP attempt (the first and every retry). */
  onRequest?: ((e: RequestEvent) => void) | undefined
  /** After each HTTP attempt that got an answer (any status or errcode), with its duration. */
  onResponse?: ((e: ResponseEvent) => void) | undefined
  /** Before waiting `delay` ms to retry a failed attempt, with the reason. */
  onRetry?: ((e: RetryEvent) => void) | undefined
  /** After a new token (or ticket) was fetched from WeChat. */
  onTokenRefresh?: ((e: TokenRefreshEvent) => void) | undefined
  /** Once per failed call, with its final error (after retries). */
  onError?: ((e: ErrorEvent) => void) | undefined
  /** When the token store failed or timed out (the call went on with the process's own token). */
  onStoreError?: ((e: StoreErrorEvent) => void) | undefined
  /** Once per endpoint and context, when an answer with errcode 0 does not match its schema. */
  onSchemaDrift?: ((e: SchemaDriftEvent) => void) | undefined
}

/** Retry policy knobs. The defaults follow WeChat's documented behaviour. */
export interface RetryOptions {
  /** Attempts for transient failures, first included. Default 3. */
  attempts?: number | undefined
  /** Full-jitter backoff base, ms. Default 200. */
  baseDelay?: number | undefined
  /** Backoff cap, ms. Default 5000. */
  maxDelay?: number | undefined
  /** Retry budget (token bucket) per context. Default 500; a transient retry costs 5, a timeout 10. */
  budget?: number | undefined
  /** Longest wait for 45011 (minute quota) before one retry; longer waits throw instead. Default 61000. */
  maxRateLimitWait?: number | undefined
}

/** Per-call options every endpoint function accepts last. */
export interface CallOptions {
  /**
   * Cancels the call: everything it waits on (token, store, HTTP, backoff). Throws `wx/aborted`; a send
   * whose request may already be out throws `wx/outcome-unknown` (it may have arrived), never sending
   * again. (`nodeTransport` knows when a request has not gone out yet; the `fetch` transport cannot tell,
   * so a send aborted during its exchange is always `wx/outcome-unknown` there.)
   */
  signal?: AbortSignal | undefined
  /**
   * The whole call's deadline in ms (overrides the context's `timeout`). Throws `wx/timeout`. A send
   * resent after a dedupe window (`resendAfter`, mass sends) gets it per attempt, plus the wait. A
   * value that is not a positive number (0, negative, NaN) throws `wx/config`.
   */
  timeout?: number | undefined
}

/** Options of `createContext`. */
export interface ContextOptions {
  /** The Official Account's AppID. */
  appid: string
  /** The AppSecret. Never logged, never put into an error. Not needed with `getAccessToken`. */
  secret?: string | undefined
  /**
   * Where tokens are kept, shared by every context (and process) that uses the same store.
   * Keyed by `wx:<appid>:access_token`. Default: in memory, per context.
   */
  tokenStore?: TokenStore | undefined
  /**
   * A caller-owned token source: when one central service owns the token, everyone else only reads it.
   * With this, the context never calls the token endpoints itself. After WeChat rejects a token
   * (40001/40014/42001) the next call passes that token as `rejected` (once), so the source can refresh.
   */
  getAccessToken?: ((signal?: AbortSignal, rejected?: string) => Promise<string>) | undefined
  /**
   * API host. Default `https://api.weixin.qq.com`. Official alternates: `https://api2.weixin.qq.com`
   * (disaster recovery), `https://sh.api.weixin.qq.com`, `https://sz.api.weixin.qq.com`,
   * `https://hk.api.weixin.qq.com`.
   */
  baseURL?: string | undefined
  /** Any fetch-compatible function (a proxy with fixed egress IPs, instrumentation, tests). */
  fetch?: typeof globalThis.fetch | undefined
  /**
   * How HTTP requests are sent. Default `fetchTransport(options.fetch)`; on Node, `nodeTransport()` from
   * `@wx/core/node` is faster. See `Transport`.
   */
  transport?: Transport | undefined
  /**
   * The deadline of each whole call in ms, covering everything it waits on (token, store, lock, every
   * attempt and backoff): a number (JSON calls), or `{ json, media }`. Defaults 15000 / 60000. A call's
   * `{ timeout }` option overrides it. These and `storeTimeout` must be positive numbers (`Infinity`
   * allowed; `null` means the default), `lockLease` at most a day: anything else throws `wx/config` here.
   */
  timeout?: number | { json?: number | undefined; media?: number | undefined } | undefined
  /** `stable` (default, `POST /cgi-bin/stable_token`) or `legacy` (`GET /cgi-bin/token`). */
  tokenMode?: TokenMode | undefined
  /** Observation hooks (requests, answers, retries, token refreshes, errors, store failures, schema drift): see `WxHooks`. */
  hooks?: WxHooks | undefined
  /** Retry policy (attempts, backoff, retry budget, longest 45011 wait): see `RetryOptions`. */
  retry?: RetryOptions | undefined
  /** Timeout for each token-store operation, ms. Default 2000. */
  storeTimeout?: number | undefined
  /** Lease of the store's refresh lock, ms (a process that dies holding it delays others at most this). Default 10000, at most a day. */
  lockLease?: number | undefined
}

/**
 * @internal One refresh in flight, shared by its waiters; aborted when the last waiter gives up, or once
 * its request to WeChat went out, `detach`ed (lock released; a value it still brings is kept).
 */
export interface Flight {
  readonly promise: Promise<StoredToken>
  readonly ac: AbortController
  waiters: number
  detach?: () => void
}

/** @internal This process's view of one credential (the access token, a ticket). */
export interface CredentialState {
  /** The process's own copy. */
  token?: StoredToken | undefined
  /** The single in-flight refresh. */
  flight?: Flight | undefined
  /** When this process last fetched from WeChat (ms). */
  fetchedAt: number
  /** When the request of the value in hand was sent (ms): a detached request's older value never replaces it. */
  askedAt?: number
  /** The last value WeChat rejected, until the next fetch (names the next refresh `invalidated`). */
  rejected?: string | undefined
  /**
   * The last values WeChat rejected (at most 8): never taken from the store again (a store whose write
   * failed, or an unlocked neighbour, may still hold one), unless WeChat hands one out afresh.
   */
  dead?: string[] | undefined
}

/** @internal The mutable state behind a context. */
export interface ContextState {
  readonly o: Readonly<ContextOptions>
  readonly store: TokenStore
  readonly mode: TokenMode
  readonly base: string
  readonly jsonTimeout: number
  readonly mediaTimeout: number
  readonly transport: Transport
  /** Credentials by kind (`access_token`, `jsapi_ticket`, ...). */
  readonly creds: Record<string, CredentialState>
  /** Endpoints whose schema drift was reported already. */
  readonly drifted: Set<string>
  /** This context's share of the refresh-ahead window, ms (spreads processes apart). */
  readonly jitter: number
  /** Retry budget left. */
  budget: number
  /** Per-context scratch space for sibling packages. */
  readonly ext: Record<string, unknown>
}

const STATE = /* @__PURE__ */ Symbol.for('wx.ctx')

/** The context every endpoint function takes first. Small and immutable; its state is private. */
export interface WxContext {
  readonly appid: string
  readonly tokenMode: TokenMode
}

/**
 * Creates the context that every `@wx/*` function takes first: credentials, token store, transport,
 * timeouts, hooks and retry policy. Cheap: no I/O, no timers.
 *
 * Mapping from wechat-api 1.x: `new API(appid, secret, getToken, saveToken)` becomes
 * `createContext({ appid, secret, tokenStore: { get, set } })`; `api.setOpts`/`request` hooks become
 * `fetch`, `timeout` and `hooks`.
 *
 * @example
 * const ctx = createContext({ appid: 'wx123', secret: process.env.WX_SECRET })
 * await sendText(ctx, openid, 'hello')
 */
export function createContext(options: ContextOptions): WxContext {
  let { appid, secret, tokenMode, timeout, getAccessToken, tokenStore: ts, retry } = options ?? {}
  tokenMode ??= 'stable'
  if (
    typeof appid != 'string' || !appid || !(secret || getAccessToken) || !(secret == null || typeof secret == 'string') || (tokenMode != 'stable' && tokenMode != 'legacy') ||
    // A wrong type here would fail later, deep in a call: a send reported as maybe delivered, a store
    // error on every call while tokens silently stay in this process, retries silently off.
    ![getAccessToken, options.fetch, options.transport, ...(ts != null ? [ts.get || 0, ts.set || 0, ts.setIfNewer, ts.lock, ts.unlock] : []), ...['onRequest', 'onResponse', 'onRetry', 'onTokenRefresh', 'onError', 'onStoreError', 'onSchemaDrift'].map((k) => options.hooks?.[k as 'onError'])].every((f) => f == null || typeof f == 'function') ||
    !['attempts', 'baseDelay', 'maxDelay', 'budget', 'maxRateLimitWait'].every((k) => (retry as Record<string, unknown> | null)?.[k] == null || ((n) => typeof n == 'number' && n >= 0)((retry as Record<string, unknown>)[k]))
  )
    throw new WxError('wx/config', "createContext needs { appid, secret } (strings; or getAccessToken), tokenMode 'stable' or 'legacy', functions for fetch, transport, hooks and tokenStore's get/set, numbers >= 0 in retry")
  const t: { json?: number | undefined; media?: number | undefined } = timeout && typeof timeout == 'object' ? timeout : { json: timeout }
  // A lease over a day is refused by the stores (checkLease): refused here, once, instead of at every lock.
  positiveMs(t.json, t.media, options.storeTimeout, typeof options.lockLease == 'number' && options.lockLease > 86_400_000 ? Number.NaN : options.lockLease)
  const state: ContextState = {
    o: options,
    store: options.tokenStore ?? ownStore(),
    mode: tokenMode,
    base: baseURLOf(options.baseURL ?? undefined),
    jsonTimeout: t.json ?? 15_000,
    mediaTimeout: t.media ?? 60_000,
    transport: options.transport ?? fetchTransport(options.fetch || undefined),
    creds: {},
    drifted: new Set(),
    jitter: Math.random() * 60_000,
    budget: options.retry?.budget ?? 500,
    ext: {},
  }
  // The state (secret, tokens) hangs off a non-enumerable symbol key: console.log, util.inspect, Deno's
  // inspect and JSON.stringify show `{ appid, tokenMode }` only; with `showHidden` it prints as hidden.
  Object.defineProperty(state, INSPECT, { value: () => '[hidden]' })
  return Object.freeze(Object.defineProperty({ appid, tokenMode }, STATE, { value: state }))
}

const INSPECT = /* @__PURE__ */ Symbol.for('nodejs.util.inspect.custom')

/**
 * The API base as a URL parser reads it (scheme and host lower-cased, the path percent-encoded), without
 * a trailing slash; `wx/config` for anything but an http(s) URL without credentials, query or fragment
 * (never echoed: it may hold a password).
 */
function baseURLOf(url = 'https://api.weixin.qq.com'): string {
  let u: URL | undefined
  try {
    u = new URL(url)
  } catch {}
  if (!u || !/^https?:$/.test(u.protocol) || u.username || u.password || u.search || u.hash) throw new WxError('wx/config', 'baseURL: expected an http(s) URL')
  return (u.origin + u.pathname).replace(/\/+$/, '')
}

/** The default store: this context's own memory, no lock (single-flight already covers one process). */
const ownStore = (): TokenStore => {
  const map = new Map<string, StoredToken>()
  return { get: async (k) => map.get(k), set: async (k, t) => void map.set(k, t) }
}

/** @internal Reads a context's private state (works across copies of `@wx/core`). */
export function stateOf(ctx: WxContext): ContextState {
  const s = ctx && (ctx as any)[STATE]
  if (!s) throw new WxError('wx/config', 'pass the context from createContext() first')
  return s
}

/**
 * Returns the token store a context uses (its `tokenStore` option, or its own in-memory one): for code
 * that keeps fleet-wide records beside the token, like the broker's cooldown.
 *
 * Calls no endpoint.
 *
 * @example
 * const store = getTokenStore(ctx)
 */
export function getTokenStore(ctx: WxContext): TokenStore {
  return stateOf(ctx).store
}

/** @internal Calls a hook, swallowing its errors: a throw, and the rejection of an `async` hook. */
export function emit<K extends keyof WxHooks>(s: ContextState, name: K, event: Parameters<NonNullable<WxHooks[K]>>[0]): void {
  try {
    ;(s.o.hooks?.[name] as ((e: unknown) => { catch?: (f: () => void) => void } | undefined) | undefined)?.(event)?.catch?.(() => {})
  } catch {}
}

/** @internal Every credential value this context knows (secret, tokens, tickets): redacted from any text it builds. */
export const secretsOf = (s: ContextState): (string | undefined)[] => [
  s.o.secret,
  ...Object.values(s.creds).flatMap((c) => [c.token?.accessToken, ...(c.dead ?? [])]),
]
