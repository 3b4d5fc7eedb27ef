import { parseJson } from '@wx/core'
import { FakeApiError, type FakeRoute } from './route.ts'
import { allRoutes } from './routes/index.ts'
import { changeTickets, checkJsConfig } from './routes/jssdk.ts'
import { expireGrants, issueCode } from './routes/oauth.ts'
import { FakeState, FakeStoppedError, injectedErrmsg, tokenErrmsg, type FakeFailure, type FakeOptions, type FakePushTarget, type FakeRequestLog } from './state.ts'

/**
 * Header the Node adapter reads to reset the connection or hold the answer, when a custom route sets it.
 *
 * @deprecated The fake no longer sets it: an injected `'reset'` throws `FakeResetError` and an injected
 * `'timeout'` never settles (see `FakeFailure`). The Node server still honours the header.
 */
export const FAKE_ACTION = 'x-fake-action'

/**
 * What the Fetch handler throws for an injected `'reset'`, once the call was executed: a Fetch handler
 * cannot drop its connection, so the runtime answers its own error (HTTP 500 in most) or drops it. The
 * Node server (`createFakeWeChat`) destroys the socket instead.
 */
export class FakeResetError extends Error {
  readonly code = 'ECONNRESET'
  constructor() {
    super('fake WeChat: injected connection reset')
    this.name = 'FakeResetError'
  }
}

const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; encoding=utf-8' } })

/** Never resolves; rejects with the abort reason when `signal` aborts (an injected `'timeout'`). */
function untilAborted(signal: AbortSignal | null): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

/** A control request understood at `POST <base>/__fake/control`. */
export type FakeControl =
  | { action: 'revoke'; code?: number | undefined }
  | { action: 'expire' }
  /** `n`: a positive integer, or `'Infinity'` (JSON has no Infinity): every call until cleared; other strings are refused. */
  | { action: 'fail'; what: FakeFailure; n?: number | string | undefined; path?: string | undefined }
  | { action: 'clearFailures' }
  | { action: 'reset'; keepTokens?: boolean | undefined }
  | ({ action: 'set' } & FakeSettings)
  | { action: 'data'; name: string; value: unknown }
  /** Answers the pushes once `n` were sent; HTTP 408 after `timeoutMs` (default 5000; `'Infinity'` waits), 400 for a bad `n` or `timeoutMs`. */
  | { action: 'waitPushes'; n: number | string; timeoutMs?: number | string | undefined }
  | { action: 'tickets'; what: 'revoke' | 'expire'; type?: 'jsapi' | 'wx_card' | undefined }
  | { action: 'oauth'; expire: 'code' | 'access_token' | 'refresh_token' }
  | { action: 'authorize'; scope: string; openid?: string | undefined }
  | { action: 'jsconfig'; url: string; config: Record<string, unknown> }

/** What `set()` changes, from now on (until `reset()`, which goes back to the options given at creation). */
export interface FakeSettings {
  /** Milliseconds before every call is executed and answered (not cut short when the client gives up). */
  latency?: number | undefined
  /** Token requests fail with 40164 naming this IP (a missing whitelist entry); `null` removes it. */
  rejectIp?: string | null | undefined
  /** Lifetime of tokens issued from now on, seconds. */
  tokenTtl?: number | undefined
  /** How long a legacy token stays valid after a newer one was fetched, ms. */
  legacyGraceMs?: number | undefined
  /** How long the previous stable token keeps working after a forced refresh, ms. */
  forceRefreshGraceMs?: number | undefined
  /** A forced `stable_token` sooner than this after the last forced refresh does not refresh, ms. */
  forceRefreshGapMs?: number | undefined
  /** Forced `stable_token` calls allowed per day; the next ones answer 45009. */
  forceRefreshPerDay?: number | undefined
  /** Where pushes go (your push handler's URL, token, EncodingAESKey); `null`: no pushes. */
  push?: FakePushTarget | null | undefined
}

/** Options of `createFakeWeChatHandler`: the account's, and endpoints of your own. */
export interface FakeHandlerOptions extends FakeOptions {
  /**
   * Endpoints added to the route table (the built-in one, or `routes` when given); one with the method
   * and path of an existing route replaces it.
   */
  extraRoutes?: FakeRoute[] | null | undefined
}

/** A fake WeChat as a Fetch handler, with isolated tenants (one account each) under `/t/<id>`. */
export interface FakeHandler {
  (request: Request): Promise<Response>
  /** The default tenant (served at the root path). */
  readonly state: FakeState
  readonly tenants: Map<string, FakeState>
  /**
   * Clears the timers of every tenant (pending publish jobs' pushes) and ends pending latency/`{ delay }`
   * waits (their calls reject, unexecuted and unlogged): nothing the fake scheduled runs afterwards.
   */
  close(): void
}

/** The errcode WeChat answers a call made with the wrong HTTP method. */
const wrongMethod = (route: FakeRoute) =>
  route.method === 'POST' ? new FakeApiError(43002, 'require POST method') : new FakeApiError(43001, 'require GET method')

/**
 * Methods that are no API call: a HEAD or OPTIONS probe (a health check, a link checker, a CORS
 * preflight, which WeChat's API does not grant). WeChat's API is GET and POST only.
 */
const NOT_A_CALL = new Set(['HEAD', 'OPTIONS'])

/**
 * The answer to a method that is no API call, on a known endpoint: HTTP 405 with `Allow` naming the
 * endpoint's method and WeChat's wrong-method errcode in the body (no body for HEAD).
 */
function notACall(route: FakeRoute, method: string): Response {
  const { errcode, errmsg } = wrongMethod(route)
  const body = method === 'HEAD' ? null : JSON.stringify({ errcode, errmsg })
  return new Response(body, { status: 405, headers: { allow: route.method, 'content-type': 'application/json; encoding=utf-8' } })
}

/**
 * How the request log records a route that threw something other than an errcode: a failure, never
 * errcode 0. The client gets HTTP 500 (the Node server's answer; the runtime's, in the Fetch form).
 */
const crashed = (e: unknown): Partial<FakeRequestLog> => ({ errcode: -1, status: 500, errmsg: `the fake crashed: ${(e as Error)?.message ?? String(e)}` })

/** Reads the request body as the route gets it: FormData, bytes, parsed JSON, or undefined. */
async function readBody(request: Request, route: FakeRoute): Promise<unknown> {
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('multipart/form-data')) {
    try {
      return await request.formData()
    } catch {
      throw route.upload ? new FakeApiError(41005, 'media data missing') : new FakeApiError(47001, 'data format error')
    }
  }
  if (/^(image|audio|video)\/|octet-stream/.test(type)) return new Uint8Array(await request.arrayBuffer())
  if (request.method !== 'POST') return undefined
  const text = await request.text()
  if (!text) return undefined
  try {
    return parseJson(text)
  } catch {
    throw new FakeApiError(47001, 'data format error')
  }
}

/**
 * How the request log shows a body: a multipart upload as its parts (`{ field, filename, type, size }`
 * for a file, never its bytes; `{ field, value }` for a text field), raw bytes as `[N bytes]`.
 */
const loggedBody = (body: unknown) =>
  body instanceof FormData
    ? [...body].map(([field, v]) => (typeof v === 'string' ? { field, value: v } : { field, filename: v.name, type: v.type, size: v.size }))
    : body instanceof Uint8Array
      ? `[${body.length} bytes]`
      : body

/** The query as logged: tokens, secrets and OAuth codes masked. */
function maskedQuery(query: URLSearchParams): Record<string, string> {
  const q = Object.fromEntries(query)
  for (const k of ['access_token', 'refresh_token', 'secret', 'code']) if (q[k]) q[k] = '***'
  return q
}

/** A route's answer as a Response: its own, or its JSON (with errcode 0 unless the route is `bare`). */
function toResponse(answer: unknown, bare?: boolean): Response {
  if (answer instanceof Response) return answer
  return new Response(JSON.stringify(bare ? answer : { errcode: 0, errmsg: 'ok', ...(answer as object) }), {
    headers: { 'content-type': 'application/json; encoding=utf-8' },
  })
}

/** The first half of a response's body, same status and headers. */
async function truncate(answer: Response): Promise<Response> {
  const bytes = new Uint8Array(await answer.arrayBuffer())
  return new Response(bytes.slice(0, bytes.length >> 1), { status: answer.status, headers: answer.headers })
}

/**
 * Applies an injected failure to the answer the call produced (data or an errcode): the failure acts
 * the same whatever the route answered.
 */
async function applyFault(failure: FakeFailure | undefined, answer: Response, signal: AbortSignal | null): Promise<Response> {
  if (failure === 'reset') throw new FakeResetError()
  if (failure === 'timeout') return untilAborted(signal)
  if (failure === 'html') return new Response('<html><body>502 Bad Gateway</body></html>', { headers: { 'content-type': 'text/html' } })
  if (failure === 'empty') return new Response('', { headers: { 'content-type': 'application/json' } })
  if (failure === 'truncated') return truncate(answer)
  if (typeof failure === 'object' && 'body' in failure)
    return new Response(failure.body, { status: failure.status ?? 200, headers: { 'content-type': 'application/json', ...failure.headers } })
  return answer
}

/**
 * Creates the fake WeChat as a Fetch handler `(Request) => Promise<Response>`: for edge runtimes, or to
 * mount in your own server. `createFakeWeChat` (Node) serves the same handler over real HTTP.
 *
 * Injected faults in this form: `'timeout'` returns a promise that settles only when `request.signal`
 * aborts (rejecting with its reason), never without a signal; `'reset'` rejects with `FakeResetError`.
 *
 * `routes` replaces the route table (default `allRoutes()`); `options.extraRoutes` are added to it, and
 * replace a route of the same method and path.
 *
 * Control endpoints (for tests that cannot reach the object, e.g. in an edge runtime):
 * `POST /__fake/tenants` (new isolated account, answers `{ id, base }`), and under a tenant base:
 * `GET __fake/stats`, `GET __fake/requests`, `GET __fake/deliveries`, `GET __fake/pushes`, `POST __fake/control`
 * (a `FakeControl`; HTTP 400 for one the fake refuses).
 *
 * @example
 * const handler = createFakeWeChatHandler({ appid: 'wx1', secret: 's' })
 * const res = await handler(new Request('http://fake/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s'))
 */
export function createFakeWeChatHandler(options?: FakeHandlerOptions | null, routes?: FakeRoute[] | null): FakeHandler {
  options ??= {}
  routes = [...(routes ?? allRoutes()), ...(options.extraRoutes ?? [])]
  // Later entries win: an extra route replaces the built-in one of the same method and path.
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]))
  const paths: ReadonlySet<string> = new Set(routes.map((r) => r.path))
  const account = (o: FakeOptions): FakeState => Object.assign(new FakeState(o), { routePaths: paths })
  const state = account(options)
  const tenants = new Map<string, FakeState>()
  let next = 0

  /** The route for this method and path, else the path's route under another method (answered 43001/43002). */
  const findRoute = (method: string, path: string) =>
    table.get(`${method} ${path}`) ?? table.get(`POST ${path}`) ?? table.get(`GET ${path}`)

  async function serve(request: Request): Promise<Response> {
    const url = new URL(request.url)
    let path = url.pathname
    let s = state
    const t = /^\/t\/([\w-]+)(\/.*)$/.exec(path)
    if (t) {
      const found = tenants.get(t[1]!)
      if (!found) return json({ errcode: 404, errmsg: `unknown fake tenant ${t[1]}` }, 404)
      s = found
      path = t[2]!
    }
    if (path.startsWith('/__fake/')) return control(s, path.slice(8), request)
    const route = findRoute(request.method, path)
    if (route && NOT_A_CALL.has(request.method)) return notACall(route, request.method)
    if (s.latency) await s.hold(s.latency)
    if (!route) return json({ errcode: 404, errmsg: `the fake WeChat does not know ${request.method} ${path}` }, 404)
    route.onRequest?.(s)
    // The counters and log of the test this call entered in: one that ends after a reset() is not the next test's.
    const { stats, log } = s
    let logged = route.auth !== false
    if (logged) stats.calls[path] = (stats.calls[path] ?? 0) + 1

    const query = url.searchParams
    const entry: FakeRequestLog = { method: request.method, path, query: maskedQuery(query), body: undefined, errcode: 0 }
    let failure: FakeFailure | undefined
    let answer: Response
    try {
      if (route.method !== request.method) throw wrongMethod(route)
      const body = await readBody(request, route)
      entry.body = loggedBody(body)
      if (route.auth !== false && route.auth !== 'user') {
        const code = s.checkToken(query.get('access_token'))
        if (code) throw new FakeApiError(code, tokenErrmsg(code))
      }
      failure = s.takeFailure(path, route.auth === false)
      if (failure !== undefined) entry.injected = true
      if (typeof failure === 'number') throw new FakeApiError(failure, injectedErrmsg(failure))
      if (failure === 'http500') {
        // Not executed: logged as the failure the client got, never as a call that succeeded.
        Object.assign(entry, { errcode: -1, status: 502, errmsg: 'injected HTTP 502 (not executed)' })
        return new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })
      }
      if (typeof failure === 'object' && 'delay' in failure) await s.hold(failure.delay)
      answer = toResponse(await route.handle({ state: s, query, body, request }), route.bare)
    } catch (e) {
      if (e instanceof FakeStoppedError) logged = false // closed or reset before the route ran: nothing was done
      else if (!(e instanceof FakeApiError)) Object.assign(entry, crashed(e))
      if (!(e instanceof FakeApiError)) throw e
      stats.errcodes[e.errcode] = (stats.errcodes[e.errcode] ?? 0) + 1
      Object.assign(entry, { errcode: e.errcode, rid: s.rid(), errmsg: e.errmsg })
      answer = json({ errcode: e.errcode, errmsg: `${e.errmsg} rid: ${entry.rid}`, ...e.extra })
    } finally {
      if (logged) log.push(entry)
    }
    return applyFault(failure, answer, request.signal)
  }

  async function control(s: FakeState, what: string, request: Request): Promise<Response> {
    if (what === 'tenants' && request.method === 'POST') {
      const o = await readControlJson(request)
      if (!o) return badControl('the tenant options are not a JSON object')
      const id = `${++next}${Math.random().toString(36).slice(2, 8)}`
      tenants.set(id, account(o as FakeOptions))
      return json({ id, base: `/t/${id}` })
    }
    if (what === 'stats') return json(s.stats)
    if (what === 'requests') return json(s.log)
    if (what === 'deliveries') return json(s.deliveries)
    if (what === 'pushes') return json(s.pushes)
    if (what === 'data') return json(s.data)
    if (what === 'control' && request.method === 'POST') {
      const c = (await readControlJson(request)) as FakeControl | undefined
      if (!c || typeof c.action !== 'string') return badControl('the control is not a JSON object with an action')
      try {
        if (c.action === 'jsconfig') return json(await checkJsConfig(s, c.url, c.config))
        if (c.action === 'waitPushes')
          return await s.waitForPushes(+c.n, c.timeoutMs == null ? c.timeoutMs : +c.timeoutMs).then(json, (e: Error) =>
            json({ errcode: e instanceof TypeError ? 400 : 408, errmsg: e.message }, e instanceof TypeError ? 400 : 408),
          )
        return json(applyControl(s, c) ?? { ok: true })
      } catch (e) {
        // A control the fake refuses (an unknown action, a failNext with a bad count or path): HTTP 400.
        if (e instanceof FakeApiError) return json({ errcode: e.errcode, errmsg: e.errmsg }, 400)
        if (e instanceof TypeError) return json({ errcode: 400, errmsg: e.message }, 400)
        throw e
      }
    }
    return json({ errcode: 404, errmsg: `unknown control ${what}` }, 404)
  }

  const close = () => {
    state.close()
    for (const tenant of tenants.values()) tenant.close()
  }

  return Object.assign(serve, { state, tenants, close })
}

/** A control body: `{}` when empty, undefined when it is not a JSON object. */
async function readControlJson(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text()
  if (!text) return {}
  try {
    const value = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined
  } catch {
    return undefined
  }
}

const badControl = (errmsg: string) => json({ errcode: 400, errmsg }, 400)

/**
 * Applies one control request to a fake account. Throws a `FakeApiError` (400) for an unknown action.
 *
 * @example
 * applyControl(handler.state, { action: 'fail', what: 45009 })
 */
export function applyControl(s: FakeState, c: Exclude<FakeControl, { action: 'jsconfig' | 'waitPushes' }>): { code: string } | void {
  switch (c.action) {
    case 'tickets':
      return changeTickets(s, c.what, c.type)
    case 'oauth':
      return expireGrants(s, c.expire)
    case 'authorize':
      return { code: issueCode(s, c.scope, c.openid) }
    case 'revoke':
      s.revokeTokens(c.code)
      return
    case 'expire':
      s.expireTokens()
      return
    case 'fail':
      s.failNext(c.what, c.n === 'Infinity' ? Number.POSITIVE_INFINITY : (c.n as number), c.path)
      return
    case 'clearFailures':
      s.clearFailures()
      return
    case 'reset':
      s.reset(c.keepTokens)
      return
    case 'data':
      s.data[c.name] = c.value
      return
    case 'set':
      if (c.latency !== undefined) s.latency = c.latency
      if (c.rejectIp !== undefined) s.rejectIp = c.rejectIp ?? undefined
      if (c.tokenTtl !== undefined) s.tokenTtl = c.tokenTtl
      if (c.legacyGraceMs !== undefined) s.legacyGraceMs = c.legacyGraceMs
      if (c.forceRefreshGraceMs !== undefined) s.forceRefreshGraceMs = c.forceRefreshGraceMs
      if (c.forceRefreshGapMs !== undefined) s.forceRefreshGapMs = c.forceRefreshGapMs
      if (c.forceRefreshPerDay !== undefined) s.forceRefreshPerDay = c.forceRefreshPerDay
      if (c.push !== undefined) s.push = c.push ?? undefined
      return
    default:
      throw new FakeApiError(400, `unknown control action ${JSON.stringify((c as { action?: unknown }).action)}`)
  }
}
