import { isWxError, type WxContext } from '@wx/core'
import * as oauth from '@wx/oauth'
import { createState } from '@wx/oauth'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** The bad values tried in every argument slot. */
const BAD = (): [string, unknown][] => [
  ['null', null], ['undefined', undefined], ['42', 42], ["'x'", 'x'], ['[]', []], ['{}', {}], ['true', true], ['NaN', NaN], ['10n', 10n],
  ['Symbol()', Symbol('bad')], ['Object.create(null)', Object.create(null)],
]

/**
 * What is wrong with one call, or undefined: it must return/resolve, or throw/reject a WxError; a
 * function that returns a Promise must not throw synchronously.
 */
async function problem(f: (...a: any[]) => unknown, args: unknown[], async: boolean): Promise<string | undefined> {
  let out: unknown
  try {
    out = f(...args)
  } catch (e) {
    if (async) return `throws synchronously: ${(e as any)?.name}: ${(e as any)?.message}`
    return isWxError(e) ? undefined : `throws a raw ${(e as any)?.name}: ${(e as any)?.message}`
  }
  if (!async) return undefined
  if (typeof (out as any)?.then != 'function') return 'returns no Promise'
  const e = await (out as Promise<unknown>).then(() => undefined, (x) => x ?? new Error(`rejects with ${x}`))
  return e === undefined || isWxError(e) ? undefined : `rejects with a raw ${e?.name}: ${e?.message}`
}

describe('every export of @wx/oauth, with bad values in each of its first 4 argument slots and in each field of an object argument', () => {
  it('returns/resolves or throws/rejects a WxError, never a raw error; a Promise-returning function never throws', async () => {
    const { ctx } = await useFake()
    const KEY = 'state-secret-of-at-least-32-bytes!!'
    const state = await createState(KEY, { bind: 'sid' })
    const user = { access_token: 'FAKE_USER_AT_unknown', openid: 'o_fuzz_user' }
    // The good call of each export; `true`: it returns a Promise.
    const good: Record<string, [async: boolean, args: (c: WxContext) => unknown[]]> = {
      getAuthorizeURL: [false, () => [{ appid: 'wx1', redirectUri: 'https://example.com/cb', scope: 'snsapi_base', state, forcePopup: false, baseURL: 'https://open.weixin.qq.com' }]],
      getUserAccessToken: [true, (c) => [c, 'CODE_NEVER_ISSUED', { timeout: 5000 }]],
      refreshUserAccessToken: [true, (c) => [c, 'FAKE_USER_RT_unknown', { timeout: 5000 }]],
      getUserInfo: [true, (c) => [c, user, { lang: 'en', timeout: 5000 }]],
      checkUserAccessToken: [true, (c) => [c, user, { signal: new AbortController().signal }]],
      createState: [true, () => [KEY, { ttl: 60, bind: 'sid' }]],
      verifyState: [true, () => [KEY, state, { bind: 'sid' }]],
    }
    const exported = Object.keys(oauth).filter((k) => typeof (oauth as any)[k] == 'function')
    expect(exported.sort()).toEqual(Object.keys(good).sort())
    const found: string[] = []
    for (const [name, [async, args]] of Object.entries(good)) {
      const c = ctx()
      const f = (oauth as any)[name]
      // The good call works.
      expect(await problem(f, args(c), async), name).toBeUndefined()
      for (let slot = 0; slot < 4; slot++)
        for (const [label, bad] of BAD()) {
          const a = args(c)
          a[slot] = bad
          const p = await problem(f, a, async)
          if (p) found.push(`${name}(slot ${slot} = ${label}): ${p}`)
          // And each field of an object argument (params, options).
          const o = args(c)[slot]
          if (o && typeof o == 'object' && Object.getPrototypeOf(o) === Object.prototype)
            for (const k of Object.keys(o)) {
              const b = args(c)
              b[slot] = { ...(o as object), [k]: bad }
              const q = await problem(f, b, async)
              if (q) found.push(`${name}(slot ${slot}.${k} = ${label}): ${q}`)
            }
        }
    }
    expect(found).toEqual([])
  })
})
