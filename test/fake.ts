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
