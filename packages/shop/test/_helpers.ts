import { isWxError, type WxError } from '@wx/core'
import { expect } from 'vitest'
import type { RemoteFake } from '../../../test/fake.ts'

/** Awaits a rejection and returns it as a WxError. */
export async function rejection(p: Promise<unknown>): Promise<WxError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e,
  )
  expect(isWxError(e)).toBe(true)
  return e as WxError
}

/** Expects `wx/validation` naming `field`, and that the fake saw no request at all (not even a token). */
export async function rejectedLocally(fake: RemoteFake, p: Promise<unknown>, field?: string): Promise<void> {
  const e = await rejection(p)
  expect(e.code).toBe('wx/validation')
  if (field) expect(e.issues?.map((i) => i.path).join(' ')).toContain(field)
  const stats = await fake.stats()
  expect(stats.calls).toEqual({})
  expect(stats.tokenRequests).toBe(0)
}

/** Expects a WeChat errcode answer. */
export async function rejectedWith(p: Promise<unknown>, errcode: number): Promise<WxError> {
  const e = await rejection(p)
  expect(e.code).toBe('wx/api')
  expect(e.errcode).toBe(errcode)
  return e
}
