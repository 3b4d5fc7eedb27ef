import type { StoredToken } from '@wx/core'

/** The part of a Durable Object's `state` this class uses. */
export interface DurableObjectStateLike {
  storage: {
    get<T = unknown>(key: string): Promise<T | undefined>
    put<T>(key: string, value: T): Promise<void>
    delete(key: string): Promise<boolean>
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

const reply = (value: unknown, status = 200) => new Response(JSON.stringify({ value }), { status, headers: { 'content-type': 'application/json' } })

/**
 * A Durable Object that keeps access tokens and the refresh lock for Workers: every operation of one
 * object runs one at a time, so `lock` (lease lock: free, expired or already ours) and `setIfNewer`
 * (never replaces a newer token) are atomic across every isolate and location. Export it from your
 * Worker and bind it (`durable_objects.bindings = [{ name = "WX_TOKENS", class_name = "TokenStoreDurableObject" }]`,
 * plus a migration with `new_sqlite_classes` or `new_classes`), then use `durableObjectTokenStore`.
 *
 * Speaks only the small JSON protocol of `durableObjectTokenStore` over `fetch`; never throws out of
 * `fetch` (a malformed request answers 400).
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

  /** Called by the Workers runtime. */
  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.#storage = state.storage
  }

  /** Handles one store operation (called through the namespace binding). */
  async fetch(request: Request): Promise<Response> {
    let m: TokenStoreOp
    try {
      m = (await request.json()) as TokenStoreOp
      if (typeof m?.key !== 'string') throw 0
    } catch {
      return reply('bad request', 400)
    }
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
}
