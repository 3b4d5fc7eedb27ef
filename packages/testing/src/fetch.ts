/**
 * `@wx/testing/fetch`: the parts of the fake WeChat that need only web APIs, for edge runtimes:
 * the Fetch handler, and a client that controls a fake over HTTP.
 */
import type { FakeControl } from './handler.ts'
import type { FakeDelivery, FakeFailure, FakeOptions, FakePushLog, FakeRequestLog, FakeStats } from './state.ts'

export { createFakeWeChatHandler, applyControl, FAKE_ACTION } from './handler.ts'
export type { FakeControl, FakeHandler } from './handler.ts'
export { FakeState } from './state.ts'
export type { FakeDelivery, FakeFailure, FakeOptions, FakePushLog, FakePushTarget, FakeRequestLog, FakeStats } from './state.ts'
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
  /** The next `n` API calls (optionally only to `path`) fail this way. */
  failNext(what: FakeFailure, n?: number, path?: string): Promise<void>
  reset(keepTokens?: boolean): Promise<void>
  set(o: Omit<Extract<FakeControl, { action: 'set' }>, 'action'>): Promise<void>
  /** Reads (no value) or replaces one domain's records. */
  data(): Promise<Record<string, any>>
  setData(name: string, value: unknown): Promise<void>
}

/**
 * Creates an isolated account on a running fake WeChat (see `createFakeWeChat`) and returns controls
 * that work over HTTP, from Node or any edge runtime.
 *
 * @example
 * const fake = await connectFakeWeChat(process.env.FAKE_WECHAT_URL!)
 * const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.baseURL })
 * await fake.failNext(-1)
 */
export async function connectFakeWeChat(url: string, options: FakeOptions = {}): Promise<RemoteFake> {
  const root = url.replace(/\/+$/, '')
  const o = { appid: 'wx_fake_appid', secret: 'fake_secret', ...options }
  const res = await fetch(`${root}/__fake/tenants`, { method: 'POST', body: JSON.stringify(o) })
  const { base } = (await res.json()) as { base: string }
  const baseURL = root + base
  const get = async (what: string) => (await fetch(`${baseURL}/__fake/${what}`)).json() as Promise<any>
  const control = async (c: FakeControl) => {
    const r = await fetch(`${baseURL}/__fake/control`, { method: 'POST', body: JSON.stringify(c) })
    await r.body?.cancel()
  }
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
    failNext: (what, n, path) => control({ action: 'fail', what, ...(n === undefined ? {} : { n }), ...(path === undefined ? {} : { path }) }),
    reset: (keepTokens) => control({ action: 'reset', ...(keepTokens === undefined ? {} : { keepTokens }) }),
    set: (s) => control({ action: 'set', ...s }),
    setData: (name, value) => control({ action: 'data', name, value }),
  }
}
export { runTokenStoreContract, type ContractRunner, type TokenStoreContractOptions } from './storeContract.ts'
