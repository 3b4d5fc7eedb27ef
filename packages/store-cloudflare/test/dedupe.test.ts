// durableObjectDedupeStore, run in workerd through miniflare: the DedupeStore contract, two push handlers
// (two isolates) sharing it, the secret, and the alarm that deletes expired keys.
import { runDedupeStoreContract } from '@wx/testing'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import type { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DurableObjectDedupeStore } from '../src/index.ts'
import { startWorker } from './_worker.ts'

const STORE_SECRET = 'do-store-secret-0123456789abcdef0123456789'
const cfg = { token: 'cfdedupe', appid: 'wx_cf_dedupe', encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }
const uid = () => Math.random().toString(36).slice(2, 10)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
let mf: Miniflare | undefined

beforeAll(async () => {
  mf = await startWorker('dedupeWorker.ts', ['core', 'message', 'server'], {
    durableObjects: { STORE: 'TokenStoreDurableObject', INSPECT: 'InspectableStoreObject' },
    bindings: { WX_TOKEN_STORE_SECRET: STORE_SECRET, PUSH_TOKEN: cfg.token, PUSH_APPID: cfg.appid, PUSH_AES_KEY: cfg.encodingAESKey },
  })
}, 60_000)
afterAll(async () => {
  await mf?.dispose()
})

const post = async (path: string, body?: unknown) => {
  const res = await mf!.dispatchFetch(`http://worker${path}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  return { status: res.status, body: (await res.json()) as any }
}

/** A DedupeStore whose every method runs inside workerd (Worker -> binding -> Durable Object). */
function remote(which: 'do' | 'do-nosecret' | 'inspect'): DurableObjectDedupeStore {
  const call = async (method: string, ...args: unknown[]) => {
    const { status, body } = await post(`/dedupe/${which}`, { method, args: args.map((a) => (a === Number.POSITIVE_INFINITY ? 'Infinity' : a)) })
    if (status !== 200) throw Object.assign(new Error(body.error), { code: body.code })
    return body.value
  }
  return {
    claim: (k, ttl, lease, owner) => call('claim', k, ttl, ...(lease === undefined ? [] : [lease]), ...(owner === undefined ? [] : [owner])),
    renew: (k, lease, owner) => call('renew', k, lease, ...(owner === undefined ? [] : [owner])),
    done: (k, ttl) => call('done', k, ttl),
    release: (k, owner) => call('release', k, ...(owner === undefined ? [] : [owner])),
  }
}

// Every call is a request into workerd and on to the object (a few ms): 0.5 s leaves the renewals room.
runDedupeStoreContract({ describe, it, expect }, 'durableObjectDedupeStore (workerd via miniflare)', () => remote('do'), {
  requireLease: true,
  shortSeconds: 0.5,
})

describe('two push handlers in workerd sharing durableObjectDedupeStore (two isolates)', () => {
  /** One encrypted push as WeChat sends it, and its retries: the same request again, to handler `a` or `b`. */
  async function wechatPush() {
    const msgId = String(Date.now()) + String(Math.floor(Math.random() * 1000))
    const req = await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'slow', MsgId: msgId, FromUserName: 'o_cf' } })
    const body = await req.text()
    const send = (handler: 'a' | 'b') => mf!.dispatchFetch(`http://worker/push/${handler}${new URL(req.url).search}&id=${msgId}`, { method: 'POST', body })
    const gate = async (open?: 'ok' | 'fail') => (await post(`/gate/${msgId}${open ? `/${open}` : ''}`)).body as { state: string; calls: string[]; errors: string[] }
    return { send, gate }
  }

  for (const fails of [true, false]) {
    it(`a retry reaching B while A's onMessage runs is 503; after A ${fails ? 'failed, the next retry is handled by B' : 'succeeded, a retry is success without running onMessage again'}`, async () => {
      const { send, gate } = await wechatPush()
      const toA = send('a')
      while ((await gate()).calls.length === 0) await sleep(10)
      // A plain (or broken) shared store answers `success` here: WeChat stops, and a failure of A loses the push.
      expect((await send('b')).status).toBe(503)
      expect((await gate()).calls).toEqual(['A'])
      await gate(fails ? 'fail' : 'ok')
      const first = await toA
      expect(first.status).toBe(fails ? 500 : 200)
      if (!fails) expect(await readPushReply(await first.text(), cfg)).toContain('from A')
      const retry = await send('b')
      if (fails) expect(await readPushReply(await retry.text(), cfg)).toContain('saved by B')
      else expect([retry.status, await retry.text()]).toEqual([200, 'success'])
      const { calls, errors } = await gate()
      expect(calls).toEqual(fails ? ['A', 'B'] : ['A'])
      // Nothing else reached onError: no store error, no store timeout (either would handle the push as new).
      expect(errors).toEqual([fails ? 'A: Error: the first delivery failed' : 'B: PushError: This push was already handled'])
    }, 20_000)
  }
})

describe('durableObjectDedupeStore in workerd', () => {
  const key = () => `wx_cf_${uid()}:push:${uid()}`
  const inspect = async (k: string) => (await post(`/inspect/${encodeURIComponent(k)}`)).body as { entries: Record<string, any>; alarm: number | null }

  it('with WX_TOKEN_STORE_SECRET set: a store without it gets 401 and claims nothing', async () => {
    const k = key()
    const intruder = remote('do-nosecret')
    await expect(intruder.claim(k, 600, 30)).rejects.toThrow(/401/)
    await expect(intruder.done(k, 86_400)).rejects.toThrow(/401/)
    expect(await remote('do').claim(k, 600, 30)).toBe(true)
  })

  it('a TTL of 0 or NaN, or a lease of 0, Infinity or over a day, is refused (wx/validation) before anything is stored', async () => {
    const s = remote('inspect')
    const k = key()
    const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e) => e.code)
    expect(await code(s.claim(k, 0))).toBe('wx/validation')
    expect(await code(s.claim(k, Number.NaN as any))).toBe('wx/validation')
    expect(await code(s.claim(k, 600, 0))).toBe('wx/validation')
    expect(await code(s.claim(k, 600, Number.POSITIVE_INFINITY))).toBe('wx/validation')
    expect(await code(s.claim(k, 600, 86_401))).toBe('wx/validation')
    expect(await code(s.renew(k, -1))).toBe('wx/validation')
    expect(await code(s.done(k, -1))).toBe('wx/validation')
    expect(await inspect(k)).toEqual({ entries: {}, alarm: null })
  })

  it('the object itself refuses (400) a lease over a day or missing, or a TTL of 0, from any caller, and stores nothing', async () => {
    const k = key()
    for (const op of [
      { op: 'claim', key: k, ttlMs: 600_000, leaseMs: 1e15 },
      { op: 'claim', key: k, ttlMs: 0 },
      { op: 'claim', key: k },
      { op: 'renew', key: k, leaseMs: 86_400_001 },
      { op: 'renew', key: k },
      { op: 'done', key: k, ttlMs: -5 },
    ])
      expect((await post('/raw', op)).body, JSON.stringify(op)).toMatchObject({ status: 400, body: { value: expect.stringMatching(/leaseMs|ttlMs/) } })
    expect(await inspect(k)).toEqual({ entries: {}, alarm: null })
    expect(await remote('inspect').claim(k, 600, 30)).toBe(true)
  })

  it('an owner that is not a string of 1 to 128 characters is refused: by the store (wx/validation) and by the object (400)', async () => {
    const k = key()
    const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e) => e.code)
    for (const bad of ['', 'x'.repeat(129)]) {
      expect(await code(remote('inspect').claim(k, 600, 30, bad))).toBe('wx/validation')
      expect(await code(remote('inspect').release(k, bad))).toBe('wx/validation')
    }
    for (const op of [
      { op: 'claim', key: k, ttlMs: 600_000, leaseMs: 4000, owner: 42 },
      { op: 'claim', key: k, ttlMs: 600_000, leaseMs: 4000, owner: 'x'.repeat(129) },
      { op: 'renew', key: k, leaseMs: 4000, owner: '' },
      { op: 'release', key: k, owner: null },
    ])
      expect((await post('/raw', op)).body, JSON.stringify(op)).toMatchObject({ status: 400, body: { value: expect.stringMatching(/owner/) } })
    expect(await inspect(k)).toEqual({ entries: {}, alarm: null })
    expect(await remote('inspect').claim(k, 600, 30, 'owner-a')).toBe(true)
    expect(Object.values((await inspect(k)).entries)).toMatchObject([{ state: 'running', owner: 'owner-a' }])
  })

  it('the object refuses (400) a key with a lone surrogate: listed back as U+FFFD, the alarm could never delete it', async () => {
    for (const bad of [`${key()}\ud800`, `\udc00${key()}`])
      expect((await post('/raw', { op: 'claim', key: bad, ttlMs: 600_000, leaseMs: 4000 })).body).toMatchObject({ status: 400, body: { value: expect.stringMatching(/well-formed/) } })
    expect((await post('/raw', { op: 'claim', key: `${key()}\ud83d\ude00`, ttlMs: 600_000, leaseMs: 4000 })).body).toMatchObject({ status: 200, body: { value: true } })
  })

  it('expired keys are deleted by the alarm: a lease that ran out, a done TTL; a done TTL longer than the lease keeps the key', async () => {
    const s = remote('inspect')
    const [leased, handled, kept] = [key(), key(), key()]
    const t0 = Date.now()
    expect(await s.claim(leased, 600, 0.4)).toBe(true)
    expect(await s.claim(handled, 600, 30)).toBe(true)
    await s.done(handled, 0.4)
    expect(await s.claim(kept, 600, 0.4)).toBe(true)
    await s.done(kept, 600)
    const before = await inspect(leased)
    expect(Object.values(before.entries)).toMatchObject([{ state: 'running' }])
    expect(before.alarm).toBeGreaterThanOrEqual(t0 + 400)
    expect((await inspect(handled)).alarm).toBeLessThan(t0 + 30_000) // moved up from the lease's end to done's
    await sleep(1200)
    expect(await inspect(leased)).toEqual({ entries: {}, alarm: null })
    expect(await inspect(handled)).toEqual({ entries: {}, alarm: null })
    const after = await inspect(kept)
    expect(Object.values(after.entries)).toMatchObject([{ state: 'done' }])
    expect(after.alarm).toBeGreaterThan(Date.now() + 590_000) // set again for the done TTL
    expect(await s.claim(kept, 600, 30)).toBe(false)
  })

  it('a TTL of Infinity (or so long that no alarm can be set: 317 years, 1e20 s) keeps the key without an alarm', async () => {
    const s = remote('inspect')
    for (const ttl of [Number.POSITIVE_INFINITY, 1e10, 1e20]) {
      const k = key()
      expect(await s.claim(k, ttl)).toBe(true)
      expect(await s.claim(k, 600, 30)).toBe(false)
      expect((await inspect(k)).alarm).toBe(null)
      const handled = key()
      expect(await s.claim(handled, 600, 30)).toBe(true)
      await s.done(handled, ttl)
      expect(await s.claim(handled, 600, 30)).toBe(false)
    }
  })
})
