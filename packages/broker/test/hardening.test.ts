// The broker and its client against careless consumers, a wrong or hostile broker, and guessing.
import { createContext, memoryTokenStore } from '@wx/core'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { rejection, useFake } from '../../../test/fake.ts'
import { brokerTokenSource, createTokenBroker } from '../src/index.ts'
import { SECRET, listen, setup } from './_broker.ts'

const auth = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${SECRET}`, ...extra })
const answer = (o: object) => new Response(JSON.stringify(o), { headers: { 'content-type': 'application/json' } })

describe('brokerTokenSource refuses what it should not trust', () => {
  it('a broker of another account: wx/config, nothing sent on either account', async () => {
    const b = await setup() // account B's broker
    const { fake: a } = await useFake({ appid: 'wx_account_a' }) // account A
    const ctxA = createContext({ appid: a.appid, baseURL: b.fake.baseURL, getAccessToken: brokerTokenSource(b.url, { appid: a.appid, secret: SECRET }) })
    const e = await rejection(sendText(ctxA, 'o_user', 'for A only'))
    expect(e.code).toBe('wx/config')
    expect(e.message).toContain(b.fake.appid)
    expect((await b.fake.stats()).deliveries).toBe(0)
    expect((await a.stats()).deliveries).toBe(0)
  })

  it('an expired token, one about to expire, or an answer without expires_at: wx/token', async () => {
    const { fake } = await useFake()
    for (const expires_at of [Date.now() - 1000, Date.now() + 5_000, undefined, null, 'soon']) {
      const url = await listen(async () => answer({ appid: fake.appid, access_token: 'OLD_TOKEN', expires_at }))
      const e = await rejection(brokerTokenSource(url, { appid: fake.appid, secret: SECRET })())
      expect(e.code).toBe('wx/token')
    }
    const url = await listen(async () => answer({ appid: fake.appid, access_token: 'GOOD', expires_at: Date.now() + 7_000_000 }))
    expect(await brokerTokenSource(url, { appid: fake.appid, secret: SECRET })()).toBe('GOOD')
  })

  it('an answer over 4 KB (5 MB declared, or streamed without a length) is refused unread', async () => {
    const { fake } = await useFake()
    const big = JSON.stringify({ appid: fake.appid, access_token: 'T'.repeat(5_000_000), expires_at: Date.now() + 7_000_000 })
    let sent = 0
    const declared = await listen(async () => answer(JSON.parse(big)))
    const streamed = await listen(async () => {
      const chunk = new TextEncoder().encode('x'.repeat(65_536))
      return new Response(
        new ReadableStream({
          pull(c) {
            if ((sent += chunk.byteLength) > 50_000_000) return c.close()
            c.enqueue(chunk)
          },
        }),
      )
    })
    for (const url of [declared, streamed]) {
      const e = await rejection(brokerTokenSource(url, { appid: fake.appid, secret: SECRET })())
      expect(e.code).toBe('wx/token')
      expect(e.message).toMatch(/more than 4096 bytes/)
    }
    expect(sent).toBeLessThan(5_000_000) // the stream was cancelled, not read to its end
  })

  it('a redirect to another origin is refused; that origin is never asked', async () => {
    const { fake } = await useFake()
    const elsewhere = { n: 0 }
    const other = await listen(async () => (elsewhere.n++, answer({ appid: fake.appid, access_token: 'OTHER', expires_at: Date.now() + 7_000_000 })))
    for (const status of [301, 302, 307, 308]) {
      const url = await listen(async () => new Response(null, { status, headers: { location: other } }))
      const e = await rejection(brokerTokenSource(url, { appid: fake.appid, secret: SECRET })())
      expect(e.code === 'wx/token' && e.status === status).toBe(true)
    }
    expect(elsewhere.n).toBe(0)
  })

  it('plain http: only to a loopback host; appid and a URL are required (wx/config at creation)', () => {
    const make = (url: string, o: object = {}) => () => brokerTokenSource(url, { appid: 'wx1', secret: SECRET, ...o })
    for (const url of ['http://token.internal/', 'http://10.0.0.8:8080/token', 'http://127.example.com/', 'ftp://127.0.0.1/', 'not a url', ''])
      expect(make(url)).toThrow(expect.objectContaining({ code: 'wx/config' }))
    for (const url of ['https://token.internal/', 'http://127.0.0.1:1/', 'http://localhost:1/', 'http://[::1]:1/']) expect(make(url)).not.toThrow()
    expect(make('https://t/', { appid: '' })).toThrow(/appid/)
    expect(make('https://t/', { secret: 'short' })).toThrow(/32 bytes/)
  })

  it("honours the caller's signal: a deadline aborts the broker request (wx/timeout); a caller still waiting keeps it", async () => {
    const { fake } = await useFake()
    const seen = { aborted: 0, started: 0 }
    const url = await listen(async (r) => {
      seen.started++
      r.signal.addEventListener('abort', () => seen.aborted++)
      await new Promise((ok) => setTimeout(ok, 600))
      return answer({ appid: fake.appid, access_token: 'SLOW', expires_at: Date.now() + 7_000_000 })
    })
    const source = brokerTokenSource(url, { appid: fake.appid, secret: SECRET })
    const t0 = Date.now()
    const e = await rejection(source(AbortSignal.timeout(150)))
    expect(e.code).toBe('wx/timeout')
    expect(Date.now() - t0).toBeLessThan(450)
    await new Promise((ok) => setTimeout(ok, 100))
    expect(seen.aborted).toBe(1) // the broker saw the request go away

    // Two callers share one request: the first leaving does not stop it for the second.
    const early = source(AbortSignal.timeout(100))
    const patient = source(AbortSignal.timeout(5000))
    expect((await early.catch((e) => e)).code).toBe('wx/timeout')
    expect(await patient).toBe('SLOW')
    expect(seen.started).toBe(2)
  })
})

describe('createTokenBroker guards the account', () => {
  it('legacy: reported tokens force at most one refresh per 45 s across replicas sharing a store', async () => {
    const { fake, ctx } = await useFake()
    const store = memoryTokenStore()
    const brokers = [0, 1].map(() => createTokenBroker(ctx({ tokenMode: 'legacy', tokenStore: store }), { authorize: SECRET }))
    const replicas = await Promise.all(brokers.map((b) => listen(b)))
    const get = async (url: string) => ((await (await fetch(url, { headers: auth() })).json()) as any).access_token as string
    const report = async (url: string, rejected: string) =>
      ((await (await fetch(url, { method: 'POST', headers: auth(), body: JSON.stringify({ rejected }) })).json()) as any).access_token as string
    const first = await get(replicas[0]!)
    await fake.revokeTokens()
    const second = await report(replicas[0]!, first)
    expect(second).not.toBe(first)
    // A consumer that keeps reporting whatever it gets, to both replicas: no further refresh.
    let current = second
    for (let i = 0; i < 40; i++) current = await report(replicas[i % 2]!, current)
    expect((await fake.stats()).legacyTokenRequests).toBe(2)
    expect(() => createTokenBroker(ctx({ tokenMode: 'legacy' }), { authorize: SECRET, rejectCooldown: 30_000 })).toThrow(/45000/)
  })

  it('stable: the cooldown (here 1 s) passes, then one more refresh is allowed', async () => {
    const { fake, url } = await setup({ rejectCooldown: 1000 })
    const report = async (rejected: string) =>
      ((await (await fetch(url, { method: 'POST', headers: auth(), body: JSON.stringify({ rejected }) })).json()) as any).access_token as string
    const t1 = ((await (await fetch(url, { headers: auth() })).json()) as any).access_token as string
    await fake.revokeTokens()
    const t2 = await report(t1)
    await fake.revokeTokens()
    expect(await report(t2)).toBe(t2) // within the cooldown: no refresh
    await new Promise((ok) => setTimeout(ok, 1100))
    expect(await report(t2)).not.toBe(t2)
    expect((await fake.stats()).tokenRequests).toBe(3)
  })

  it('an authenticated body over 1 KB answers 413 and refreshes nothing; an unauthenticated one is never read', async () => {
    const { fake, url } = await setup()
    const current = ((await (await fetch(url, { headers: auth() })).json()) as any).access_token as string
    const padded = JSON.stringify({ rejected: current, pad: 'x'.repeat(2000) })
    expect((await fetch(url, { method: 'POST', headers: auth(), body: padded })).status).toBe(413)
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(padded))
        c.close()
      },
    })
    expect((await fetch(url, { method: 'POST', headers: auth(), body: chunked, duplex: 'half' } as RequestInit)).status).toBe(413)
    expect((await fetch(url, { method: 'POST', headers: { 'x-forwarded-for': '10.1.1.1' }, body: 'x'.repeat(5_000_000) })).status).toBe(401)
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it('failed authentications are slowed per client: 429 for a while after each failure, longer each time', async () => {
    const { url } = await setup({ clientKey: 'x-forwarded-for' })
    const ask = (client: string, secret: string) => fetch(url, { headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': client } })
    const wrong = 'x'.repeat(40)
    expect((await ask('10.0.0.1', wrong)).status).toBe(401)
    const blocked = await ask('10.0.0.1', wrong) // the next guess is not answered
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await ask('10.0.0.2', wrong)).status).toBe(401) // another client is not affected
    await new Promise((ok) => setTimeout(ok, 300))
    expect((await ask('10.0.0.1', wrong)).status).toBe(401) // second failure in a row: 500 ms
    await new Promise((ok) => setTimeout(ok, 300))
    expect((await ask('10.0.0.1', wrong)).status).toBe(429)
    await new Promise((ok) => setTimeout(ok, 300))
    expect((await ask('10.0.0.1', wrong)).status).toBe(401)
  })

  it('the right secret is never answered 429, whatever others failed before it', async () => {
    const { url } = await setup()
    const ask = (secret: string, headers: Record<string, string> = {}) => fetch(url, { headers: { authorization: `Bearer ${secret}`, ...headers } })
    expect((await ask('wrong')).status).toBe(401)
    expect((await ask(SECRET)).status).toBe(200) // right after, in the same (default: shared) bucket
    expect((await ask('wrong')).status).toBe(429)
    expect((await ask(SECRET)).status).toBe(200)
    // An attacker that keeps failing, naming its victim in headers it can set: the victim is served throughout.
    const stop = Date.now() + 1500
    const attacker = (async () => {
      while (Date.now() < stop) {
        await (await ask('nope', { 'cf-connecting-ip': '10.0.0.7', 'x-real-ip': '10.0.0.7', 'x-forwarded-for': '10.0.0.7' })).text()
        await new Promise((ok) => setTimeout(ok, 10))
      }
    })()
    const seen = new Set<number>()
    while (Date.now() < stop) {
      const res = await ask(SECRET, { 'x-real-ip': '10.0.0.7' })
      await res.text()
      seen.add(res.status)
      await new Promise((ok) => setTimeout(ok, 50))
    }
    await attacker
    expect([...seen]).toEqual([200])
  })

  it('client headers are trusted only when named: cf-connecting-ip, x-real-ip by default are not; x-forwarded-for counts its last entry', async () => {
    const wrong = { authorization: 'Bearer wrong' }
    // Default: one shared bucket, whatever headers the clients send.
    const { url } = await setup()
    expect((await fetch(url, { headers: { ...wrong, 'cf-connecting-ip': '198.51.100.1' } })).status).toBe(401)
    expect((await fetch(url, { headers: { ...wrong, 'cf-connecting-ip': '198.51.100.2', 'x-real-ip': '198.51.100.2' } })).status).toBe(429)
    // x-forwarded-for: a client can write the first entries; the proxy appends the address it saw.
    const { url: proxied } = await setup({ clientKey: 'x-forwarded-for' })
    const from = (xff: string) => fetch(proxied, { headers: { ...wrong, 'x-forwarded-for': xff } })
    expect((await from('10.0.0.7, 198.51.100.1')).status).toBe(401) // the attacker pretends to be 10.0.0.7
    expect((await from('10.0.0.7')).status).toBe(401) // 10.0.0.7 itself is not blocked
    expect((await from('10.0.0.8, 198.51.100.1')).status).toBe(429) // the attacker is, whatever it writes first
    // Any header your proxy sets, by name (case does not matter); or a function.
    const { url: named } = await setup({ clientKey: 'X-Real-IP' })
    expect((await fetch(named, { headers: { ...wrong, 'x-real-ip': '198.51.100.1' } })).status).toBe(401)
    expect((await fetch(named, { headers: { ...wrong, 'x-real-ip': '10.0.0.7' } })).status).toBe(401)
    expect((await fetch(named, { headers: { ...wrong, 'x-real-ip': '198.51.100.1' } })).status).toBe(429)
  })
})
