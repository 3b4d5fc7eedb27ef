// Every endpoint function, every argument slot, values a JavaScript caller can pass by mistake (null for
// "no options", a number for a string, a BigInt, a Symbol, ...): each call either goes through or fails
// with a WxError, asynchronously. Never a raw TypeError from deep inside, never a synchronous throw from a
// function that returns a promise.
import { isWxError } from '@wx/core'
import { describe, expect, it } from 'vitest'
import { BAD } from '../bad.ts'
import { useFake } from '../fake.ts'

const PACKAGES = ['basic', 'customservice', 'datacube', 'draft', 'jssdk', 'mass', 'media', 'menu', 'message', 'oauth', 'pay-legacy', 'qrcode', 'semantic', 'shop', 'template', 'user']
/** Functions that return a value, not a promise: a synchronous WxError is their way to fail. */
const SYNC = new Set(['getAuthorizeURL', 'getSubscribeAuthorizeURL', 'showQRCodeURL', 'invalidateTicket'])
const BAD_VALUES = BAD().map(([, v]) => v)
const FILL = ['x', 1]

describe('bad arguments to every endpoint function: a WxError or success, never a raw error', () => {
  it.each(PACKAGES)('@wx/%s', async (pkg) => {
    const { ctx } = await useFake()
    const c = ctx({ timeout: 3000, retry: { attempts: 1 } })
    const mod: Record<string, unknown> = await import(`@wx/${pkg}`)
    const offences = new Set<string>()
    let calls = 0
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn != 'function' || /^[A-Z]/.test(name)) continue
      const argLists: unknown[][] = BAD_VALUES.map((v) => [v, 'x', 'x'])
      for (let slot = 0; slot < 4; slot++) for (const fill of FILL) for (const v of BAD_VALUES) argLists.push([c, ...Array(slot).fill(fill), v])
      for (const args of argLists) {
        calls++
        const shown = args.map((a) => (a === c ? 'ctx' : typeof a == 'bigint' || typeof a == 'symbol' ? String(a) : a && typeof a == 'object' && !Object.getPrototypeOf(a) ? 'nullproto' : JSON.stringify(a))).join(', ')
        let result: unknown
        try {
          result = (fn as (...a: unknown[]) => unknown)(...args)
        } catch (e) {
          if (!isWxError(e)) offences.add(`${name}(${shown}) threw ${String(e)}`)
          else if (!SYNC.has(name)) offences.add(`${name}(${shown}) threw synchronously: ${e.code}`)
          continue
        }
        try {
          const r = result as { then?: unknown; next?: () => Promise<unknown> }
          if (typeof r?.then == 'function') await r
          else if (typeof r?.next == 'function') await r.next()
        } catch (e) {
          if (!isWxError(e)) offences.add(`${name}(${shown}) rejected with ${String(e)}`)
        }
      }
    }
    expect(calls).toBeGreaterThan(80)
    expect([...offences]).toEqual([])
  })
})
