import { getAccessToken, isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { brokerTokenSource, createTokenBroker } from '../src/index.ts'
import { SECRET, closeAll, listen, setup } from './_broker.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('createTokenBroker', () => {
  it('serves the owner’s token with its expiry; no-store', async () => {
    const { owner, url } = await setup()
    const res = await fetch(url, { headers: { authorization: `Bearer ${SECRET}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as any
    expect(body.appid).toBe(owner.appid)
    expect(body.access_token).toBe(await getAccessToken(owner))
    expect(body.expires_in).toBeGreaterThan(7000)
    expect(body.expires_at).toBeGreaterThan(Date.now() + 7_000_000)
  })

  it('401 without the secret, with a wrong one, a longer one, or another scheme; no token request', async () => {
    const { fake, url } = await setup({ clientKey: 'x-forwarded-for' })
    const cases = [undefined, 'Bearer nope', `Bearer ${SECRET}x`, `Basic ${SECRET}`, `Bearer ${SECRET.slice(0, -1)}`, `Bearer ${SECRET} ${SECRET}`]
    for (const [i, authorization] of cases.entries()) {
      // One client each: a client's second failure in a row would meet 429 (tested below).
      const res = await fetch(url, { headers: { 'x-forwarded-for': `10.0.0.${i}`, ...(authorization ? { authorization } : {}) } })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer')
      expect(await res.text()).not.toMatch(/access_token|ACCESS/i)
    }
    expect((await fetch(url, { method: 'DELETE', headers: { authorization: `Bearer ${SECRET}` } })).status).toBe(405)
    expect((await fake.stats()).tokenRequests).toBe(0)
  })

  it('rotation: any of several secrets; or a custom authorize function', async () => {
    const { ctx } = await useFake()
    const [old, next] = [`old-${SECRET}`, `new-${SECRET}`]
    const url = await listen(createTokenBroker(ctx(), { authorize: [old, next] }))
    for (const s of [old, next]) expect((await fetch(url, { headers: { authorization: `Bearer ${s}` } })).status).toBe(200)
    const url2 = await listen(createTokenBroker(ctx(), { authorize: (r) => r.headers.get('x-internal') === 'yes' }))
    expect((await fetch(url2, { headers: { 'x-internal': 'yes' } })).status).toBe(200)
    expect((await fetch(url2)).status).toBe(401)
    const url3 = await listen(createTokenBroker(ctx(), { authorize: () => { throw new Error('boom') } }))
    expect((await fetch(url3)).status).toBe(500)
  })

  it('refuses to start without a secret, or with one under 32 bytes or with whitespace inside', async () => {
    const { ctx } = await useFake()
    for (const authorize of [undefined, '', [], ['']] as any[]) expect(() => createTokenBroker(ctx(), { authorize })).toThrow(/authorize|32 bytes/)
    for (const authorize of ['a', 'x'.repeat(31), ` ${'x'.repeat(31)}\n`, `${'x'.repeat(20)} ${'x'.repeat(20)}`, [SECRET, 'short']] as any[]) {
      const e = (() => {
        try {
          createTokenBroker(ctx(), { authorize })
        } catch (e) {
          return e
        }
      })()
      expect(isWxError(e) && e.code === 'wx/config' && /32 bytes/.test(e.message)).toBe(true)
    }
  })

  it('a secret with a trailing newline (from a file or an env var) is trimmed, on either side', async () => {
    const { fake, ctx } = await useFake()
    const url = await listen(createTokenBroker(ctx(), { authorize: `${SECRET}\n` }))
    expect((await fetch(url, { headers: { authorization: `Bearer ${SECRET}` } })).status).toBe(200)
    expect(await brokerTokenSource(url, { appid: fake.appid, secret: `  ${SECRET}\r\n` })()).toMatch(/^ACCESS|./)
  })

  it('502 with a code (no secret, no token) when WeChat refuses the owner', async () => {
    const { fake, ctx } = await useFake()
    await fake.set({ rejectIp: '127.0.0.1' })
    const url = await listen(createTokenBroker(ctx(), { authorize: SECRET }))
    const res = await fetch(url, { headers: { authorization: `Bearer ${SECRET}` } })
    expect(res.status).toBe(502)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ error: 'token_unavailable', code: 'wx/config' })
    expect(text).not.toContain(fake.secret)
  })
})

describe('brokerTokenSource', () => {
  it('10 consumers x 20 concurrent calls: 1 token request at WeChat, 1 broker request per consumer', async () => {
    const { fake, consumer, hits } = await setup()
    const cs = Array.from({ length: 10 }, () => consumer())
    await Promise.all(cs.flatMap((c, j) => Array.from({ length: 20 }, (_, i) => sendText(c, `o_${j}_${i}`, 'hi'))))
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(1)
    expect(stats.deliveries).toBe(200)
    expect(hits.n).toBe(10)
  })

  it('a rejected token reported by 10 callers at once: the broker refreshes once, all get the new one', async () => {
    const { fake, owner, url } = await setup()
    const source = brokerTokenSource(url, { appid: owner.appid, secret: SECRET })
    const first = await source()
    await fake.revokeTokens()
    const next = await Promise.all(Array.from({ length: 10 }, () => source(undefined, first)))
    expect(new Set(next).size).toBe(1)
    expect(next[0]).not.toBe(first)
    expect(next[0]).toBe(await getAccessToken(owner))
    expect(await source(undefined, first)).toBe(next[0]) // a late report of the old token changes nothing
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a report arriving while a plain read is in flight does not join it: the rejected token reaches the broker', async () => {
    const { fake, owner, source: make, hits } = await setup()
    // A slow network between consumer and broker (200 ms per request), over real HTTP.
    const slow: typeof fetch = async (input, init) => (await sleep(200), fetch(input, init))
    const source = make({ maxAge: 100, fetch: slow })
    const first = await source()
    await sleep(150) // maxAge passed: the next call reads again
    const read = source()
    await fake.revokeTokens()
    const next = await source(undefined, first) // what core does after WeChat rejected `first`
    expect(next).not.toBe(first)
    expect(next).toBe(await getAccessToken(owner))
    await read
    expect(hits.methods).toEqual(['GET', 'GET', 'POST'])
  })

  it("a read that starts after a report but answers first does not hand the reporter back the token it reported", async () => {
    const { fake, owner, source: make } = await setup()
    // Reports are slow (the broker refreshes with WeChat), reads fast: the read answers first, still T1.
    const slowReports: typeof fetch = async (input, init) => (init?.method === 'POST' && (await sleep(300)), fetch(input, init))
    const source = make({ maxAge: 100, fetch: slowReports })
    const first = await source()
    await fake.revokeTokens()
    const report = source(undefined, first) // what core does after WeChat rejected `first`
    await sleep(150) // maxAge passed: a plain read goes out now, and answers before the report
    await source()
    const next = await report
    expect(next).not.toBe(first)
    expect(next).toBe(await getAccessToken(owner))
    expect(await source()).toBe(next) // and the cache holds the new token, not the rejected one
  })

  it('a silent broker is waited out once: the cached token is then served without asking for min(maxAge, 30 s)', async () => {
    const { fake, ctx } = await useFake()
    const broker = createTokenBroker(ctx(), { authorize: SECRET })
    let silent = false
    let asked = 0
    const url = await listen(async (r) => (asked++, silent ? (await sleep(1000), new Response(null, { status: 503 })) : broker(r)))
    const source = brokerTokenSource(url, { appid: fake.appid, secret: SECRET, maxAge: 400, timeout: 100 })
    const t = await source()
    silent = true
    await sleep(450)
    expect(await source()).toBe(t) // waited out the timeout once
    expect(await Promise.all([source(), source()])).toEqual([t, t])
    expect(asked).toBe(2) // served from the cache: the timeout is not waited out again
    await sleep(450) // the quiet period is over: asked again
    expect(await source()).toBe(t)
    expect(asked).toBe(3)
  })

  it('a report of a token that is no longer current does not refresh (compare-and-invalidate)', async () => {
    const { fake, url, source } = await setup()
    const a = source()
    const b = source()
    await a()
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: JSON.stringify({ rejected: 'SOME_OLD_TOKEN' }) })
    expect(res.status).toBe(200)
    await b(undefined, 'SOME_OLD_TOKEN')
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it('wrong secret: wx/token with status 401; broker down: wx/token; cached token survives the outage', async () => {
    const { fake, source: make } = await setup()
    const wrong = 'wrong-secret-wrong-secret-wrong-secret'
    const e = await make({ secret: wrong })().catch((e) => e)
    expect(isWxError(e) && e.code === 'wx/token' && e.status === 401).toBe(true)
    expect(String(e)).not.toContain(wrong)
    const down = await brokerTokenSource('http://127.0.0.1:9/token', { appid: fake.appid, secret: SECRET })().catch((e) => e)
    expect(isWxError(down) && down.code === 'wx/token').toBe(true)
    // maxAge 0: asks every time, but keeps the cached token when the broker is unreachable.
    const source = make({ maxAge: 0 })
    const t = await source()
    await closeAll()
    expect(await source()).toBe(t)
  })

  it('a broker answering 5xx, 429 or a page that is not JSON is away: the cached token is served; 401, 403 and refusals still throw', async () => {
    const { fake, ctx } = await useFake()
    const broker = createTokenBroker(ctx(), { authorize: SECRET })
    // A load balancer in front of the broker: its own answer while the broker is away.
    let away: (() => Response) | undefined
    const url = await listen(async (r) => (away ? away() : broker(r)))
    const source = brokerTokenSource(url, { appid: fake.appid, secret: SECRET, maxAge: 0 }) // asks every time
    const t = await source()
    const outages = [
      () => new Response('<html>503 Service Unavailable</html>', { status: 503 }),
      () => new Response(JSON.stringify({ error: 'token_unavailable', code: 'wx/token' }), { status: 502 }), // the broker when WeChat is down
      () => new Response(null, { status: 500 }),
      () => new Response(JSON.stringify({ error: 'too_many_failures' }), { status: 429, headers: { 'retry-after': '1' } }),
      () => new Response('<html>please log in to the captive portal</html>', { status: 200 }),
    ]
    for (const answer of outages) {
      away = answer
      expect(await source()).toBe(t)
    }
    const refusals: [() => Response, string, number?][] = [
      [() => new Response(JSON.stringify({ error: 'unauthorized' }), { status: 401 }), 'wx/token', 401],
      [() => new Response('forbidden', { status: 403 }), 'wx/token', 403],
      [() => Response.json({ appid: 'wx_other', access_token: 'OTHER', expires_at: Date.now() + 7_000_000 }), 'wx/config'],
      [() => Response.json({ appid: fake.appid, access_token: 'OLD', expires_at: Date.now() + 5_000 }), 'wx/token', 200],
      [() => Response.json({ appid: fake.appid, access_token: 'T'.repeat(5000), expires_at: Date.now() + 7_000_000 }), 'wx/token', 200],
    ]
    for (const [answer, code, status] of refusals) {
      away = answer
      const e = await source().catch((e) => e)
      expect(isWxError(e) && e.code === code && e.status === status).toBe(true)
    }
    // Nothing cached: the outage is the caller's error, with the status.
    away = outages[0]
    const e = await brokerTokenSource(url, { appid: fake.appid, secret: SECRET })().catch((e) => e)
    expect(isWxError(e) && e.code === 'wx/token' && e.status === 503).toBe(true)
    away = undefined
    expect(await source()).toBe(t)
  })

  it('a caller arriving just after the last waiter gave up starts a new request instead of inheriting the abort', async () => {
    const { owner, source: make } = await setup()
    const current = await getAccessToken(owner) // the owner's side is not what this test is about
    // The second caller with no signal, or with its own that has not fired.
    for (const signal of [undefined, AbortSignal.timeout(5000)]) {
      const source = make() // nothing cached
      const ac = new AbortController()
      const gone = source(ac.signal).catch((e) => e)
      ac.abort()
      expect(await source(signal)).toBe(current)
      expect((await gone).code).toBe('wx/aborted')
    }
  })

  it('an aborted signal rejects with wx/aborted', async () => {
    const { source } = await setup()
    const e = await source()(AbortSignal.abort()).catch((e) => e)
    expect(isWxError(e) && e.code === 'wx/aborted').toBe(true)
  })

  it('a consumer whose token WeChat revoked recovers on the automatic repeat (the rejected token reaches the broker)', async () => {
    const { fake, consumer } = await setup()
    const c = consumer()
    await sendText(c, 'o_user', 'warm')
    await fake.revokeTokens()
    await sendText(c, 'o_user', 'after revoke')
  })
})
