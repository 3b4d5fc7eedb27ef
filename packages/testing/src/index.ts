/**
 * `@wx/testing`: a fake WeChat Official Account API that listens on 127.0.0.1, for tests of the SDK and
 * of your own code. Node entry (uses `node:http`); the web-only parts are in `@wx/testing/fetch`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { FAKE_ACTION, FakeResetError, applyControl, createFakeWeChatHandler, type FakeHandler, type FakeSettings } from './handler.ts'
import type { FakeRoute } from './route.ts'
import { changeTickets, checkJsConfig } from './routes/jssdk.ts'
import { expireGrants, issueCode } from './routes/oauth.ts'
import type { FakeData, FakeDelivery, FakeFailure, FakeOptions, FakePushLog, FakeRequestLog, FakeState, FakeStats } from './state.ts'

export * from './fetch.ts'
export { runDedupeStoreContract, type DedupeStoreContractOptions, type DedupeStoreUnderTest } from './dedupeContract.ts'

/** A running fake WeChat. */
export interface FakeWeChat {
  /** `http://127.0.0.1:PORT`: pass it as `baseURL` to `createContext`. */
  url: string
  appid: string
  secret: string
  /** Stops the server, drops every connection and clears the fake's timers (no push is sent afterwards). */
  close(): Promise<void>
  /** Counters: token requests, calls by path, errcodes, deliveries (a snapshot: later calls do not change it). */
  stats(): FakeStats
  /** Every token issued so far answers `code` (default 40001) from now on. */
  revokeTokens(code?: number): void
  /** Every token issued so far expires now. */
  expireTokens(): void
  /**
   * The next `n` API calls (optionally only those to `path`) fail: with an errcode (not executed), an
   * HTTP 502 (not executed), `'reset'` (executed, then the connection is dropped before the answer),
   * `'timeout'` (executed, then no answer ever comes), or `{ body, status?, headers? }` (executed, then
   * this answer instead of the real one: a redirect, a byte order mark, a download's headers, ...).
   * Executed faults act the same whether the call itself succeeded or answered an errcode.
   * `n = Infinity`: every call, until `clearFailures()` or `reset()`.
   *
   * Throws `TypeError` for an `n` that is not a positive integer or Infinity, and for a `path` that is
   * no endpoint of this fake (a missing leading `/` and a query are dropped first).
   */
  failNext(what: FakeFailure, n?: number, path?: string): void
  /** Forgets every pending `failNext` failure, and nothing else. */
  clearFailures(): void
  /** Stops accepting connections (clients get ECONNREFUSED) until `resume()`. */
  pause(): Promise<void>
  resume(): Promise<void>
  /**
   * Back to the fake as created: counters, logs, deliveries, pushes, pending failures and every domain
   * record (menus, tags, media, templates, tickets, OAuth codes, drafts, dedupe windows, ...) forgotten;
   * the fake's timers cleared (nothing scheduled before the reset pushes after it) and calls still held
   * by latency/`{ delay }` dropped unexecuted; options changed with `set()` back to those given at
   * creation. Tokens are forgotten too, unless `keepTokens` (then a context kept across tests needs no
   * new token).
   */
  reset(keepTokens?: boolean): void
  /**
   * Resolves with the pushes (a snapshot) once at least `n` were sent; rejects after `timeoutMs`
   * (default 5000) naming the events seen. Leaves no timer behind.
   */
  waitForPushes(n: number, timeoutMs?: number): Promise<FakePushLog[]>
  /** Every API request received (tokens masked). */
  readonly requests: FakeRequestLog[]
  /** Every message that reached a user. */
  readonly deliveries: FakeDelivery[]
  /** Every push the fake emitted to `options.push` (e.g. `PUBLISHJOBFINISH`). */
  readonly pushes: FakePushLog[]
  /** The default account's state, for assertions on domain records. */
  readonly state: FakeState
  /** The same fake as a Fetch handler. */
  readonly handler: FakeHandler
  /** Revokes every JS-SDK ticket issued so far (of `type`, or both): `getticket` hands out new ones. */
  revokeTickets(type?: 'jsapi' | 'wx_card'): void
  /** Every JS-SDK ticket issued so far (of `type`, or both) expires now. */
  expireTickets(type?: 'jsapi' | 'wx_card'): void
  /** What the WeChat client answers a page at `url` calling `wx.config(config)`: `config:ok` or the failure. */
  checkJsConfig(url: string, config: object): Promise<{ errMsg: string }>
  /** A user consents: the code WeChat would append to `redirect_uri` (single use, 5 minutes). */
  authorize(o: { scope: 'snsapi_base' | 'snsapi_userinfo'; openid?: string | undefined }): string
  /** Every OAuth code, user access token or refresh token issued so far expires now. */
  expireOauth(what: 'code' | 'access_token' | 'refresh_token'): void
  /** Changes the fake's behaviour (latency, IP whitelist, token TTL, push target) until `reset()`, as the remote fake's `set`. */
  set(o: FakeSettings): void
  /**
   * Replaces one domain's records or settings (e.g. `setData('massConfig', { dedupeWindowMs: 300 })`,
   * `setData('template', { templates: { TPL_ORDER_PAID: {} } })`), as the remote fake's `setData`.
   */
  setData<K extends keyof FakeData>(name: K, value: FakeData[K]): void
}

/** Options of `createFakeWeChat`. */
export interface CreateFakeOptions extends FakeOptions {
  /** Port to listen on; default 0 (any free port). Always on 127.0.0.1. */
  port?: number | undefined
  /** Replaces the route table (default: every endpoint the fake knows, `allRoutes()`). */
  routes?: FakeRoute[] | null | undefined
  /** Endpoints added to the route table (built-in or `routes`); one with an existing method and path replaces that route. */
  extraRoutes?: FakeRoute[] | null | undefined
  /**
   * `true`: the server keeps Node running, as servers do (a process that only serves the fake). Default:
   * it does not (unref'd), so a test runner's process can exit even when a test forgot `close()`.
   */
  keepProcessAlive?: boolean | null | undefined
}

/** Methods a fetch `Request` cannot carry; the fake answers them as OPTIONS (no API call: 405, or 404 for an unknown path). */
const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
  const body = chunks.length ? Buffer.concat(chunks) : undefined
  const method = FETCH_FORBIDDEN_METHODS.has(req.method!) ? 'OPTIONS' : req.method!
  const hasBody = body && method !== 'GET' && method !== 'HEAD'
  return new Request(origin + req.url, { method, headers, signal, ...(hasBody ? { body } : {}) })
}

/**
 * Starts a fake WeChat on 127.0.0.1: both token endpoints with WeChat's semantics (a legacy token ends
 * 5 minutes after a newer one; the stable token stays the same until its last 5 minutes), token
 * checks on every call (41001/40001/42001), request bodies validated as WeChat does, and injectable
 * faults. Use it to test your own code without a real account.
 *
 * The server does not keep Node running (it is unref'd: a test runner's process can exit even when a
 * test forgot `close()`; `keepProcessAlive: true` for a process that only serves the fake); a request in
 * flight from the same process keeps it alive through its socket. Call `close()` all the same.
 *
 * @example
 * const fake = await createFakeWeChat()
 * const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
 * await sendText(ctx, 'o_user', 'hi')
 * expect(fake.stats().deliveries).toBe(1)
 * await fake.close()
 */
export async function createFakeWeChat(options?: CreateFakeOptions | null): Promise<FakeWeChat> {
  options ??= {}
  const handler = createFakeWeChatHandler(options, options.routes)
  const held = new Set<ServerResponse>()
  const sockets = new Set<Socket>()
  // One per request being answered: aborted when its client goes away or the fake closes, which
  // settles an injected 'timeout' (it waits for the request's signal). Latency and `{ delay }` waits
  // are not cut short (a slow WeChat still acts on a call its client gave up on); close() ends them.
  const inflight = new Set<AbortController>()
  let origin = ''
  const server = createServer(async (req, res) => {
    const abort = new AbortController()
    inflight.add(abort)
    res.on('close', () => {
      inflight.delete(abort)
      if (!res.writableFinished) abort.abort(new Error('the client went away'))
    })
    try {
      const response = await handler(await toRequest(req, origin, abort.signal))
      const action = response.headers.get(FAKE_ACTION)
      if (action === 'reset') return void req.socket.destroy()
      if (action === 'timeout') return void held.add(res)
      if (res.destroyed) return // the client went away while the answer was held back: it is lost
      const body = Buffer.from(await response.arrayBuffer())
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(body)
    } catch (e) {
      if (e instanceof FakeResetError) return void req.socket.destroy()
      if (abort.signal.aborted || res.destroyed) return
      res.writeHead(500, { 'content-type': 'text/plain' })
      // Whatever the route threw (`undefined` too): reading `.message` of it must not crash the listener.
      res.end(`fake WeChat failed: ${(e as Error | undefined)?.message ?? String(e)}`)
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  // Unref'd (server and accepted sockets): a forgotten fake does not keep the process running. A call in
  // flight from this process keeps it alive through its own (client) socket.
  const unref = !options.keepProcessAlive
  if (unref) server.on('connection', (s) => s.unref())
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        if (unref) server.unref()
        resolve((server.address() as AddressInfo).port)
      })
    })
  const port = await listen(options.port ?? 0)
  origin = `http://127.0.0.1:${port}`
  const dropAll = () => {
    for (const r of held) r.destroy()
    held.clear()
    for (const a of inflight) a.abort(new Error('the fake WeChat stopped'))
    inflight.clear()
    for (const s of sockets) s.destroy()
  }
  const s = handler.state
  return {
    url: origin,
    appid: s.appid,
    secret: s.secret,
    handler,
    state: s,
    get requests() {
      return s.log
    },
    get deliveries() {
      return s.deliveries
    },
    get pushes() {
      return s.pushes
    },
    stats: () => structuredClone(s.stats),
    revokeTokens: (code) => s.revokeTokens(code),
    expireTokens: () => s.expireTokens(),
    failNext: (what, n, path) => s.failNext(what, n, path),
    clearFailures: () => s.clearFailures(),
    reset: (keep) => s.reset(keep),
    waitForPushes: (n, timeoutMs) => s.waitForPushes(n, timeoutMs),
    revokeTickets: (type) => changeTickets(s, 'revoke', type),
    expireTickets: (type) => changeTickets(s, 'expire', type),
    checkJsConfig: (url, config) => checkJsConfig(s, url, config as Record<string, unknown>),
    authorize: (o) => issueCode(s, o.scope, o.openid),
    expireOauth: (what) => expireGrants(s, what),
    set: (o) => void applyControl(s, { action: 'set', ...o }),
    setData: (name, value) => void applyControl(s, { action: 'data', name, value }),
    pause: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        dropAll()
      }),
    resume: async () => {
      await listen(port)
    },
    close: () =>
      new Promise<void>((resolve) => {
        handler.close()
        server.close(() => resolve())
        dropAll()
      }),
  }
}
