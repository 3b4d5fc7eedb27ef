import { isWxError, type WxContext } from '@wx/core'
import * as jssdk from '@wx/jssdk'
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

describe('every export of @wx/jssdk, with bad values in each of its first 4 argument slots and in each field of an object argument', () => {
  it('returns/resolves or throws/rejects a WxError, never a raw error; a Promise-returning function never throws', async () => {
    const { ctx } = await useFake()
    const url = 'https://example.com/page?id=1'
    // The good call of each export; `true`: it returns a Promise.
    const good: Record<string, [async: boolean, args: (c: WxContext) => unknown[]]> = {
      getTicket: [true, (c) => [c, 'jsapi', { timeout: 5000, getTicket: async () => 'SOURCE_TICKET' }]],
      invalidateTicket: [false, (c) => [c, 'jsapi', 'FAKE_JS_TICKET_not_current']],
      getJsConfig: [true, (c) => [c, { url, jsApiList: ['chooseImage'], openTagList: ['wx-open-launch-weapp'], debug: false }, { timeout: 5000 }]],
      getCardExt: [true, (c) => [c, { cardId: 'card_1', code: 'c1', openid: 'o_fuzz_user', balance: 0 }, { signal: new AbortController().signal }]],
      signJsConfig: [true, () => ['a-ticket', { url, nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457 }]],
      signCardExt: [true, () => ['a-ticket', { cardId: 'card_1', nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457, code: 'c1', openid: 'o_fuzz_user' }]],
    }
    const exported = Object.keys(jssdk).filter((k) => typeof (jssdk as any)[k] == 'function')
    expect(exported.sort()).toEqual(Object.keys(good).sort())
    const found: string[] = []
    for (const [name, [async, args]] of Object.entries(good)) {
      const c = ctx()
      const f = (jssdk as any)[name]
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
