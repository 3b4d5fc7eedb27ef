// The Workers stores, run in workerd through miniflare: the Durable Object store passes the contract and
// gives one token request for many concurrent cold contexts in legacy mode.
import type { StoredToken, TokenStore } from '@wx/core'
import { runTokenStoreContract } from '@wx/testing/fetch'
import type { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { startWorker } from './_worker.ts'

const STORE_SECRET = 'do-store-secret-0123456789abcdef0123456789'
let mf: Miniflare | undefined

beforeAll(async () => {
  mf = await startWorker('worker.ts', ['core', 'message'], {
    durableObjects: { TOKENS: 'TokenStoreDurableObject' },
    kvNamespaces: ['KV'],
    // A trailing newline, as `wrangler secret put` from a file may leave: trimmed on both sides.
    bindings: { WX_TOKEN_STORE_SECRET: `${STORE_SECRET}\n` },
  })
}, 60_000)
afterAll(async () => {
  await mf?.dispose()
})

/** A TokenStore whose every method runs inside workerd (Worker -> binding -> Durable Object / KV). */
function remote(which: 'do' | 'kv' | 'do-nosecret' | 'do-wrongsecret'): TokenStore {
  const call = async (method: string, ...args: unknown[]) => {
    const res = await mf!.dispatchFetch(`http://worker/store/${which}`, { method: 'POST', body: JSON.stringify({ method, args }) })
    const body = (await res.json()) as { value?: any; error?: string }
    if (!res.ok) throw new Error(body.error)
    return body.value
  }
  const store: TokenStore = {
    get: (k) => call('get', k),
    set: (k, t: StoredToken, s) => call('set', k, t, s),
  }
  if (which !== 'kv') Object.assign(store, {
    setIfNewer: (k: string, t: StoredToken, s?: number) => call('setIfNewer', k, t, s),
    lock: (k: string, o: string, l: number) => call('lock', k, o, l),
    unlock: (k: string, o: string) => call('unlock', k, o),
  })
  return store
}

// Every call is a request into workerd: a shorter race for an expired lock (the object runs one call at a time).
runTokenStoreContract({ describe, it, expect }, 'Durable Object (workerd via miniflare)', () => remote('do'), {
  requireLock: true,
  requireSetIfNewer: true,
  expiredLockRounds: 20,
})
// A wechat-api process writing JSON.stringify(token) into the same namespace.
const writeForeign = async (key: string, json: string) =>
  ((await mf!.getKVNamespace('KV')) as unknown as { put(k: string, v: string): Promise<void> }).put(key, json)
runTokenStoreContract({ describe, it, expect }, 'Workers KV (workerd via miniflare; no lock)', () => remote('kv'), { writeForeign })

describe('in workerd', () => {
  const send = async (body: object) => {
    const res = await mf!.dispatchFetch('http://worker/send', { method: 'POST', body: JSON.stringify(body) })
    return (await res.json()) as { ok: number; errors: string[]; storeErrors: number }
  }

  it('6 cold isolate contexts x 20 legacy calls on the Durable Object store: 1 token request', async () => {
    const { fake } = await useFake({ appid: `wx_cf_${Math.random().toString(36).slice(2, 10)}` })
    const results = await Promise.all(Array.from({ length: 6 }, () => send({ ...fake, calls: 20, store: 'do' })))
    expect(results.flatMap((r) => r.errors)).toEqual([])
    expect(results.reduce((a, r) => a + r.ok, 0)).toBe(120)
    expect(results.reduce((a, r) => a + r.storeErrors, 0)).toBe(0)
    const stats = await fake.stats()
    expect(stats.legacyTokenRequests).toBe(1)
    expect(stats.deliveries).toBe(120)
  }, 30_000)

  it('Durable Object with WX_TOKEN_STORE_SECRET: callers without it or with a wrong one get 401, nothing stored or locked', async () => {
    const k = `wx:secret_${Math.random().toString(36).slice(2, 10)}:access_token`
    for (const which of ['do-nosecret', 'do-wrongsecret'] as const) {
      const s = remote(which)
      await expect(s.set(k, { accessToken: 'INTRUDER', expiresAt: Date.now() + 7_200_000 }, 7200)).rejects.toThrow(/401/)
      await expect(s.get(k)).rejects.toThrow(/401/)
      await expect(s.lock!(`${k}:lock`, 'intruder', 86_400_000)).rejects.toThrow(/401/)
    }
    const ok = remote('do')
    expect(await ok.get(k)).toBe(null)
    expect(await ok.lock!(`${k}:lock`, 'owner', 5000)).toBe(true)
    await ok.unlock!(`${k}:lock`, 'owner')
  })

  it('Durable Object: a lease of 1e15 ms is refused (wx/validation, before anything is sent) and does not lock the owner out', async () => {
    const k = `wx:lease_${Math.random().toString(36).slice(2, 10)}:access_token:lock`
    const s = remote('do')
    await expect(s.lock!(k, 'greedy', 1e15)).rejects.toThrow(/WxError: leaseMs/)
    expect(await s.lock!(k, 'owner', 5000)).toBe(true)
  })

  it('KV: a token set is read back (TTL raised to KV’s 60 s minimum)', async () => {
    const kv = remote('kv')
    const t = { accessToken: 'KVTOKEN', expiresAt: Date.now() + 30_000 }
    await kv.set('wx:short:access_token', t, 30)
    expect(await kv.get('wx:short:access_token')).toEqual(t)
  })
})
