// Dedupe across instances: two push handlers over real HTTP sharing one store, the store contract, leases.
import { createPushHandler, memoryDedupeStore, textReply, type DedupeStore, type PushHandlerOptions } from '@wx/server'
import { toNodeListener } from '@wx/server/node'
import { runDedupeStoreContract } from '@wx/testing'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'

const cfg = { token: 'fleettoken', appid: 'wx_fleet_app', encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }

runDedupeStoreContract({ describe, it, expect }, 'memoryDedupeStore', () => memoryDedupeStore(), { requireLease: true })

const servers: ReturnType<typeof createServer>[] = []
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))))

/** One instance: a push handler served by node:http on 127.0.0.1; resolves its base URL. */
async function instance(o: Partial<PushHandlerOptions> & Pick<PushHandlerOptions, 'onMessage'>) {
  const errors: unknown[] = []
  const handler = createPushHandler({ ...cfg, onError: (e) => errors.push(e), ...o })
  const server = createServer(toNodeListener(handler))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, handler, errors }
}

/** A gate an `onMessage` waits on: `entered` resolves when it got there, `open(fail?)` lets it go on. */
function gate() {
  let enter!: () => void
  let open!: (fail: boolean) => void
  const entered = new Promise<void>((r) => (enter = r))
  const opened = new Promise<boolean>((r) => (open = r))
  return {
    entered,
    open,
    async pass() {
      enter()
      if (await opened) throw new Error('the first delivery failed')
    },
  }
}

/** One encrypted push, as WeChat sends it (and its retries: the same request again) to any instance. */
async function wechatPush(content: string, msgId: string) {
  const req = await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: content, MsgId: msgId, FromUserName: 'o_fleet' } })
  const { pathname, search } = new URL(req.url)
  const body = await req.text()
  return (base: string) => fetch(`${base}${pathname}${search}`, { method: 'POST', body })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('two instances sharing one dedupe store, over HTTP', () => {
  it("WeChat's retry reaching B while A still runs is 503; after A failed, the next retry is handled by B", async () => {
    const shared = memoryDedupeStore()
    const first = gate()
    const handledByB: string[] = []
    const a = await instance({ dedupe: shared, onMessage: () => first.pass() })
    const b = await instance({ dedupe: shared, onMessage: (m) => (handledByB.push(m.type), textReply('saved by B')) })
    const send = await wechatPush('slow', '900001')

    const toA = send(a.url)
    await first.entered
    expect((await send(b.url)).status).toBe(503) // the first pass answered `success`: the push was lost
    expect(handledByB).toEqual([])
    first.open(true)
    expect((await toA).status).toBe(500)
    expect(await readPushReply(await send(b.url), cfg)).toContain('saved by B')
    expect(handledByB).toEqual(['text'])
  })

  it('after A succeeded, a retry reaching B is success without running onMessage again', async () => {
    const shared = memoryDedupeStore()
    const first = gate()
    let calls = 0
    const a = await instance({ dedupe: shared, onMessage: async () => (calls++, await first.pass(), textReply('from A')) })
    const b = await instance({ dedupe: shared, onMessage: () => void calls++ })
    const send = await wechatPush('slow', '900002')

    const toA = send(a.url)
    await first.entered
    expect((await send(b.url)).status).toBe(503)
    first.open(false)
    expect(await readPushReply(await toA, cfg)).toContain('from A')
    const retry = await send(b.url)
    expect([retry.status, await retry.text()]).toEqual([200, 'success'])
    expect(calls).toBe(1)
  })

  it('work A handed to waitUntil (replyLater) counts as handled at once: a retry reaching B is success while it still runs', async () => {
    const shared = memoryDedupeStore()
    const work = gate()
    let calls = 0
    const a = await instance({ dedupe: shared, onMessage: (_m, push) => void (calls++, push.waitUntil(work.pass())) })
    const b = await instance({ dedupe: shared, onMessage: () => void calls++ })
    const send = await wechatPush('later', '900003')

    expect(await (await send(a.url)).text()).toBe('success')
    await work.entered
    expect(await (await send(b.url)).text()).toBe('success')
    work.open(false)
    await a.handler.drain()
    expect(calls).toBe(1)
  })

  it('onMessage throwing after handing work off keeps the key on the other instance too (the retry cannot send twice)', async () => {
    const shared = memoryDedupeStore()
    let calls = 0
    const a = await instance({
      dedupe: shared,
      onMessage: (_m, push) => {
        calls++
        push.waitUntil(Promise.resolve())
        throw new Error('a later middleware failed')
      },
    })
    const b = await instance({ dedupe: shared, onMessage: () => void calls++ })
    const send = await wechatPush('handed off', '900004')
    expect((await send(a.url)).status).toBe(500)
    expect(await (await send(b.url)).text()).toBe('success')
    expect(calls).toBe(1)
  })
})

describe('the running lease', () => {
  const lease = 0.3

  it('is renewed while onMessage runs: B still answers 503 after several leases', async () => {
    const shared = memoryDedupeStore()
    const first = gate()
    let calls = 0
    const a = await instance({ dedupe: shared, dedupeLeaseSeconds: lease, onMessage: async () => (calls++, await first.pass(), undefined) })
    const b = await instance({ dedupe: shared, dedupeLeaseSeconds: lease, onMessage: () => void calls++ })
    const send = await wechatPush('very slow', '900010')

    const toA = send(a.url)
    await first.entered
    await sleep(lease * 3 * 1000)
    expect((await send(b.url)).status).toBe(503)
    first.open(false)
    expect((await toA).status).toBe(200)
    expect(await (await send(b.url)).text()).toBe('success')
    expect(calls).toBe(1)
  })

  it('of an instance that died mid-delivery runs out: a retry after the lease is handled by B', async () => {
    const shared = memoryDedupeStore()
    // A's store calls stop arriving once A "dies" (its renewals, done and release never reach the store).
    let alive = true
    const reaches = <T,>(call: () => T) => (alive ? call() : new Promise<never>(() => {}))
    const dying: DedupeStore = {
      claim: (k, ttl, l, o) => reaches(() => shared.claim(k, ttl, l, o)),
      renew: (k, l, o) => reaches(() => shared.renew!(k, l, o)),
      done: (k, ttl) => reaches(() => shared.done!(k, ttl)),
      release: (k, o) => reaches(() => shared.release!(k, o)),
    }
    const first = gate()
    const handledByB: string[] = []
    const a = await instance({ dedupe: dying, dedupeLeaseSeconds: lease, storeTimeoutMs: 100, onMessage: () => first.pass() })
    const b = await instance({ dedupe: shared, dedupeLeaseSeconds: lease, onMessage: (m) => void handledByB.push(m.type) })
    const send = await wechatPush('crash', '900011')

    void send(a.url).catch(() => {})
    await first.entered
    alive = false
    expect((await send(b.url)).status).toBe(503) // still within the lease
    await sleep(lease * 1000 + 150)
    expect(await (await send(b.url)).text()).toBe('success')
    expect(handledByB).toEqual(['text'])
    first.open(false)
  })

  it("A's lease ran out while A was alive (its store failed on renew); B took the push over; A's failure must not free B's claim: a third try is 503 while B runs", async () => {
    const shared = memoryDedupeStore()
    // A reaches the shared store for everything but `renew` (a store that fails only there: A's lease runs out while A still runs).
    const renewFails: DedupeStore = {
      claim: (k, ttl, l, o) => shared.claim(k, ttl, l, o),
      renew: () => Promise.reject(new Error('renew: store unavailable')),
      done: (k, ttl) => shared.done!(k, ttl),
      release: (k, o) => shared.release!(k, o),
    }
    const [first, second] = [gate(), gate()]
    const calls: string[] = []
    let inside = 0 // onMessage runs of B and C under way
    let mostAtOnce = 0
    const tracked = (name: string, wait: () => Promise<void>) => async () => {
      calls.push(name)
      mostAtOnce = Math.max(mostAtOnce, ++inside)
      try {
        await wait()
      } finally {
        inside--
      }
    }
    const a = await instance({ dedupe: renewFails, dedupeLeaseSeconds: lease, onMessage: async () => (calls.push('A'), await first.pass()) })
    const b = await instance({ dedupe: shared, dedupeLeaseSeconds: lease, onMessage: tracked('B', () => second.pass()) })
    const c = await instance({ dedupe: shared, dedupeLeaseSeconds: lease, onMessage: tracked('C', async () => {}) })
    const send = await wechatPush('pay 100', '900012')

    const toA = send(a.url)
    await first.entered
    await sleep(lease * 1000 + 150) // A's lease ran out (its renewals failed) while A still runs
    const toB = send(b.url) // WeChat's retry reached B: it takes the push over (at least once)
    await second.entered
    first.open(true) // A fails and releases its claim
    expect((await toA).status).toBe(500)
    expect(a.errors.some((e) => /renew/.test(String(e)))).toBe(true)
    expect((await send(c.url)).status).toBe(503) // WeChat's next try, B still running: not a third run
    second.open(false)
    expect((await toB).status).toBe(200)
    expect(await (await send(c.url)).text()).toBe('success')
    expect(calls).toEqual(['A', 'B'])
    expect(mostAtOnce).toBe(1)
  })

  it('dedupeLeaseSeconds must be above 0 and at most a day (a longer one would overflow the renewal timer into a tight loop)', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 86_401, 1e7, '4'])
      expect(() => createPushHandler({ ...cfg, dedupeLeaseSeconds: bad as number, onMessage: () => undefined }), String(bad)).toThrow(/dedupeLeaseSeconds/)
  })
})

describe('one instance, whatever its stores answer (review of the leased dedupe)', () => {
  it("a retry of a push this handler still runs is 503 even when the store evicted its claim (memoryDedupeStore's max)", async () => {
    const first = gate()
    let calls = 0
    // The first call (the slow push) waits at the gate; the others pass.
    const a = await instance({ dedupe: memoryDedupeStore({ max: 1 }), onMessage: async () => (++calls === 1 ? await first.pass() : undefined) })
    const send = await wechatPush('slow', '900020')
    const toA = send(a.url)
    await first.entered
    expect((await (await wechatPush('other', '900021'))(a.url)).status).toBe(200) // evicts the slow push's claim
    expect((await send(a.url)).status).toBe(503)
    first.open(false)
    expect((await toA).status).toBe(200)
    expect(calls).toBe(2)
  })

  it('a retry of a push this handler still runs is 503 even when its claim missed storeTimeoutMs', async () => {
    const mem = memoryDedupeStore()
    let slowOnce = false
    const store: DedupeStore = {
      claim: (k, t, l, o) => (slowOnce ? ((slowOnce = false), new Promise((r) => setTimeout(() => r(mem.claim(k, t, l, o)), 400))) : mem.claim(k, t, l, o)),
      renew: (k, l, o) => mem.renew!(k, l, o),
      done: (k, t) => mem.done!(k, t),
      release: (k, o) => mem.release!(k, o),
    }
    const first = gate()
    let calls = 0
    const a = await instance({ dedupe: store, storeTimeoutMs: 100, onMessage: async () => (calls++, await first.pass(), undefined) })
    const send = await wechatPush('slow', '900022')
    const toA = send(a.url)
    await first.entered
    slowOnce = true
    expect((await send(a.url)).status).toBe(503)
    expect(calls).toBe(1)
    first.open(false)
    expect((await toA).status).toBe(200)
  })

  it("a replay store that misses its deadline on the body's claim lets WeChat's retry through (handled as new, not a 400 replay)", async () => {
    const plain = { token: 'plaintoken', appid: 'wx_plain_app' }
    const mem = memoryDedupeStore()
    let hiccup = false
    const replay: DedupeStore = {
      claim: (k, t) => (hiccup ? ((hiccup = false), new Promise((r) => setTimeout(() => r(mem.claim(k, t)), 400))) : mem.claim(k, t)),
      release: (k) => mem.release!(k),
    }
    let runs = 0
    const errors: unknown[] = []
    const handler = createPushHandler({
      ...plain, replay, storeTimeoutMs: 100, onError: (e) => errors.push(e),
      onMessage: () => {
        if (++runs === 1) throw new Error('the first delivery fails')
      },
    })
    const req = await buildPushRequest({ ...plain, message: { MsgType: 'text', Content: 'hi', FromUserName: 'o_u' } })
    const body = await req.text()
    const send = () => handler(new Request(req.url, { method: 'POST', body }))
    expect((await send()).status).toBe(500)
    hiccup = true
    expect((await send()).status).toBe(200)
    expect(runs).toBe(2)
  })

  it('a replay store that missed its deadline on the first delivery still records the pair: another body under that signature is refused', async () => {
    const plain = { token: 'plaintoken', appid: 'wx_plain_app' }
    const mem = memoryDedupeStore()
    let hiccup = true
    const replay: DedupeStore = {
      claim: (k, t) => (hiccup ? ((hiccup = false), new Promise((r) => setTimeout(() => r(mem.claim(k, t)), 300))) : mem.claim(k, t)),
      release: (k) => mem.release!(k),
    }
    const seen: string[] = []
    const handler = createPushHandler({ ...plain, replay, storeTimeoutMs: 100, onError: () => {}, onMessage: (m) => void seen.push((m as { Content: string }).Content) })
    const real = await buildPushRequest({ ...plain, nonce: '12345', message: { MsgType: 'text', Content: 'real message', FromUserName: 'o_victim', MsgId: '7000000000000000001' } })
    expect((await handler(new Request(real.url, { method: 'POST', body: await real.text() }))).status).toBe(200)
    await sleep(400) // the late claim landed
    const forged = await buildPushRequest({ ...plain, message: { MsgType: 'text', Content: 'FORGED', FromUserName: 'o_victim', MsgId: '7000000000000000999' } })
    expect((await handler(new Request(real.url, { method: 'POST', body: await forged.text() }))).status).toBe(400)
    expect(seen).toEqual(['real message'])
  })
})
