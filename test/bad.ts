// Shared by the bad-argument tests: the values a JavaScript caller can pass by mistake, and how to judge
// one call. The rule: every call returns/resolves, or throws/rejects a WxError; a function that returns a
// Promise never throws synchronously.
import { isWxError, type WxContext } from '@wx/core'

/** The bad values tried in every argument slot, with a label for failure messages. */
export const BAD = (): [label: string, value: unknown][] => [
  ['null', null],
  ['undefined', undefined],
  ['42', 42],
  ["'x'", 'x'],
  ['[]', []],
  ['{}', {}],
  ['true', true],
  ['NaN', Number.NaN],
  ['10n', 10n],
  ['Symbol()', Symbol('bad')],
  ['Object.create(null)', Object.create(null)],
]

/** The WxError code `make` throws, `'accepted'`, or what else it threw (so a raw TypeError shows in the failure). */
export function thrown(make: () => unknown): string {
  try {
    make()
  } catch (e) {
    return isWxError(e) ? e.code : `raw ${String(e)}`
  }
  return 'accepted'
}

/** What is wrong with one call, or undefined. `async`: the function returns a Promise (else: a value). */
export async function problem(f: (...a: any[]) => unknown, args: unknown[], async: boolean): Promise<string | undefined> {
  let out: unknown
  try {
    out = f(...args)
  } catch (e) {
    if (async) return `throws synchronously: ${(e as any)?.name}: ${(e as any)?.message}`
    return isWxError(e) ? undefined : `throws a raw ${(e as any)?.name}: ${(e as any)?.message}`
  }
  if (!async) return undefined
  if (typeof (out as any)?.then != 'function') return 'returns no Promise'
  const e = await (out as Promise<unknown>).then(
    () => undefined,
    (x) => x ?? new Error(`rejects with ${x}`),
  )
  return e === undefined || isWxError(e) ? undefined : `rejects with a raw ${e?.name}: ${e?.message}`
}

/** A good call of each export: whether it returns a Promise, and its arguments for a context. */
export type GoodCalls = Record<string, [async: boolean, args: (c: WxContext) => unknown[]]>

/**
 * Tries every export in `good` with each bad value in each of its first 4 argument slots and in each field
 * of a plain-object argument, after checking that the good call itself passes. Returns what went wrong.
 */
export async function fuzzCalls(mod: object, good: GoodCalls, ctx: () => WxContext): Promise<string[]> {
  const found: string[] = []
  for (const [name, [async, args]] of Object.entries(good)) {
    const c = ctx()
    const f = (mod as any)[name]
    const p0 = await problem(f, args(c), async)
    if (p0) found.push(`${name}, the good call: ${p0}`)
    for (let slot = 0; slot < 4; slot++)
      for (const [label, bad] of BAD()) {
        const a = args(c)
        a[slot] = bad
        const p = await problem(f, a, async)
        if (p) found.push(`${name}(slot ${slot} = ${label}): ${p}`)
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
  return found
}
