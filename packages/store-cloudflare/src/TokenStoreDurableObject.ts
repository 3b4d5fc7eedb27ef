import { checkLease, checkTtl, type StoredToken } from '@wx/core'
import { dedupeOpProblem, isDedupeOp, runDedupeOp, sweepExpiredDedupeKeys, type DedupeOp } from './_dedupeOps.ts'
import { STORE_SECRET_VAR, sameSecret, storeSecretProblem } from './_secret.ts'

/** The part of a Durable Object's `state` this class uses. */
export interface DurableObjectStateLike {
  storage: {
    get<T = unknown>(key: string): Promise<T | undefined>
    put<T>(key: string, value: T): Promise<void>
    delete(key: string): Promise<boolean>
    list<T = unknown>(options: { prefix: string }): Promise<Map<string, T>>
    getAlarm(): Promise<number | null>
    setAlarm(scheduledTime: number): Promise<void>
  }
}

/** @internal One operation sent by `durableObjectTokenStore` to the object. */
export type TokenStoreOp =
  | { op: 'get'; key: string }
  | { op: 'set' | 'setIfNewer'; key: string; token: StoredToken; ttl?: number }
  | { op: 'lock'; key: string; owner: string; leaseMs: number }
  | { op: 'unlock'; key: string; owner: string }

interface Entry {
  accessToken: string
  expiresAt: number
  /** Epoch ms after which `get` no longer returns it (the TTL given to set). */
  staleAt: number
}

/** A UTF-16 surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const reply = (value: unknown, status = 200) => new Response(JSON.stringify({ value }), { status, headers: { 'content-type': 'application/json' } })

/**
 * A Durable Object that keeps access tokens and the refresh lock for Workers, and the push dedupe keys of
 * `durableObjectDedupeStore`: every operation of one object runs one at a time, so `lock` (lease lock:
 * free, expired or already ours), `setIfNewer` (never replaces a newer token) and a dedupe `claim` are
 * atomic across every isolate and location. Export it from your Worker and bind it
 * (`durable_objects.bindings = [{ name = "WX_TOKENS", class_name = "TokenStoreDurableObject" }]`, plus a
 * migration with `new_sqlite_classes` or `new_classes`), then use `durableObjectTokenStore` and/or
 * `durableObjectDedupeStore` over the same binding.
 *
 * Speaks only the small JSON protocol of those stores over `fetch`; never throws out of `fetch` (a
 * malformed request, a TTL or lease of 0 or less or over a day answers 400; a dedupe TTL may be longer,
 * or none). A dedupe key is deleted by the object's alarm once it expired.
 *
 * Callers: every Worker bound to the class can call it. When Workers other than the owning one are bound
 * to it (`script_name` bindings), or you want it anyway, set the secret `WX_TOKEN_STORE_SECRET` (at least
 * 32 bytes, `wrangler secret put WX_TOKEN_STORE_SECRET`) in the owning Worker and pass the same value as
 * `durableObjectTokenStore(ns, { secret })`: requests without it answer 401 (compared in constant time).
 * A secret set but shorter than 32 bytes answers 500 to everything.
 *
 * @example
 * // worker.ts
 * export { TokenStoreDurableObject } from '@wx/store-cloudflare'
 * export default {
 *   fetch: (req: Request, env: Env) => {
 *     const ctx = createContext({ appid: env.APPID, secret: env.SECRET, tokenStore: durableObjectTokenStore(env.WX_TOKENS) })
 *     ...
 *   },
 * }
 */
export class TokenStoreDurableObject {
  readonly #storage: DurableObjectStateLike['storage']
  readonly #secret: string | undefined

  /** Called by the Workers runtime; `env.WX_TOKEN_STORE_SECRET`, when set, is required of every caller. */
  constructor(state: DurableObjectStateLike, env?: unknown) {
    this.#storage = state.storage
    const secret = (env as Record<string, unknown> | undefined)?.[STORE_SECRET_VAR]
    this.#secret = typeof secret === 'string' && secret ? secret.trim() : undefined
  }

  /** Handles one store operation (called through the namespace binding). */
  async fetch(request: Request): Promise<Response> {
    if (this.#secret !== undefined) {
      if (storeSecretProblem(this.#secret)) return reply(`${STORE_SECRET_VAR} ${storeSecretProblem(this.#secret)}`, 500)
      const given = /^Bearer ([^\s]+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? ''
      if (!(await sameSecret(given, this.#secret))) return reply('unauthorized', 401)
    }
    let m: TokenStoreOp | DedupeOp
    try {
      m = (await request.json()) as TokenStoreOp | DedupeOp
      if (typeof m?.key !== 'string') throw 0
      // A lone surrogate is stored as given but listed back as U+FFFD: the alarm could never delete it.
      if (LONE_SURROGATE.test(m.key)) throw new Error('key must be well-formed UTF-16 (no lone surrogate)')
      if (isDedupeOp(m)) {
        const problem = dedupeOpProblem(m)
        if (problem) throw new Error(problem)
      }
      if (m.op === 'lock') checkLease(m.leaseMs)
      // A ttl of null (NaN or Infinity through JSON) is refused, never read as "until expiresAt".
      if (m.op === 'set' || m.op === 'setIfNewer') checkTtl(m.ttl === undefined ? (m.token?.expiresAt - Date.now()) / 1000 : m.ttl)
    } catch (e) {
      return reply(e instanceof Error ? e.message : 'bad request', 400)
    }
    if (isDedupeOp(m)) return reply(await runDedupeOp(this.#storage, m, Date.now()))
    const s = this.#storage
    const now = Date.now()
    switch (m.op) {
      case 'get': {
        const e = await s.get<Entry>(`t:${m.key}`)
        return reply(e && e.staleAt > now ? { accessToken: e.accessToken, expiresAt: e.expiresAt } : null)
      }
      case 'set':
      case 'setIfNewer': {
        if (typeof m.token?.accessToken !== 'string' || typeof m.token.expiresAt !== 'number') return reply('bad token', 400)
        if (m.op === 'setIfNewer') {
          const cur = await s.get<Entry>(`t:${m.key}`)
          if (cur && cur.staleAt > now && cur.expiresAt >= m.token.expiresAt && cur.accessToken !== m.token.accessToken) return reply(false)
        }
        const ttlMs = typeof m.ttl === 'number' ? m.ttl * 1000 : m.token.expiresAt - now
        await s.put<Entry>(`t:${m.key}`, { accessToken: m.token.accessToken, expiresAt: m.token.expiresAt, staleAt: now + ttlMs })
        return reply(true)
      }
      case 'lock': {
        const cur = await s.get<{ owner: string; until: number }>(`l:${m.key}`)
        if (cur && cur.owner !== m.owner && cur.until > now) return reply(false)
        await s.put(`l:${m.key}`, { owner: m.owner, until: now + m.leaseMs })
        return reply(true)
      }
      case 'unlock': {
        const cur = await s.get<{ owner: string; until: number }>(`l:${m.key}`)
        if (cur?.owner === m.owner) await s.delete(`l:${m.key}`)
        return reply(null)
      }
      default:
        return reply('unknown op', 400)
    }
  }

  /** Called by the Workers runtime at the alarm the dedupe operations set: deletes the expired dedupe keys. */
  async alarm(): Promise<void> {
    await sweepExpiredDedupeKeys(this.#storage, Date.now())
  }
}
