// brokerTokenSource within a call's deadline: a broker too slow for the call gives way to the cached token
// (never an expired or rejected one); with nothing cached the call waits up to its deadline and leaves nothing behind.
import { createContext, withDeadline } from '@wx/core'
import { sendText } from '@wx/message'
import { describe, expect, it } from 'vitest'
import { rejection, useFake } from '../../../test/fake.ts'
import { brokerTokenSource, createTokenBroker } from '../src/index.ts'
import { SECRET, listen } from './_broker.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const answer = (appid: string, token: string, lifeMs = 7_000_000) => Response.json({ appid, access_token: token, expires_at: Date.now() + lifeMs })
/** Timers alive in this process (the broker, the fake WeChat and the test run in it). */
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

/**
 * A broker on real HTTP that answers with `respond` until `hang()`; then each request waits until its client
 * goes away (counted in `gone`) or `release()` (then answered by `respond` again). No timer of its own.
 */
async function brokerThatHangs(respond: (r: Request) => Promise<Response> | Response) {
  const seen = { asked: 0, methods: [] as string[], gone: 0 }
  let hanging = false
  let release = () => {}
  let released = new Promise<void>((r) => (release = r))
  const url = await listen(async (r) => {
    seen.asked++
    seen.methods.push(r.method)
    if (hanging) {
      const gone = new Promise<void>((ok) => r.signal.addEventListener('abort', () => (seen.gone++, ok()), { once: true }))
      await Promise.race([gone, released])
      if (r.signal.aborted) return new Response(null, { status: 503 })
    }
    return respond(r)
  })
  return {
    url,
    seen,
    hang: () => {
      hanging = true
      released = new Promise<void>((r) => (release = r))
    },
    release: () => ((hanging = false), release()),
  }
}

/** A consumer context reading its token from a broker (over real HTTP) that owns a fake account. */
async function consumerOfHangingBroker(sourceOptions: { maxAge?: number; timeout?: number; cachedWait?: number } = {}) {
  const { fake, ctx } = await useFake()
  const broker = createTokenBroker(ctx(), { authorize: SECRET })
  const b = await brokerThatHangs(broker)
  const source = brokerTokenSource(b.url, { appid: fake.appid, secret: SECRET, ...sourceOptions })
  const consumer = createContext({ appid: fake.appid, baseURL: fake.baseURL, getAccessToken: source })
  return { fake, consumer, source, ...b }
}

describe('brokerTokenSource within the deadline of a call', () => {
  it('a broker slower than the call can afford: the call goes on with the cached token after 500 ms; later calls do not wait', async () => {
    // The broker client's own timeout (3 s) is longer than the call's (1.5 s): it cannot be what saves the call.
    // maxAge 1 s: also how long the cached token is then served without asking (the quiet period, at most maxAge).
    const { fake, consumer, seen, hang, release } = await consumerOfHangingBroker({ maxAge: 1000, timeout: 3000 })
    await sendText(consumer, 'o_user', 'warm')
    await sleep(1050) // past maxAge: the next call asks the broker
    hang()
    const t0 = Date.now()
    await sendText(consumer, 'o_user', 'within 1.5 s', { timeout: 1500 })
    const took = Date.now() - t0
    expect(took).toBeGreaterThanOrEqual(450)
    expect(took).toBeLessThan(1200) // the call kept ~1 s of its 1.5 s for WeChat
    const t1 = Date.now()
    await sendText(consumer, 'o_user', 'no wait', { timeout: 1500 })
    expect(Date.now() - t1).toBeLessThan(400) // the broker counts as away for the quiet period: not waited for again
    expect(seen.asked).toBe(2)
    expect((await fake.stats()).tokenRequests).toBe(1)
    release()
  })

  it('the call that takes the cached token ends the request: nothing of the source keeps the process alive up to timeout', async () => {
    const { fake } = await useFake()
    let token = 'T1'
    const b = await brokerThatHangs(() => answer(fake.appid, token))
    // The default timeout (10 s): what a request left running would keep the process alive for.
    const source = brokerTokenSource(b.url, { appid: fake.appid, secret: SECRET, maxAge: 1000 })
    expect(await source()).toBe('T1')
    await sleep(1050) // past maxAge: the next call asks the broker
    b.hang()
    token = 'T2'
    const before = timers()
    const t0 = Date.now()
    expect(await source()).toBe('T1')
    const returned = Date.now()
    expect(returned - t0).toBeLessThan(1500)
    // The broker sees its client go away right after the call returned (within 3 s even on a loaded
    // machine; left running, the request would stay 10 s), and the source's timer is gone with it.
    while (b.seen.gone === 0 && Date.now() - returned < 3000) await sleep(20)
    expect(b.seen.gone).toBe(1)
    await sleep(20)
    expect(timers()).toBeLessThanOrEqual(before)
    // The broker counts as away for the quiet period (maxAge here): the cached token, without asking.
    const t1 = Date.now()
    expect(await source(AbortSignal.timeout(2000))).toBe('T1')
    expect(Date.now() - t1).toBeLessThan(300)
    expect(b.seen.asked).toBe(2)
    b.release()
    await sleep(1050) // past the quiet period: asked again, and the broker's new token is taken
    expect(await source()).toBe('T2')
    expect(b.seen.asked).toBe(3)
  })

  it("a caller's explicit abort still ends the call as wx/aborted, cached token or not", async () => {
    const { consumer, hang, release } = await consumerOfHangingBroker({ maxAge: 100, timeout: 3000 })
    await sendText(consumer, 'o_user', 'warm')
    await sleep(150)
    hang()
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 100)
    const e = await rejection(sendText(consumer, 'o_user', 'stopped', { signal: ac.signal, timeout: 5000 }))
    expect(e.code).toBe('wx/aborted')
    release()
  })

  it('a token with under 30 s left is never handed out for a slow broker: the call times out', async () => {
    const { fake } = await useFake()
    const b = await brokerThatHangs(() => answer(fake.appid, 'SHORT', 30_600))
    const source = brokerTokenSource(b.url, { appid: fake.appid, secret: SECRET })
    expect(await source()).toBe('SHORT') // under a minute left: asked again on every call
    await sleep(900) // now under 30 s left
    b.hang()
    const e = await rejection(source(AbortSignal.timeout(1000)))
    expect(e.code).toBe('wx/timeout')
    b.release()
  })

  it('a read never falls back on a token a report named as rejected, while the report waits or after it failed', async () => {
    const { fake } = await useFake()
    const b = await brokerThatHangs(() => answer(fake.appid, 'T1'))
    // The broker client's own timeout (300 ms) fires before the callers' deadlines.
    const source = brokerTokenSource(b.url, { appid: fake.appid, secret: SECRET, maxAge: 100, timeout: 300 })
    expect(await source()).toBe('T1')
    await sleep(150)
    b.hang()
    const report = source(AbortSignal.timeout(2000), 'T1').catch((e) => e)
    const read = source(AbortSignal.timeout(2000)).catch((e) => e)
    const [r, p] = await Promise.all([read, report])
    expect(b.seen.methods.slice(1).sort()).toEqual(['GET', 'POST'])
    expect(r).not.toBe('T1')
    expect(r.code).toBe('wx/token')
    expect(p.code).toBe('wx/token')
    b.release()
  })

  it('nothing cached: the call waits for the broker up to its deadline, fails wx/timeout, and leaves no request or timer behind', async () => {
    const { consumer, source, seen, hang, release } = await consumerOfHangingBroker() // the client's timeout: 10 s
    hang()
    const before = timers()
    const t0 = Date.now()
    const e = await rejection(sendText(consumer, 'o_user', 'no token', { timeout: 600 }))
    expect(e.code).toBe('wx/timeout')
    const took = Date.now() - t0
    expect(took).toBeGreaterThanOrEqual(550)
    expect(took).toBeLessThan(1100)
    await sleep(50)
    expect(seen.gone).toBe(1) // the broker saw the request go away
    expect(timers()).toBeLessThanOrEqual(before)
    // The deadline of withDeadline (core's own signal, reason: its timeout) reaches the source as a timeout.
    const e2 = await rejection(withDeadline(consumer, { timeout: 300 }, (signal) => source(signal)))
    expect(e2.code).toBe('wx/timeout')
    await sleep(50)
    expect(seen.gone).toBe(2)
    expect(timers()).toBeLessThanOrEqual(before)
    release()
  })
})

describe('brokerTokenSource timing options', () => {
  it('cachedWait and timeout of Infinity wait (bounded by the call), never fire at once; NaN and negatives are wx/config', async () => {
    let delay = 0
    let n = 0
    const url = await listen(async () => {
      const i = ++n
      await sleep(delay)
      return answer('wx_timing', `TOKEN_${i}`)
    })
    const source = brokerTokenSource(url, { appid: 'wx_timing', secret: SECRET, maxAge: 50, cachedWait: Number.POSITIVE_INFINITY, timeout: Number.POSITIVE_INFINITY })
    expect(await source()).toBe('TOKEN_1')
    await sleep(80) // past maxAge: the next call asks the broker
    delay = 600
    const started = Date.now()
    expect(await source(AbortSignal.timeout(3000))).toBe('TOKEN_2') // waited for the broker, not the cached TOKEN_1
    expect(Date.now() - started).toBeGreaterThanOrEqual(500)
    for (const bad of [{ cachedWait: Number.NaN }, { cachedWait: -1 }, { timeout: 0 }, { timeout: Number.NaN }, { maxAge: Number.NaN }, { timeout: '100' as unknown as number }])
      expect(() => brokerTokenSource(url, { appid: 'wx_timing', secret: SECRET, ...bad }), String(Object.values(bad)[0])).toThrow(
        expect.objectContaining({ code: 'wx/config' }),
      )
  })
})
