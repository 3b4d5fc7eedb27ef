import { fail, SPECIAL_OPENIDS } from './route.ts'
import type { FakeTemplateSeed } from './routes/template.ts'
import type { FakeFollowers, UserBag } from './routes/user.ts'
import type { PayLegacyBag } from './routes/payLegacy.ts'

/** Options of a fake WeChat (one account). */
export interface FakeOptions {
  /** The AppID the fake accepts. Default `wx_fake_appid`. */
  appid?: string | undefined
  /** The AppSecret the fake accepts. Default `fake_secret`. */
  secret?: string | undefined
  /** Milliseconds before every call is executed and answered (not cut short when the client gives up). Default 0. */
  latency?: number | undefined
  /** Lifetime of new tokens, seconds. Default 7200. */
  tokenTtl?: number | undefined
  /** How long a legacy token stays valid after a newer one was fetched, ms. WeChat: 5 minutes. Default 300000. */
  legacyGraceMs?: number | undefined
  /**
   * `stable_token` with `force_refresh: true` sooner than this after the last forced refresh does not
   * refresh (the current token comes back), ms. WeChat: 30 s. Default 30000.
   */
  forceRefreshGapMs?: number | undefined
  /**
   * How long the previous stable token keeps working after a forced refresh, ms; a second forced
   * refresh ends a token still in that grace at once. WeChat does not document the length, but its
   * emergency advice (two forced refreshes, 30 s apart, to end a leaked token) means one forced
   * refresh does not end the previous token at once. `0`: it ends at once (as this fake did before the option).
   * Default 300000, as `legacyGraceMs`.
   */
  forceRefreshGraceMs?: number | undefined
  /** Forced `stable_token` calls allowed per day (Beijing time); the next ones answer 45009. WeChat: 20. Default 20. */
  forceRefreshPerDay?: number | undefined
  /** When set, token requests fail with 40164 naming this IP (simulates a missing whitelist entry). */
  rejectIp?: string | undefined
  /**
   * Where the fake sends the pushes it emits (e.g. `PUBLISHJOBFINISH` when a publish job ends): your
   * push handler's URL, its token, and the EncodingAESKey for safe mode (plain pushes without one).
   */
  push?: FakePushTarget | undefined
}

/** A push handler the fake POSTs its pushes to, signed (and encrypted) as WeChat does. */
export interface FakePushTarget {
  url: string
  token: string
  encodingAESKey?: string | undefined
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
  | { body: string; status?: number | undefined; headers?: Record<string, string> | undefined }
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
  /** The call took a `failNext` failure (an errcode, `'http500'`, or an executed fault). */
  injected?: true
}

/** A delivered message, as the fake recorded it. */
export interface FakeDelivery {
  path: string
  to: string
  payload: unknown
}

/**
 * The domains `setData(name, value)` seeds, by name, with what each takes. A seeded record bag gets the
 * fields it lacks filled with their defaults on first use (`setData('template', { templates })` keeps
 * the industry unset and the counters at 0).
 */
export interface FakeData {
  /** Template messages: `templates` by `template_id` (a send needs its id here, else 40037), `industry`, `subscribe` templates. */
  template: FakeTemplateSeed
  /** `publishDelayMs`: when a publish job finishes (default 150). */
  draftConfig: { publishDelayMs?: number | undefined }
  /** `dedupeWindowMs`: how long a mass send's `clientmsgid` is remembered (WeChat: 60 s). */
  massConfig: { dedupeWindowMs?: number | undefined }
  /** The followers: `{ count }` generated ones (default 3) or these `{ openids }`. */
  followers: FakeFollowers
  /** Legacy payment: `paySignKey`, `orders` by out_trade_no. */
  payLegacy: PayLegacyBag
  /** Tags, tag membership, remarks, blacklist. */
  user: Partial<UserBag>
  basic: object
  draft: object
  kf: object
  mass: object
  media: object
  menu: object
  oauth: object
  qrcode: object
  shop: object
  tickets: object
  typing: object
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

/** WeChat's own errmsg texts (as the fake's routes answer them) for the errcodes tests inject most. */
const ERRMSGS: Record<number, string> = {
  ...TOKEN_ERRMSGS,
  ...Object.fromEntries(Object.values(SPECIAL_OPENIDS)),
  [-1]: 'system error',
  40003: 'invalid openid',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45066: 'same clientmsgid retry too fast',
  47001: 'data format error',
  48001: 'api unauthorized',
}

/**
 * The errmsg an injected errcode answers: WeChat's text for the common ones (`45009` → `reach max api
 * daily quota limit`), else `injected errcode N`.
 */
export const injectedErrmsg = (errcode: number): string => (Object.hasOwn(ERRMSGS, errcode) ? ERRMSGS[errcode]! : `injected errcode ${errcode}`)

/** What a held-back answer (latency, `{ delay }`) rejects with when the fake is closed or reset before it ends. */
export class FakeStoppedError extends Error {
  constructor(why = 'closed') {
    super(`fake WeChat: ${why} while the answer was held back`)
    this.name = 'FakeStoppedError'
  }
}

/** The faults `failNext` knows by name (besides errcodes, `{ body }` and `{ delay }`). */
const FAULTS = new Set(['reset', 'timeout', 'http500', 'html', 'empty', 'truncated'])

/** A pending `failNext` failure: `left` calls still to take it (`Infinity`: every one). */
interface PendingFailure {
  what: FakeFailure
  path: string | undefined
  left: number
}

/**
 * The state of one fake account: tokens, counters, injected failures, recorded requests, and one
 * bag per API domain (`data`) that route modules keep their records in.
 */
export class FakeState {
  readonly appid: string
  readonly secret: string
  latency!: number
  tokenTtl!: number
  legacyGraceMs!: number
  forceRefreshGapMs!: number
  forceRefreshGraceMs!: number
  forceRefreshPerDay!: number
  rejectIp: string | undefined
  push: FakePushTarget | undefined
  /** Pushes emitted to `push.url`, in order. */
  pushes: FakePushLog[] = []
  tokens = new Map<string, TokenRecord>()
  stable: string | undefined
  stats: FakeStats = FakeState.emptyStats()
  failures: PendingFailure[] = []
  log: FakeRequestLog[] = []
  deliveries: FakeDelivery[] = []
  /** Per-domain records (menus, tags, media...), created on first use by route modules. */
  data: Record<string, any> = Object.create(null)
  /**
   * The paths of the routes serving this account (the handler sets them): `failNext` refuses a path
   * that is none of them. Unset (a `FakeState` of your own): any path is taken.
   */
  routePaths: ReadonlySet<string> | undefined
  /** The options the account was created with: `reset()` goes back to them. */
  private readonly initial: FakeOptions
  /** Forced `stable_token` calls: the day they count in, how many that day, when the last refresh happened. */
  private forced = { day: '', count: 0, lastRefreshAt: Number.NEGATIVE_INFINITY }
  /** Timers the fake owns (e.g. a publish job's end), cleared by `close()` and `reset()`. */
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  /** Held-back answers (latency, `{ delay }`): each one's stop, which rejects it. */
  private readonly holds = new Set<(why: string) => void>()
  /** `waitForPushes` callers: each checks the pushes again. */
  private readonly pushWaiters = new Set<(closed?: boolean) => void>()
  private closed = false

  constructor(o: FakeOptions | null = {}) {
    o ??= {}
    this.appid = o.appid ?? 'wx_fake_appid'
    this.secret = o.secret ?? 'fake_secret'
    this.initial = { ...o }
    this.configure(this.initial)
  }

  private configure(o: FakeOptions): void {
    this.latency = o.latency ?? 0
    this.tokenTtl = o.tokenTtl ?? 7200
    this.legacyGraceMs = o.legacyGraceMs ?? 300_000
    this.forceRefreshGapMs = o.forceRefreshGapMs ?? 30_000
    this.forceRefreshGraceMs = o.forceRefreshGraceMs ?? 300_000
    this.forceRefreshPerDay = o.forceRefreshPerDay ?? 20
    this.rejectIp = o.rejectIp ?? undefined
    this.push = o.push ?? undefined
  }

  static emptyStats(): FakeStats {
    return { tokenRequests: 0, legacyTokenRequests: 0, stableTokenRequests: 0, calls: {}, errcodes: {}, deliveries: 0 }
  }

  /**
   * Back to the account as it was created: counters, logs, deliveries, pushes, pending failures and
   * every domain record (menus, tags, media, templates and their `client_msg_id`s, tickets, OAuth codes,
   * drafts, ...) forgotten; the fake's timers cleared (a publish job or template send from before sends
   * no push) and answers still held back by latency or `{ delay }` dropped unexecuted; the options
   * changed with `set()` back to those given at creation; the day's forced `stable_token` refreshes start
   * over. `keepTokens`: the tokens issued so far stay valid, so a context kept across tests needs no new token.
   */
  reset(keepTokens = false): void {
    this.stats = FakeState.emptyStats()
    this.failures = []
    this.log = []
    this.deliveries = []
    this.pushes = []
    this.data = Object.create(null)
    this.stopTimers('reset')
    this.configure(this.initial)
    // The day's forced refreshes start over either way: with `reset(true)` after each test they added up
    // across a file, and the 21st of the day answered 45009 in whichever test came later.
    this.forced = { day: '', count: 0, lastRefreshAt: Number.NEGATIVE_INFINITY }
    if (!keepTokens) {
      this.tokens.clear()
      this.stable = undefined
    }
  }

  /**
   * Runs `fn` after `ms`, unless the fake is closed or reset first. Route modules use it for anything
   * that happens later (a publish job's end), so that `close()` leaves nothing running.
   */
  later(fn: () => void, ms: number): void {
    if (this.closed) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.closed) fn()
    }, ms)
    this.timers.add(timer)
  }

  /**
   * Holds an answer back `ms` (latency, `{ delay }`), whether or not the client is still there (a slow
   * WeChat still acts on a call its client gave up on). Rejects with `FakeStoppedError` when the fake is
   * closed or reset first (the call is then neither executed nor logged). `Infinity` (or anything past a
   * timer's 2^31 ms, which Node would fire at once) holds it until then.
   */
  hold(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new FakeStoppedError())
      const stop = (why: string) => {
        clearTimeout(timer)
        reject(new FakeStoppedError(why))
      }
      const timer = !(ms >= 2 ** 31)
        ? setTimeout(() => {
            this.holds.delete(stop)
            resolve()
          }, ms)
        : undefined
      this.holds.add(stop)
    })
  }

  /**
   * A signal for the fake's own outgoing request (a push to your handler): aborted after `ms` (WeChat
   * waits 5 s for a push answer) or when the fake is closed or reset first. Call `done()` once the
   * request ended: nothing of it outlives the request, or `close()`.
   */
  outgoing(ms: number): { signal: AbortSignal; done(): void } {
    const ctl = new AbortController()
    const stop = (why: string) => {
      clearTimeout(timer)
      ctl.abort(new FakeStoppedError(why))
    }
    const timer = setTimeout(() => {
      this.holds.delete(stop)
      ctl.abort(new Error(`no answer within ${ms} ms`))
    }, ms)
    this.holds.add(stop)
    if (this.closed) stop('closed')
    return {
      signal: ctl.signal,
      done: () => {
        clearTimeout(timer)
        this.holds.delete(stop)
      },
    }
  }

  private stopTimers(why: string): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const stop of this.holds) stop(why)
    this.holds.clear()
  }

  /** Clears the fake's timers and held-back answers; nothing it scheduled runs afterwards (no push after close). */
  close(): void {
    this.closed = true
    this.stopTimers('closed')
    for (const waiter of this.pushWaiters) waiter(true)
  }

  /** True once `close()` was called. */
  get isClosed(): boolean {
    return this.closed
  }

  /** A domain's record bag, created on first use; a bag seeded with `setData` gets the fields it lacks. */
  bag<T extends object>(name: string, init: () => T): T {
    const fresh = init()
    const b = (this.data[name] ??= fresh)
    if (b !== fresh) for (const [k, v] of Object.entries(fresh)) b[k] ??= v
    return b
  }

  /** Records a push the fake sent (in the log current when it was sent) and wakes `waitForPushes`. */
  logPush(log: FakePushLog[], entry: FakePushLog): void {
    log.push(entry)
    for (const waiter of this.pushWaiters) waiter()
  }

  /**
   * Resolves with the pushes once at least `n` were sent (a snapshot), or rejects after `timeoutMs`
   * (default 5000) naming the events seen so far; leaves no timer behind either way.
   */
  waitForPushes(n: number, timeoutMs: number | null = 5000): Promise<FakePushLog[]> {
    timeoutMs ??= 5000
    if (!(Number.isInteger(n) && n > 0)) return Promise.reject(new TypeError(`waitForPushes: n must be a positive integer, got ${String(n)}`))
    if (!(timeoutMs > 0)) return Promise.reject(new TypeError(`waitForPushes: timeoutMs must be a positive number of ms (Infinity waits), got ${String(timeoutMs)}`))
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const check = (closed?: boolean) => {
        if (this.pushes.length < n && !closed) return
        clearTimeout(timer)
        this.pushWaiters.delete(check)
        if (this.pushes.length >= n) resolve(structuredClone(this.pushes))
        else reject(new Error(`fake WeChat: closed with ${this.pushes.length} of ${n} pushes`))
      }
      // A timer takes at most 2^31-1 ms: a longer wait (or Infinity) would fire at once. It waits then.
      if (timeoutMs! < 2 ** 31)
        timer = setTimeout(() => {
          this.pushWaiters.delete(check)
          const seen = this.pushes.map((p) => p.event).join(', ') || 'none'
          reject(new Error(`fake WeChat: ${this.pushes.length} of ${n} pushes after ${timeoutMs} ms (${seen})`))
        }, timeoutMs!)
      this.pushWaiters.add(check)
      check(this.closed)
    })
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

  /**
   * The next `n` calls (only those to `path`, when given) take `what`; `n` is a positive integer or
   * `Infinity` (every call until `clearFailures()` or `reset()`). `path` is one route's path: a missing
   * leading `/` and a query are dropped; a path that is no route of this fake throws.
   *
   * Throws `TypeError` for any other `n`, or for such a path.
   */
  failNext(what: FakeFailure, n: number | null = 1, path?: string | null): void {
    n ??= 1
    if (!(n === Number.POSITIVE_INFINITY || (Number.isInteger(n) && n > 0)))
      throw new TypeError(`failNext: n must be a positive integer or Infinity (always), got ${String(n)}`)
    if (!(typeof what == 'object' && what ? 'body' in what || 'delay' in what : FAULTS.has(what as string) || (Number.isInteger(what) && what !== 0)))
      throw new TypeError(`failNext: what must be a non-zero errcode, ${[...FAULTS].map((f) => `'${f}'`).join(', ')}, { body } or { delay }; got ${JSON.stringify(what) ?? String(what)}`)
    this.failures.push({ what, path: path == null ? undefined : this.routePath(path), left: n })
  }

  /** `path` as a route's path (a leading `/`, no query), or a `TypeError` when it is no route of this fake. */
  private routePath(path: string): string {
    const p = `/${String(path).split(/[?#]/)[0]!.replace(/^\/+/, '')}`
    const known = this.routePaths
    if (known && !known.has(p)) {
      const near = [...known].find((k) => p.startsWith(k) || k.startsWith(p))
      throw new TypeError(`failNext: ${JSON.stringify(path)} is no endpoint of this fake${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`)
    }
    return p
  }

  /** Forgets every pending `failNext` failure (nothing else). */
  clearFailures(): void {
    this.failures = []
  }

  /** Takes the first injected failure that applies to `path` (for token endpoints: only one naming it). */
  takeFailure(path: string, explicitOnly = false): FakeFailure | undefined {
    const i = this.failures.findIndex((f) => (!f.path && !explicitOnly) || f.path === path)
    const f = this.failures[i]
    if (!f) return undefined
    if (--f.left <= 0) this.failures.splice(i, 1)
    return f.what
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
