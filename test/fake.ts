import { createContext, isWxError, type ContextOptions, type WxError } from '@wx/core'
import { connectFakeWeChat, type RemoteFake } from '@wx/testing/fetch'
import { expect, inject } from 'vitest'

/**
 * An isolated fake account on the shared fake WeChat, reached over real HTTP (works in Node and in
 * the edge runtime), and a context pointed at it.
 */
export async function useFake(options: Parameters<typeof connectFakeWeChat>[1] = {}) {
  const fake = await connectFakeWeChat(inject('fakeUrl'), options)
  const ctx = (o: Partial<ContextOptions> = {}) =>
    createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.baseURL, ...o })
  return { fake, ctx }
}

export type { RemoteFake }

/** Every string an error exposes: message, stack, own properties, cause. */
export function exposed(e: unknown): string {
  const err = e as any
  return [String(err), err?.stack, JSON.stringify(err), JSON.stringify(err?.cause ?? null), String(err?.cause ?? '')].join('\n')
}

/** Awaits a promise that must reject with a `WxError`, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<WxError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e) => e,
  )
  expect(isWxError(e)).toBe(true)
  return e
}

/** Awaits a promise that must reject with a `WxError` of `code` (and `errcode`, when given). */
export async function rejects(p: Promise<unknown>, code: string, errcode?: number): Promise<any> {
  const e: any = await p.then(() => undefined, (x) => x)
  expect(isWxError(e), String(e)).toBe(true)
  expect(e.code).toBe(code)
  if (errcode !== undefined) expect(e.errcode).toBe(errcode)
  return e
}

/** Bad input: `wx/validation` (naming `field`, when given), and the fake saw no request at all. */
export async function rejectedLocally(fake: RemoteFake, p: Promise<unknown>, field?: string): Promise<void> {
  const e = await rejects(p, 'wx/validation')
  if (field) expect(JSON.stringify(e.issues)).toContain(field)
  const s = await fake.stats()
  expect(s.calls).toEqual({})
  expect(s.tokenRequests).toBe(0)
}
