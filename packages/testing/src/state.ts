import { fail } from './route.ts'

/** Options of a fake WeChat (one account). */
export interface FakeOptions {
  /** The AppID the fake accepts. Default `wx_fake_appid`. */
  appid?: string
  /** The AppSecret the fake accepts. Default `fake_secret`. */
  secret?: string
  /** Milliseconds before every call is executed and answered (not cut short when the client gives up). Default 0. */
  latency?: number
  /** Lifetime of new tokens, seconds. Default 7200. */
  tokenTtl?: number
  /** How long a legacy token stays valid after a newer one was fetched, ms. WeChat: 5 minutes. Default 300000. */
  legacyGraceMs?: number
  /**
   * `stable_token` with `force_refresh: true` sooner than this after the last forced refresh does not
   * refresh (the current token comes back), ms. WeChat: 30 s. Default 30000.
   */
  forceRefreshGapMs?: number
  /**
   * How long the previous stable token keeps working after a forced refresh, ms; a second forced
   * refresh ends a token still in that grace at once. WeChat does not document the length, but its
   * emergency advice (two forced refreshes, 30 s apart, to end a leaked token) means one forced
   * refresh does not end the previous token at once. `0`: it ends at once (as this fake did before the option).
   * Default 300000, as `legacyGraceMs`.
   */
  forceRefreshGraceMs?: number
  /** Forced `stable_token` calls allowed per day (Beijing time); the next ones answer 45009. WeChat: 20. Default 20. */
  forceRefreshPerDay?: number
  /** When set, token requests fail with 40164 naming this IP (simulates a missing whitelist entry). */
  rejectIp?: string
  /**
   * Where the fake sends the pushes it emits (e.g. `PUBLISHJOBFINISH` when a publish job ends): your
   * push handler's URL, its token, and the EncodingAESKey for safe mode (plain pushes without one).
   */
  push?: FakePushTarget
}

/** A push handler the fake POSTs its pushes to, signed (and encrypted) as WeChat does. */
export interface FakePushTarget {
  url: string
  token: string
  encodingAESKey?: string
}

/** One push the fake emitted. */
export interface FakePushLog {
  url: string
  /** The push's `Event` (or `MsgType`). */
  event: string
  /** The handler's HTTP status, or 0 when it could not be reached. */
  status: number
  /** The handler's answer, or the network error. */
  answer: string
}

/**
 * What a failure injected with `failNext` does to the next API call(s). Not executed: an errcode,
 * `'http500'` (HTTP 502). Executed, then: `'reset'` (the connection is dropped before the answer),
 * `'timeout'` (no answer ever comes), `'html'` (HTTP 200 with an HTML page), `'empty'` (HTTP 200, no
 * body), `'truncated'` (the answer cut in half), `{ body, status? }` (this raw answer instead),
 * `{ delay }` (answered normally after `delay` ms; executed after the delay even when the client gave up
 * meanwhile, so only the answer is lost). An executed failure acts the same whether the call
 * succeeded or answered an errcode. Token endpoints take a failure only when it names their path.
 *
 * In the Fetch-handler form (`createFakeWeChatHandler`), `'timeout'` is a promise that settles only
 * when `request.signal` aborts (rejecting with its reason), and `'reset'` rejects with `FakeResetError`
 * (the runtime then answers its own error, usually HTTP 500); the Node server drops the connection.
 */
export type FakeFailure =
  | number
  | 'reset'
  | 'timeout'
  | 'http500'
  | 'html'
  | 'empty'
  | 'truncated'
  | { body: string; status?: number; headers?: Record<string, string> }
  | { delay: number }

/** Counters the fake keeps. */
export interface FakeStats {
  /** Token requests of both kinds. */
  tokenRequests: number
  legacyTokenRequests: number
  stableTokenRequests: number
  /** API calls by path (token endpoints excluded). */
  calls: Record<string, number>
  /** Errcodes answered (non-zero), by code. */
  errcodes: Record<string, number>
  /** Messages that reached a user (customer-service, template, mass...): what a duplicate would double. */
  deliveries: number
}

/** One recorded request (access tokens and secrets masked). */
export interface FakeRequestLog {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  errcode: number
  /**
   * The HTTP status the client got, when it was not WeChat's JSON: 500 for a route that crashed, 502 for an
   * injected `'http500'` (both with `errcode` -1).
   */
  status?: number
  /** The rid of a failed call (as in its errmsg); `openapi/rid/get` looks calls up by it. */
  rid?: string
  errmsg?: string
}

/** A delivered message, as the fake recorded it. */
export interface FakeDelivery {
  path: string
  to: string
  payload: unknown
}

interface TokenRecord {
  kind: 'legacy' | 'stable'
  expiresAt: number
  /** A token replaced by a newer one (legacy or stable after `force_refresh`: after its grace period) stops working at this time: 40001. */
  endsAt?: number
  revoked?: number
}

let seq = 0
const rand = () => `${Date.now().toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 10)}`

let ridSeq = 0
const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0')

/**
 * A rid shaped like WeChat's (`6965aef2-130b878a-1b55c042`: the time in seconds, then two groups of 8 hex
 * digits): random, then a counter shared by every fake in the process, so no two rids are equal.
 */
export function newRid(): string {
  ridSeq = (ridSeq + 1) >>> 0
  return `${hex8(Date.now() / 1000)}-${hex8(Math.random() * 2 ** 32)}-${hex8(ridSeq)}`
}

/** The day (Beijing time, UTC+8) WeChat's daily quotas count in, e.g. `2026-01-31`. */
const quotaDay = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10)

/** Errmsgs of the token errcodes, as WeChat writes them. */
const TOKEN_ERRMSGS: Record<number, string> = {
  41001: 'access_token missing',
  42001: 'access_token expired',
  40014: 'invalid access_token',
  40001: 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken',
}

/**
 * The errmsg WeChat answers with a token errcode (41001, 42001, 40014, 40001; others get 40001's).
 *
 * @example
 * tokenErrmsg(42001) // 'access_token expired'
 */
export const tokenErrmsg = (errcode: number): string => TOKEN_ERRMSGS[errcode] ?? TOKEN_ERRMSGS[40001]!

/**
 * The state of one fake account: tokens, counters, injected failures, recorded requests, and one
 * bag per API domain (`data`) that route modules keep their records in.
 */
export class FakeState {
  readonly appid: string
  readonly secret: string
  latency: number
  tokenTtl: number
  legacyGraceMs: number
  forceRefreshGapMs: number
  forceRefreshGraceMs: number
  forceRefreshPerDay: number
  rejectIp: string | undefined
  push: FakePushTarget | undefined
  /** Pushes emitted to `push.url`, in order. */
  pushes: FakePushLog[] = []
  tokens = new Map<string, TokenRecord>()
  stable: string | undefined
  stats: FakeStats = FakeState.emptyStats()
  failures: { what: FakeFailure; path?: string | undefined }[] = []
  log: FakeRequestLog[] = []
  deliveries: FakeDelivery[] = []
  /** Per-domain records (menus, tags, media...), created on first use by route modules. */
  data: Record<string, any> = Object.create(null)
  /** Forced `stable_token` calls: the day they count in, how many that day, when the last refresh happened. */
  private forced = { day: '', count: 0, lastRefreshAt: Number.NEGATIVE_INFINITY }
  /** Timers the fake owns (e.g. a publish job's end), cleared by `close()`. */
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private closed = false

  constructor(o: FakeOptions | null = {}) {
    o ??= {}
    this.appid = o.appid ?? 'wx_fake_appid'
    this.secret = o.secret ?? 'fake_secret'
    this.latency = o.latency ?? 0
    this.tokenTtl = o.tokenTtl ?? 7200
    this.legacyGraceMs = o.legacyGraceMs ?? 300_000
    this.forceRefreshGapMs = o.forceRefreshGapMs ?? 30_000
    this.forceRefreshGraceMs = o.forceRefreshGraceMs ?? 300_000
    this.forceRefreshPerDay = o.forceRefreshPerDay ?? 20
    this.rejectIp = o.rejectIp
    this.push = o.push
  }

  static emptyStats(): FakeStats {
    return { tokenRequests: 0, legacyTokenRequests: 0, stableTokenRequests: 0, calls: {}, errcodes: {}, deliveries: 0 }
  }

  /** Forgets counters, logs, failures and (unless `keepTokens`) tokens. Domain data is kept. */
  reset(keepTokens = false): void {
    this.stats = FakeState.emptyStats()
    this.failures = []
    this.log = []
    this.deliveries = []
    this.pushes = []
    if (!keepTokens) {
      this.tokens.clear()
      this.stable = undefined
      this.forced = { day: '', count: 0, lastRefreshAt: Number.NEGATIVE_INFINITY }
    }
  }

  /**
   * Runs `fn` after `ms`, unless the fake is closed first. Route modules use it for anything that
   * happens later (a publish job's end), so that `close()` leaves nothing running.
   */
  later(fn: () => void, ms: number): void {
    if (this.closed) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.closed) fn()
    }, ms)
    this.timers.add(timer)
  }

  /** Clears the fake's timers; nothing it scheduled runs afterwards (no push after close). */
  close(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  /** True once `close()` was called. */
  get isClosed(): boolean {
    return this.closed
  }

  /** A domain's record bag, created on first use. */
  bag<T extends object>(name: string, init: () => T): T {
    return (this.data[name] ??= init())
  }

  issueToken(kind: 'legacy' | 'stable'): { token: string; expiresIn: number } {
    const now = Date.now()
    const token = `FAKE_${kind === 'legacy' ? 'L' : 'S'}_${rand()}`
    if (kind === 'legacy') {
      for (const rec of this.tokens.values()) if (rec.kind === 'legacy' && rec.endsAt === undefined) rec.endsAt = now + this.legacyGraceMs
    }
    this.tokens.set(token, { kind, expiresAt: now + this.tokenTtl * 1000 })
    if (kind === 'stable') this.stable = token
    return { token, expiresIn: this.tokenTtl }
  }

  /**
   * WeChat's `stable_token`. Normal mode: the current token while it has more than 5 minutes left,
   * else a new one. `force`: a new token; the previous one keeps working for `forceRefreshGraceMs`,
   * and a stable token still in such a grace stops working at once (40001), so two forced refreshes end
   * a leaked token. Unless the last forced refresh was less than `forceRefreshGapMs` ago (then no
   * refresh happens: normal mode). Every forced call counts in `forceRefreshPerDay`; past it, 45009.
   */
  stableToken(force: boolean): { token: string; expiresIn: number } {
    const now = Date.now()
    const refresh = force && this.takeForcedRefresh(now)
    const cur = this.stable ? this.tokens.get(this.stable) : undefined
    if (!refresh && cur && !cur.revoked && cur.expiresAt - now > 300_000)
      return { token: this.stable!, expiresIn: Math.floor((cur.expiresAt - now) / 1000) }
    if (refresh) {
      this.forced.lastRefreshAt = now
      for (const rec of this.tokens.values()) if (rec.kind === 'stable' && rec.endsAt !== undefined && rec.endsAt > now) rec.endsAt = now
      if (cur) cur.endsAt = now + this.forceRefreshGraceMs
    }
    return this.issueToken('stable')
  }

  /** Counts one forced call: true when it refreshes, false when it comes too soon; 45009 past the day's quota. */
  private takeForcedRefresh(now: number): boolean {
    const day = quotaDay(now)
    if (this.forced.day !== day) this.forced = { ...this.forced, day, count: 0 }
    if (this.forced.count >= this.forceRefreshPerDay) fail(45009, 'reach max api daily quota limit')
    this.forced.count++
    return now - this.forced.lastRefreshAt >= this.forceRefreshGapMs
  }

  /**
   * 0 when the token is good, else the errcode WeChat would answer: 41001 missing, 40001 unknown or
   * replaced by a newer one ("not latest"), 42001 past its own expiry, or the code it was revoked with.
   */
  checkToken(token: string | null): number {
    if (!token) return 41001
    const rec = this.tokens.get(token)
    if (!rec) return 40001
    if (rec.revoked) return rec.revoked
    const now = Date.now()
    if (rec.endsAt !== undefined && now >= rec.endsAt && rec.endsAt < rec.expiresAt) return 40001
    if (now >= rec.expiresAt) return 42001
    return 0
  }

  /** Every token issued so far answers `code` from now on. */
  revokeTokens(code = 40001): void {
    for (const rec of this.tokens.values()) rec.revoked = code
  }

  /** Makes every issued token expire now (as if two hours passed). */
  expireTokens(): void {
    for (const rec of this.tokens.values()) rec.expiresAt = Date.now()
  }

  failNext(what: FakeFailure, n = 1, path?: string): void {
    for (let i = 0; i < n; i++) this.failures.push({ what, path })
  }

  /** Takes the first injected failure that applies to `path` (for token endpoints: only one naming it). */
  takeFailure(path: string, explicitOnly = false): FakeFailure | undefined {
    const i = this.failures.findIndex((f) => (!f.path && !explicitOnly) || f.path === path)
    if (i < 0) return undefined
    return this.failures.splice(i, 1)[0]!.what
  }

  deliver(path: string, to: string, payload: unknown): void {
    this.stats.deliveries++
    this.deliveries.push({ path, to, payload })
  }

  /** A new rid, unique in the process (see `newRid`). */
  rid(): string {
    return newRid()
  }
}
