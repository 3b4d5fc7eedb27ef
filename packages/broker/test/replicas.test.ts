// Several broker replicas sharing one token store (here one memory store, two contexts), over real HTTP:
// what a report gets when another replica refreshed, or while a refresh waits for the store's gate.
import { createContext, memoryTokenStore, type TokenStore, type WxHooks } from '@wx/core'
import { sendText } from '@wx/message'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { brokerTokenSource, createTokenBroker, type TokenBrokerOptions } from '../src/index.ts'
import { SECRET, listen } from './_broker.ts'

const auth = { authorization: `Bearer ${SECRET}` }
const token = async (url: string, rejected?: string): Promise<string> => {
  const res = await fetch(url, rejected ? { method: 'POST', headers: auth, body: JSON.stringify({ rejected }) } : { headers: auth })
  expect(res.status).toBe(200)
  return ((await res.json()) as { access_token: string }).access_token
}

/** Two replicas of one account's broker on one shared store, each served over HTTP. */
async function replicas(store: TokenStore, o: Omit<TokenBrokerOptions, 'authorize'> & { tokenMode?: 'legacy' | 'stable'; hooks?: WxHooks } = {}) {
  const { fake, ctx } = await useFake()
  const { tokenMode = 'legacy', hooks = {}, ...options } = o
  const urls = await Promise.all([0, 1].map(() => listen(createTokenBroker(ctx({ tokenMode, tokenStore: store, hooks }), { authorize: SECRET, ...options }))))
  return { fake, a: urls[0]!, b: urls[1]! }
}

describe('createTokenBroker: replicas sharing a store', () => {
  it('a replica declined by the gate (or its own cooldown) answers the token another replica saved, never the reported one', async () => {
    const { fake, a, b } = await replicas(memoryTokenStore())
    const t0 = await token(a)
    expect(await token(b)).toBe(t0) // both replicas hold t0
    // A consumer of replica a, warm with t0.
    const consumer = createContext({ appid: fake.appid, baseURL: fake.baseURL, getAccessToken: brokerTokenSource(a, { appid: fake.appid, secret: SECRET }) })
    await sendText(consumer, 'o_user', 'warm')
    await fake.revokeTokens()
    const t1 = await token(b, t0) // replica b takes the gate and refreshes
    expect(t1).not.toBe(t0)
    expect(await token(a, t0)).toBe(t1) // replica a: declined by the gate
    expect(await token(a, t0)).toBe(t1) // replica a: within its own cooldown
    expect(await token(a)).toBe(t1) // and its reads hand out t1 too
    await sendText(consumer, 'o_user', 'after revoke') // the automatic repeat gets t1 from replica a
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it("within a replica's own cooldown, a report is answered with the token another replica refreshed after it", async () => {
    // Stable mode allows a 2 s cooldown. b refreshes at 0; a is declined by the gate at ~1 s (its own cooldown
    // runs to ~3 s); the gate is free at 2 s, b refreshes again; a report to a at ~2.2 s meets its own cooldown.
    const { fake, a, b } = await replicas(memoryTokenStore(), { tokenMode: 'stable', rejectCooldown: 2000 })
    const t0 = await token(a)
    await token(b)
    await fake.revokeTokens()
    const t1 = await token(b, t0)
    await sleep(1000)
    expect(await token(a, t0)).toBe(t1) // gate declined: a adopts t1 from the store
    await sleep(1100)
    await fake.revokeTokens()
    const t2 = await token(b, t1)
    expect(t2).not.toBe(t1)
    expect(await token(a, t1)).toBe(t2)
    expect((await fake.stats()).tokenRequests).toBe(3)
  })

  it("reports arriving while a replica waits for the store's gate join its refresh: none gets the rejected token", async () => {
    // A store whose lock takes 300 ms (a slow Redis).
    const mem = memoryTokenStore()
    const store: TokenStore = { ...mem, lock: async (k, owner, ms) => (await sleep(300), mem.lock!(k, owner, ms)) }
    const { fake, a, b } = await replicas(store)
    const t0 = await token(a)
    await fake.revokeTokens()
    const first = token(a, t0)
    await sleep(50)
    const others = await Promise.all(Array.from({ length: 5 }, () => token(a, t0)))
    const t1 = await first
    expect(t1).not.toBe(t0)
    expect(others).toEqual(Array(5).fill(t1))
    expect(await token(b, t0)).toBe(t1) // the other replica: declined by the gate, answers the store's token
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('reports reaching both replicas at once: the one the gate declines waits for the other’s token to reach the store', async () => {
    // Saving takes 200 ms: the declined replica reads the store before the other replica's token is in it.
    const mem = memoryTokenStore()
    const store: TokenStore = { ...mem, setIfNewer: async (k, t, ttl) => (await sleep(200), mem.setIfNewer!(k, t, ttl)) }
    const { fake, a, b } = await replicas(store)
    const t0 = await token(a)
    expect(await token(b)).toBe(t0)
    await fake.revokeTokens()
    const answers = await Promise.all([token(a, t0), token(b, t0), token(a, t0), token(b, t0)])
    expect(answers[0]).not.toBe(t0)
    expect(answers).toEqual(Array(4).fill(answers[0]))
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a store that fails to read: a declined report gets the replica’s own token, and nothing is asked of WeChat', async () => {
    const mem = memoryTokenStore()
    let down = false
    const store: TokenStore = { ...mem, get: async (k) => (down ? Promise.reject(new Error('store down')) : mem.get(k)) }
    const { fake, a } = await replicas(store)
    const t0 = await token(a)
    await fake.revokeTokens()
    const t1 = await token(a, t0)
    down = true
    expect(await token(a, t0)).toBe(t1) // within the cooldown: no refresh of its own
    expect(await token(a, t1)).toBe(t1)
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a store whose writes fail still holds the token this broker replaced: reports within the cooldown never ask WeChat', async () => {
    // Disk full, a read-only replica: reads work, saves throw. The store keeps t0 after the refresh to t1.
    const mem = memoryTokenStore()
    let full = false
    const no = async () => Promise.reject(new Error('ENOSPC'))
    const store: TokenStore = { ...mem, set: (k, t, ttl) => (full ? no() : mem.set(k, t, ttl)), setIfNewer: (k, t, ttl) => (full ? no() : mem.setIfNewer!(k, t, ttl)) }
    const { fake, a } = await replicas(store, { hooks: { onStoreError: () => {} } })
    const t0 = await token(a)
    full = true
    await fake.revokeTokens()
    const t1 = await token(a, t0)
    expect(t1).not.toBe(t0)
    // Core never adopts t0 again (it was rejected): adopting it from the store would fetch a new token each time.
    for (let i = 0; i < 4; i++) expect(await token(a, t1)).toBe(t1)
    expect(await token(a)).toBe(t1)
    expect((await fake.stats()).tokenRequests).toBe(2)
  })

  it('a store token within 5 minutes of expiry is not adopted (core would refresh it): the report gets the replica’s own token', async () => {
    const mem = memoryTokenStore()
    const { fake, a } = await replicas(mem)
    const t0 = await token(a)
    await fake.revokeTokens()
    const t1 = await token(a, t0)
    // Another replica's token, 25 s from its end (a replica whose clock runs late, a store that lost a save):
    // core takes no token that close to its end from the store, but asks WeChat for a new one.
    await mem.set(`wx:${fake.appid}:access_token`, { accessToken: 'nearly-expired', expiresAt: Date.now() + 25_000 }, 25)
    expect(await token(a, t1)).toBe(t1) // within the cooldown
    expect((await fake.stats()).tokenRequests).toBe(2)
  })
})
