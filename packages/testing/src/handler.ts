import { parseJson } from '@wx/core'
import { FakeApiError, type FakeRoute } from './route.ts'
import { allRoutes } from './routes/index.ts'
import { changeTickets, checkJsConfig } from './routes/jssdk.ts'
import { expireGrants, issueCode } from './routes/oauth.ts'
import { FakeState, type FakeFailure, type FakeOptions, type FakePushTarget } from './state.ts'

/** Header the Node adapter reads to reset the connection or hold the answer (simulated faults). */
export const FAKE_ACTION = 'x-fake-action'

const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; encoding=utf-8' } })

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A control request understood at `POST <base>/__fake/control`. */
export type FakeControl =
  | { action: 'revoke'; code?: number }
  | { action: 'expire' }
  | { action: 'fail'; what: FakeFailure; n?: number; path?: string }
  | { action: 'reset'; keepTokens?: boolean }
  | { action: 'set'; latency?: number; rejectIp?: string | null; tokenTtl?: number; legacyGraceMs?: number; push?: FakePushTarget | null }
  | { action: 'data'; name: string; value: unknown }
  | { action: 'tickets'; what: 'revoke' | 'expire'; type?: 'jsapi' | 'wx_card' }
  | { action: 'oauth'; expire: 'code' | 'access_token' | 'refresh_token' }
  | { action: 'authorize'; scope: string; openid?: string }
  | { action: 'jsconfig'; url: string; config: Record<string, unknown> }

/** A fake WeChat as a Fetch handler, with isolated tenants (one account each) under `/t/<id>`. */
export interface FakeHandler {
  (request: Request): Promise<Response>
  /** The default tenant (served at the root path). */
  readonly state: FakeState
  readonly tenants: Map<string, FakeState>
}

/**
 * Creates the fake WeChat as a Fetch handler `(Request) => Promise<Response>`: for edge runtimes, or to
 * mount in your own server. `createFakeWeChat` (Node) serves the same handler over real HTTP.
 *
 * Control endpoints (for tests that cannot reach the object, e.g. in an edge runtime):
 * `POST /__fake/tenants` (new isolated account, answers `{ id, base }`), and under a tenant base:
 * `GET __fake/stats`, `GET __fake/requests`, `GET __fake/deliveries`, `GET __fake/pushes`, `POST __fake/control`.
 *
 * @example
 * const handler = createFakeWeChatHandler({ appid: 'wx1', secret: 's' })
 * const res = await handler(new Request('http://fake/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s'))
 */
export function createFakeWeChatHandler(options: FakeOptions = {}, routes: FakeRoute[] = allRoutes()): FakeHandler {
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]))
  const state = new FakeState(options)
  const tenants = new Map<string, FakeState>()
  let next = 0

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
    if (s.latency) await sleep(s.latency)
    const route = table.get(`${request.method} ${path}`)
    if (!route) return json({ errcode: 404, errmsg: `the fake WeChat does not know ${request.method} ${path}` }, 404)

    const query = url.searchParams
    let body: any
    const type = request.headers.get('content-type') ?? ''
    let errcode = 0
    let failed: { rid: string; errmsg: string } | undefined
    try {
      if (type.includes('multipart/form-data')) body = await request.formData()
      else if (/^(image|audio|video)\/|octet-stream/.test(type)) body = new Uint8Array(await request.arrayBuffer())
      else if (request.method === 'POST') {
        const text = await request.text()
        if (text) {
          try {
            body = parseJson(text)
          } catch {
            throw new FakeApiError(47001, 'data format error')
          }
        }
      }
      const isToken = route.auth === false
      if (!isToken) {
        s.stats.calls[path] = (s.stats.calls[path] ?? 0) + 1
        const code = route.auth === 'user' ? 0 : s.checkToken(query.get('access_token'))
        if (code) throw new FakeApiError(code, code === 41001 ? 'access_token missing' : code === 42001 ? 'access_token expired' : 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken')
      }
      const failure = s.takeFailure(path, isToken)
      if (typeof failure === 'number') throw new FakeApiError(failure, failure === -1 ? 'system error' : `injected errcode ${failure}`)
      if (failure === 'http500') return new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })
      if (typeof failure === 'object' && 'delay' in failure) await sleep(failure.delay)
      const answer = await route.handle({ state: s, query, body, request })
      if (failure === 'reset' || failure === 'timeout') return new Response(null, { status: 200, headers: { [FAKE_ACTION]: failure } })
      if (failure === 'html') return new Response('<html><body>502 Bad Gateway</body></html>', { headers: { 'content-type': 'text/html' } })
      if (failure === 'empty') return new Response('', { headers: { 'content-type': 'application/json' } })
      if (typeof failure === 'object' && 'body' in failure)
        return new Response(failure.body, { status: failure.status ?? 200, headers: { 'content-type': 'application/json', ...failure.headers } })
      if (answer instanceof Response) return answer
      const data = JSON.stringify({ errcode: 0, errmsg: 'ok', ...(answer as object) })
      if (failure === 'truncated') return new Response(data.slice(0, data.length >> 1), { headers: { 'content-type': 'application/json' } })
      return new Response(data, { headers: { 'content-type': 'application/json; encoding=utf-8' } })
    } catch (e) {
      if (!(e instanceof FakeApiError)) throw e
      errcode = e.errcode
      s.stats.errcodes[errcode] = (s.stats.errcodes[errcode] ?? 0) + 1
      failed = { rid: s.rid(), errmsg: e.errmsg }
      return json({ errcode, errmsg: `${e.errmsg} rid: ${failed.rid}`, ...e.extra })
    } finally {
      if (route.auth !== false) {
        const q = Object.fromEntries(query)
        for (const k of ['access_token', 'refresh_token', 'secret']) if (q[k]) q[k] = '***'
        s.log.push({ method: request.method, path, query: q, body: body instanceof FormData ? '[FormData]' : body instanceof Uint8Array ? `[${body.length} bytes]` : body, errcode, ...failed })
      }
    }
  }

  async function control(s: FakeState, what: string, request: Request): Promise<Response> {
    if (what === 'tenants' && request.method === 'POST') {
      const o = (await request.json().catch(() => ({}))) as FakeOptions
      const id = `${++next}${Math.random().toString(36).slice(2, 8)}`
      tenants.set(id, new FakeState(o))
      return json({ id, base: `/t/${id}` })
    }
    if (what === 'stats') return json(s.stats)
    if (what === 'requests') return json(s.log)
    if (what === 'deliveries') return json(s.deliveries)
    if (what === 'pushes') return json(s.pushes)
    if (what === 'data') return json(s.data)
    if (what === 'control' && request.method === 'POST') {
      const c = (await request.json()) as FakeControl
      if (c.action === 'jsconfig') return json(await checkJsConfig(s, c.url, c.config))
      try {
        return json(applyControl(s, c) ?? { ok: true })
      } catch (e) {
        if (!(e instanceof FakeApiError)) throw e
        return json({ errcode: e.errcode, errmsg: e.errmsg }, 400)
      }
    }
    return json({ errcode: 404, errmsg: `unknown control ${what}` }, 404)
  }

  return Object.assign(serve, { state, tenants })
}

/**
 * Applies one control request to a fake account.
 *
 * @example
 * applyControl(handler.state, { action: 'fail', what: 45009 })
 */
export function applyControl(s: FakeState, c: Exclude<FakeControl, { action: 'jsconfig' }>): { code: string } | void {
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
      s.failNext(c.what, c.n, c.path)
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
      if (c.push !== undefined) s.push = c.push ?? undefined
  }
}
