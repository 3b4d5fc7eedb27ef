import { readStoredToken, type StoredToken, type TokenStore } from '@wx/core'
import type { MassTarget } from '@wx/mass'
import { fromPath } from '@wx/media/node'
import { toSeedError } from './WeChatAPIError.ts'

/** A Node callback, as wechat-api 1.x takes it last. */
export type Callback<T = any> = (err: any, result?: T) => void

/** What WeChat answers for a call that only succeeds or fails: the seed handed it on as the result. */
export const OK = (): { errcode: 0; errmsg: 'ok' } => ({ errcode: 0, errmsg: 'ok' })

/**
 * Runs `work` with the seed's two calling styles: a callback as the last argument (wechat-api) gets
 * `(err, result)` and the call returns nothing; without one, a Promise (co-wechat-api). WeChat errcodes
 * reach either as `WeChatAPIError`.
 */
export function dual(args: unknown[], work: (...args: any[]) => unknown): Promise<any> | undefined {
  const cb = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined
  const p = (async () => work(...args))().catch((e) => {
    throw toSeedError(e)
  })
  if (!cb) return p
  p.then(
    (r) => cb(null, r),
    (e) => cb(e),
  )
  return undefined
}

/** A path (the seed's form) is opened with `@wx/media/node`'s `fromPath`; anything else goes on as it is. */
export const file = async <T>(input: string | T): Promise<Awaited<ReturnType<typeof fromPath>> | T> =>
  typeof input === 'string' ? fromPath(input) : input

/** The seed's receivers: an openid list, `true` (everyone) or a group id (groups became tags, same ids). */
export function receivers(r: unknown): MassTarget {
  if (Array.isArray(r)) return r
  if (r === true || r === 'all') return 'all'
  return { tagId: typeof r === 'string' && /^\d+$/.test(r) ? Number(r) : (r as number) }
}

/** The seed's `getToken(cb)` / `saveToken(token, cb)` (or co-wechat-api's async ones) as a `TokenStore`. */
export function seedTokenStore(getToken: (...a: any[]) => any, saveToken?: (...a: any[]) => any): TokenStore {
  const call = (fn: (...a: any[]) => any, ...args: unknown[]) =>
    new Promise<any>((resolve, reject) => {
      const r = fn(...args, (err: unknown, value: unknown) => (err ? reject(err) : resolve(value)))
      if (r && typeof r.then === 'function') r.then(resolve, reject)
    })
  return {
    get: async () => readStoredToken(await call(getToken)) ?? null,
    set: async (_key, t: StoredToken) => {
      // Ours, plus `expireTime` so wechat-api processes still on the same getToken read it too.
      if (saveToken) await call(saveToken, { accessToken: t.accessToken, expiresAt: t.expiresAt, expireTime: t.expiresAt })
    },
  }
}
