// Wrongly typed options and arguments (what a JavaScript caller, or a value read from an env var, can
// pass): each is a typed WxError before anything is sent, never a raw TypeError deep inside a call, and
// never a protection silently switched off.
import { callApi, createContext, defineEndpoint, getAccessToken, isWxError, memoryTokenStore, readBytesLimited, redact, type WxError } from '@wx/core'
import { describeErrcode } from '@wx/core/errcodes'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

const SEND = '/cgi-bin/message/custom/send'
const getIp = defineEndpoint({ method: 'GET', path: '/cgi-bin/getcallbackip', retry: 'read' })

/** Calls `f` and returns what it threw or rejected with (synchronous throws included). */
async function failure(f: () => unknown): Promise<WxError> {
  let e: unknown
  try {
    await f()
  } catch (x) {
    e = x
  }
  expect(isWxError(e), `expected a WxError, got ${String(e)}`).toBe(true)
  return e as WxError
}

describe('call options', () => {
  it('null means no options, for every call', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await sendText(c, 'o_user', 'hi', null as never)
    await callApi(c, getIp, null, null)
    expect(typeof (await getAccessToken(c, null))).toBe('string')
    expect((await fake.stats()).deliveries).toBe(1)
  })

  it('a non-object or a signal that is no AbortSignal: wx/config, reported to onError, nothing sent', async () => {
    const { fake, ctx } = await useFake()
    const errors: string[] = []
    const c = ctx({ hooks: { onError: (e) => errors.push(`${e.endpoint} ${e.error.code}`) } })
    for (const opts of [42, 'x', true, { signal: 'x' }, { signal: {} }, { signal: 5 }]) {
      const e = await failure(() => sendText(c, 'o_user', 'hi', opts as never))
      expect(e.code).toBe('wx/config')
      expect(e.message).toMatch(/call options|signal/)
    }
    expect(errors).toEqual(Array(6).fill(`${SEND} wx/config`))
    for (const opts of [42, { signal: 'x' }]) expect((await failure(() => getAccessToken(c, opts as never))).code).toBe('wx/config')
    const stats = await fake.stats()
    expect(stats.deliveries).toBe(0)
    expect(stats.tokenRequests).toBe(0)
  })
})

describe('endpoints', () => {
  it('a missing or misspelled retry class (JavaScript) is a send: after an ambiguous failure it is never resent', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const body = { touser: 'o_user', msgtype: 'text', text: { content: 'hi' } }
    for (const retry of [undefined, 'sned', 'Read']) {
      await fake.failNext('http500', 1, SEND)
      const e = await failure(() => callApi(c, { method: 'POST', path: SEND, retry } as never, { body }))
      expect(e.code, String(retry)).toBe('wx/outcome-unknown')
    }
    // Each was sent once: the 500 came after WeChat may have acted, so none was sent again.
    expect((await fake.stats()).calls[SEND]).toBe(3)
  })

  it('a null request or a null body on an endpoint without schema is no TypeError', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    expect(await callApi(c, getIp, null)).toHaveProperty('ip_list')
    const echo = defineEndpoint({ method: 'POST', path: '/cgi-bin/menu/create', retry: 'idempotent' })
    const e = await callApi(c, echo, { body: null }).catch((x) => x)
    // The fake refuses a menu of `null` (an errcode), but the request itself was built and sent.
    expect(isWxError(e) && e.code).toBe('wx/api')
  })
})

describe('createContext options', () => {
  const base = { appid: 'wx_appid', secret: 'app_secret' }
  const bad: [string, unknown][] = [
    ['no options', undefined],
    ['null options', null],
    ['a number appid', { ...base, appid: 5 }],
    ['an object appid', { ...base, appid: {} }],
    ['a number secret', { ...base, secret: 12345 }],
    ['a Symbol tokenMode', { ...base, tokenMode: Symbol('stable') }],
    ['a Symbol lockLease', { ...base, lockLease: Symbol('x') }],
    ['a string getAccessToken', { appid: 'wx_appid', getAccessToken: 'https://broker' }],
    ['a string fetch', { ...base, fetch: 'x' }],
    ['a transport object', { ...base, transport: {} }],
    ['a tokenStore without get/set', { ...base, tokenStore: {} }],
    ['a number tokenStore', { ...base, tokenStore: 5 }],
    // `tokenStore: useRedis && redisTokenStore(r)`: tokens would silently stay per process, a store error on every refresh.
    ['tokenStore: false', { ...base, tokenStore: false }],
    ['tokenStore: 0', { ...base, tokenStore: 0 }],
    ["tokenStore: ''", { ...base, tokenStore: '' }],
    ['a tokenStore whose lock is no function', { ...base, tokenStore: { ...memoryTokenStore(), lock: true } }],
    ['a hook that is no function', { ...base, hooks: { onError: 'x' } }],
    ['a string retry delay', { ...base, retry: { baseDelay: 'x' } }],
    ['a negative retry budget', { ...base, retry: { budget: -1 } }],
    ['a null-prototype timeout', { ...base, timeout: { json: Object.create(null) } }],
  ]
  it.each(bad)('%s: wx/config', async (_, options) => {
    expect((await failure(() => createContext(options as never))).code).toBe('wx/config')
  })

  it('hooks objects with other fields (a logger) and retry objects with other keys still work', () => {
    class Hooks {
      logger = console
      onError() {}
    }
    for (const o of [{ hooks: { onError: () => {}, name: 'svc' } }, { hooks: new Hooks() }, { retry: { attempts: 3, jitter: true } }])
      expect(() => createContext({ ...base, ...o } as never)).not.toThrow()
  })

  it('null for optional parts means the default: retry, hooks, tokenStore, fetch', async () => {
    const { fake } = await useFake()
    const c = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.baseURL, retry: null, hooks: null, tokenStore: null, fetch: null } as never)
    // A refused connection is retried under the default policy (a null retry once threw a TypeError here).
    await fake.failNext('http500')
    expect(await callApi(c, getIp)).toHaveProperty('ip_list')
  })

  it('null tokenMode and baseURL are the defaults (stable_token, api.weixin.qq.com), not wx/config', async () => {
    const urls: string[] = []
    // A transport that records where the call would go and answers like WeChat, so nothing leaves the machine.
    const transport = async (r: { url: string }) => (urls.push(r.url.split('?')[0]!), new Response(r.url.includes('token') ? '{"access_token":"TOKEN_abcdefgh","expires_in":7200}' : '{"ip_list":[]}'))
    const c = createContext({ appid: 'wx_appid', secret: 'app_secret', tokenMode: null, baseURL: null, transport } as never)
    expect(c.tokenMode).toBe('stable')
    await callApi(c, getIp)
    expect(urls).toEqual(['https://api.weixin.qq.com/cgi-bin/stable_token', 'https://api.weixin.qq.com/cgi-bin/getcallbackip'])
  })
})

describe('helpers', () => {
  it('readBytesLimited refuses a limit that is no number instead of reading an untrusted body whole', async () => {
    for (const max of [undefined, Number.NaN, 'x'])
      expect((await failure(() => readBytesLimited(new Request('http://x/', { method: 'POST', body: 'a'.repeat(100) }), max as never))).code).toBe('wx/validation')
    expect(await readBytesLimited(new Request('http://x/', { method: 'POST', body: 'abc' }), 3)).toHaveLength(3)
  })

  it('redact takes anything as text, and one secret as a string', () => {
    expect(redact(42 as never)).toBe('42')
    expect(redact(undefined as never)).toBe('undefined')
    expect(redact('echo s3cr3t-value', 's3cr3t-value' as never)).toBe('echo ***')
  })

  it('describeErrcode knows only errcodes, not Object.prototype', () => {
    expect(describeErrcode('constructor' as never)).toBeUndefined()
    expect(describeErrcode('__proto__' as never)).toBeUndefined()
    expect(describeErrcode(40001)).toMatch(/token/i)
  })
})
