/**
 * `@wx/testing/fetch`: the parts of the fake WeChat that need only web APIs, for edge runtimes:
 * the Fetch handler, and a client that controls a fake over HTTP.
 */
import type { FakeControl, FakeSettings } from './handler.ts'
import type { FakeData, FakeDelivery, FakeFailure, FakeOptions, FakePushLog, FakeRequestLog, FakeStats } from './state.ts'

export { createFakeWeChatHandler, applyControl, FAKE_ACTION, FakeResetError } from './handler.ts'
export type { FakeControl, FakeHandler, FakeHandlerOptions, FakeSettings } from './handler.ts'
export { allRoutes } from './routes/index.ts'
export { FakeState } from './state.ts'
export type { FakeData, FakeDelivery, FakeFailure, FakeOptions, FakePushLog, FakePushTarget, FakeRequestLog, FakeStats } from './state.ts'
export type { FakeTemplate, FakeTemplateSeed } from './routes/template.ts'
export { FakeApiError, fail, need, bytes, checkOpenid, SPECIAL_OPENIDS } from './route.ts'
export type { FakeRoute, RouteContext } from './route.ts'
export { signPush, encryptPush, buildPushRequest, readPushReply, pushXml, sha1Sorted, type BuildPushOptions, type PushSignature } from './push.ts'

/** A fake account reached over HTTP: the same controls as `createFakeWeChat`'s, but async. */
export interface RemoteFake {
  /** Pass this as `baseURL` to `createContext`. */
  baseURL: string
  appid: string
  secret: string
  stats(): Promise<FakeStats>
  requests(): Promise<FakeRequestLog[]>
  deliveries(): Promise<FakeDelivery[]>
  /** The pushes the fake emitted to `FakeOptions.push` (e.g. `PUBLISHJOBFINISH`). */
  pushes(): Promise<FakePushLog[]>
  /** Every token issued so far answers `code` (default 40001) from now on. */
  revokeTokens(code?: number): Promise<void>
  /** Every token issued so far expires now. */
  expireTokens(): Promise<void>
  /**
   * The next `n` API calls (optionally only to `path`) fail this way; `n = Infinity`: every call until
   * `clearFailures()` or `reset()`. Rejects (HTTP 400) for an `n` that is not a positive integer or
   * Infinity, and for a `path` that is no endpoint of the fake.
   */
  failNext(what: FakeFailure, n?: number, path?: string): Promise<void>
  /** Forgets every pending `failNext` failure, and nothing else. */
  clearFailures(): Promise<void>
  /** Back to the account as created (see `FakeWeChat.reset`); `keepTokens` keeps the tokens issued so far valid. */
  reset(keepTokens?: boolean): Promise<void>
  /** Resolves with the pushes once at least `n` were sent; rejects after `timeoutMs` (default 5000). */
  waitForPushes(n: number, timeoutMs?: number): Promise<FakePushLog[]>
  /** Changes the fake's behaviour until `reset()`. */
  set(o: FakeSettings): Promise<void>
  /** Every domain's records. */
  data(): Promise<Record<string, any>>
  /** Replaces one domain's records or settings (e.g. `setData('template', { templates: { TPL_ORDER_PAID: {} } })`). */
  setData<K extends keyof FakeData>(name: K, value: FakeData[K]): Promise<void>
  /** Revokes every JS-SDK ticket issued so far (of `type`, or both): `getticket` hands out new ones. */
  revokeTickets(type?: 'jsapi' | 'wx_card'): Promise<void>
  /** Every JS-SDK ticket issued so far (of `type`, or both) expires now. */
  expireTickets(type?: 'jsapi' | 'wx_card'): Promise<void>
  /**
   * What the WeChat client would answer a page at `url` calling `wx.config(config)`: `config:ok`, or
   * `config:invalid signature` (signed over another URL, a stale or revoked ticket, a wrong nonce or
   * timestamp), `config:invalid appid`.
   */
  checkJsConfig(url: string, config: object): Promise<{ errMsg: string }>
  /**
   * A user consents on the authorize page: returns the code WeChat would append to `redirect_uri`
   * (single use, valid 5 minutes) for `openid` (default `o_oauth_user`). `GET /connect/oauth2/authorize`
   * on the fake does the same with a 302.
   */
  authorize(o: { scope: 'snsapi_base' | 'snsapi_userinfo'; openid?: string | undefined }): Promise<string>
  /** Every OAuth code, user access token or refresh token issued so far expires now. */
  expireOauth(what: 'code' | 'access_token' | 'refresh_token'): Promise<void>
}

/** The JSON a fake control endpoint answered; rejects, naming `what`, on a status other than 2xx. */
async function answerOf(what: string, pending: Promise<Response>): Promise<any> {
  const res = await pending
  const text = await res.text()
  if (!res.ok) throw new Error(`fake WeChat ${what}: HTTP ${res.status} ${text.slice(0, 200)}`)
  return JSON.parse(text)
}

/**
 * Creates an isolated account on a running fake WeChat (see `createFakeWeChat`) and returns controls
 * that work over HTTP, from Node or any edge runtime. Every control rejects when the fake answers a
 * status other than 2xx (an unknown action, a body that is not JSON).
 *
 * @example
 * const fake = await connectFakeWeChat(process.env.FAKE_WECHAT_URL!)
 * const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.baseURL })
 * await fake.failNext(-1)
 */
export async function connectFakeWeChat(url: string, options?: FakeOptions | null): Promise<RemoteFake> {
  const root = url.replace(/\/+$/, '')
  // `??`: a null appid or secret is the default, as the fake itself reads them.
  const o = { ...options, appid: options?.appid ?? 'wx_fake_appid', secret: options?.secret ?? 'fake_secret' }
  const { base } = (await answerOf(`${root}/__fake/tenants`, fetch(`${root}/__fake/tenants`, { method: 'POST', body: JSON.stringify(o) }))) as { base: string }
  const baseURL = root + base
  const get = (what: string) => answerOf(what, fetch(`${baseURL}/__fake/${what}`))
  const ask = (c: FakeControl) => answerOf(`control ${c.action}`, fetch(`${baseURL}/__fake/control`, { method: 'POST', body: JSON.stringify(c) }))
  const control = async (c: FakeControl) => void (await ask(c))
  const maybe = <T>(k: string, v: T | undefined) => (v === undefined ? {} : { [k]: v })
  const finite = (v: number | undefined) => (v === undefined || Number.isFinite(v) ? v : String(v))
  return {
    baseURL,
    appid: o.appid,
    secret: o.secret,
    stats: () => get('stats'),
    requests: () => get('requests'),
    deliveries: () => get('deliveries'),
    pushes: () => get('pushes'),
    data: () => get('data'),
    revokeTokens: (code) => control({ action: 'revoke', ...(code === undefined ? {} : { code }) }),
    expireTokens: () => control({ action: 'expire' }),
    // JSON has no Infinity (nor NaN): a number that is not finite travels as a string, which the fake
    // reads back as Infinity or refuses, as the Node form does.
    failNext: (what, n, path) => control({ action: 'fail', what, ...maybe('n', finite(n)), ...maybe('path', path) }),
    clearFailures: () => control({ action: 'clearFailures' }),
    waitForPushes: (n, timeoutMs) => ask({ action: 'waitPushes', n: finite(n)!, ...maybe('timeoutMs', finite(timeoutMs)) }),
    reset: (keepTokens) => control({ action: 'reset', ...(keepTokens === undefined ? {} : { keepTokens }) }),
    set: (s) => control({ action: 'set', ...s }),
    setData: (name, value) => control({ action: 'data', name, value }),
    revokeTickets: (type) => control({ action: 'tickets', what: 'revoke', ...maybe('type', type) }),
    expireTickets: (type) => control({ action: 'tickets', what: 'expire', ...maybe('type', type) }),
    checkJsConfig: (url, config) => ask({ action: 'jsconfig', url, config: config as Record<string, unknown> }),
    authorize: async (o) => {
      const r = await ask({ action: 'authorize', ...o })
      if (!r.code) throw new Error(`fake authorize failed: ${r.errmsg}`)
      return r.code
    },
    expireOauth: (what) => control({ action: 'oauth', expire: what }),
  }
}
export { runTokenStoreContract, type ContractRunner, type TokenStoreContractOptions } from './storeContract.ts'
