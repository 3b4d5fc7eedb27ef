/** Options of a fake WeChat (one account). */
export interface FakeOptions {
  /** The AppID the fake accepts. Default `wx_fake_appid`. */
  appid?: string
  /** The AppSecret the fake accepts. Default `fake_secret`. */
  secret?: string
  /** Milliseconds added before every answer. Default 0. */
  latency?: number
  /** Lifetime of new tokens, seconds. Default 7200. */
  tokenTtl?: number
  /** How long a legacy token stays valid after a newer one was fetched, ms. WeChat: 5 minutes. Default 300000. */
  legacyGraceMs?: number
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
 * body), `'truncated'` (the JSON answer cut in half), `{ body, status? }` (this raw answer instead),
 * `{ delay }` (answered normally after `delay` ms). Token endpoints take a failure only when it names
 * their path.
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
  /** Legacy tokens replaced by a newer one stop working at this time. */
  endsAt?: number
  revoked?: number
}

let seq = 0
const rand = () => `${Date.now().toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 10)}`

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

  constructor(o: FakeOptions = {}) {
    this.appid = o.appid ?? 'wx_fake_appid'
    this.secret = o.secret ?? 'fake_secret'
    this.latency = o.latency ?? 0
    this.tokenTtl = o.tokenTtl ?? 7200
    this.legacyGraceMs = o.legacyGraceMs ?? 300_000
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
    }
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

  /** The stable token while it has more than 5 minutes left, else a new one (WeChat's normal mode). */
  stableToken(force: boolean): { token: string; expiresIn: number } {
    const now = Date.now()
    const cur = this.stable ? this.tokens.get(this.stable) : undefined
    if (!force && cur && !cur.revoked && cur.expiresAt - now > 300_000)
      return { token: this.stable!, expiresIn: Math.floor((cur.expiresAt - now) / 1000) }
    if (force && cur) cur.endsAt = now
    return this.issueToken('stable')
  }

  /** 0 when the token is good, else the errcode WeChat would answer. */
  checkToken(token: string | null): number {
    if (!token) return 41001
    const rec = this.tokens.get(token)
    if (!rec) return 40001
    if (rec.revoked) return rec.revoked
    const now = Date.now()
    if (now >= rec.expiresAt || (rec.endsAt !== undefined && now >= rec.endsAt)) return 42001
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

  rid(): string {
    return `${rand().slice(0, 8)}-${rand().slice(0, 8)}-${rand().slice(0, 8)}`
  }
}
