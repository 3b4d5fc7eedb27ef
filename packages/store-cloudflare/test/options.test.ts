// Creation arguments (wx/config at once: a missing binding, bad options), and a TTL or lease that JSON
// could not carry (wx/validation before anything is sent). The object runs in-process over a Map.
import { isWxError } from '@wx/core'
import { describe, expect, it } from 'vitest'
import { TokenStoreDurableObject, durableObjectDedupeStore, durableObjectTokenStore, kvTokenStore } from '../src/index.ts'
import { thrown } from '../../../test/bad.ts'


/** A namespace whose one object is a `TokenStoreDurableObject` over a Map; `sent` counts requests. */
function namespace() {
  const map = new Map<string, unknown>()
  const storage = {
    get: async (k: string) => map.get(k) as any,
    put: async (k: string, v: unknown) => void map.set(k, v),
    delete: async (k: string) => map.delete(k),
    list: async () => new Map() as any,
    getAlarm: async () => null,
    setAlarm: async () => {},
  }
  const obj = new TokenStoreDurableObject({ storage }, {})
  const ns = {
    sent: 0,
    map,
    obj,
    idFromName: (n: string) => n,
    get: () => ({ fetch: (u: string, init?: RequestInit) => (ns.sent++, obj.fetch(new Request(u, init))) }),
  }
  return ns
}
const kv = () => ({ get: async () => null, put: async () => {} })
const SECRET = 'do-store-secret-0123456789abcdef0123456789'
const BAD = [42, 'x', [], Symbol('o'), true] as unknown[]
const token = { accessToken: 'TOKEN-abcdefgh', expiresAt: Date.now() + 7_200_000 }

describe('creation', () => {
  const makers = {
    kvTokenStore: [kvTokenStore, kv],
    durableObjectTokenStore: [durableObjectTokenStore, namespace],
    durableObjectDedupeStore: [durableObjectDedupeStore, namespace],
  } as const

  for (const [name, [make, binding]] of Object.entries(makers)) {
    const create = make as (b: unknown, o?: unknown) => unknown
    it(`${name}: a missing or wrong binding (env.MISSING is undefined) is wx/config`, () => {
      for (const b of [undefined, null, 42, 'x', [], {}, Symbol('b'), { get: async () => null }, { idFromName: () => 1 }] as unknown[])
        expect(thrown(() => create(b)), String(typeof b)).toBe('wx/config')
      expect(thrown(() => create(binding()))).toBe('accepted')
    })

    it(`${name}: null, undefined or {} options are the defaults; 42, "x", [], a Symbol are wx/config`, () => {
      for (const o of BAD) expect(thrown(() => create(binding(), o)), String(typeof o)).toBe('wx/config')
      for (const o of [null, undefined, {}] as unknown[]) expect(thrown(() => create(binding(), o))).toBe('accepted')
    })
  }

  it('wrongly typed fields are wx/config: prefix, objectName, secret', () => {
    for (const prefix of [{}, 5, []] as unknown[]) expect(thrown(() => kvTokenStore(kv(), { prefix } as any))).toBe('wx/config')
    for (const objectName of ['x', 5, {}] as unknown[]) expect(thrown(() => durableObjectTokenStore(namespace() as any, { objectName } as any))).toBe('wx/config')
    for (const make of [durableObjectTokenStore, durableObjectDedupeStore])
      for (const secret of [12345, Symbol('s'), {}, 'short', `${'x'.repeat(20)} ${'x'.repeat(20)}`] as unknown[])
        expect(thrown(() => make(namespace() as any, { secret } as any)), String(typeof secret)).toBe('wx/config')
    expect(thrown(() => durableObjectTokenStore(namespace() as any, { secret: `${SECRET}\n`, objectName: (k) => k }))).toBe('accepted')
    // null fields are "not set", as everywhere in the SDK.
    for (const make of [durableObjectTokenStore, durableObjectDedupeStore])
      expect(thrown(() => make(namespace() as any, { secret: null, objectName: null } as any))).toBe('accepted')
    expect(thrown(() => kvTokenStore(kv(), { prefix: null } as any))).toBe('accepted')
  })

  it('null options work: the stores read and write', async () => {
    const store = kvTokenStore(kv(), null as any)
    expect(await store.get('k')).toBe(null)
    const ns = namespace()
    const ds = durableObjectTokenStore(ns as any, null as any)
    await ds.set('k', token, 60)
    expect(await ds.get('k')).toEqual(token)
    expect(await durableObjectDedupeStore(ns as any, null as any).claim('wx:a:push:1', 60)).toBe(true)
  })
})

describe('durableObjectTokenStore: TTL and lease, checked before sending', () => {
  it('a TTL of NaN, ±Infinity, 0, over a day or a string is wx/validation (as memoryTokenStore), and nothing is sent', async () => {
    const ns = namespace()
    const ds = durableObjectTokenStore(ns as any)
    for (const ttl of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -1, 86_401, '60', null] as any[]) {
      for (const call of [() => ds.set('k', token, ttl), () => ds.setIfNewer!('k', token, ttl)]) {
        const e = await call().then(() => 'stored', (x) => x)
        expect(isWxError(e) && e.code === 'wx/validation', `${String(ttl)}: ${String(e)}`).toBe(true)
      }
    }
    // No TTL: until expiresAt, which must be in the future and within a day.
    for (const expiresAt of [Date.now() - 1000, Date.now() + 2 * 86_400_000])
      expect((await ds.set('k', { ...token, expiresAt }).catch((x) => x)).code).toBe('wx/validation')
    expect(ns.sent).toBe(0)
    expect(ns.map.size).toBe(0)
  })

  it('a lease of NaN, Infinity, 0 or over a day is wx/validation, and nothing is sent', async () => {
    const ns = namespace()
    const ds = durableObjectTokenStore(ns as any)
    for (const lease of [Number.NaN, Number.POSITIVE_INFINITY, 0, -5, 86_400_001, '1000'] as any[])
      expect((await ds.lock!('k:lock', 'o', lease).catch((x) => x)).code, String(lease)).toBe('wx/validation')
    expect(ns.sent).toBe(0)
    expect(await ds.lock!('k:lock', 'o', 1000)).toBe(true)
    await ds.set('k', token, 60)
    expect(await ds.setIfNewer!('k', token)).toBe(true)
  })

  it('the object itself answers 400 to a ttl of null (what JSON makes of NaN), never reading it as "until expiresAt", and to a lease of 1e15', async () => {
    const { obj, map } = namespace()
    const raw = (op: object) => obj.fetch(new Request('https://wx-token-store/', { method: 'POST', body: JSON.stringify(op) }))
    expect((await raw({ op: 'set', key: 'k', token, ttl: null })).status).toBe(400)
    expect((await raw({ op: 'lock', key: 'k:lock', owner: 'greedy', leaseMs: 1e15 })).status).toBe(400)
    expect(map.size).toBe(0)
  })
})
