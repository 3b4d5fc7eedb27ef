// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options built from values that may be
// undefined, and `null` options, compile; at runtime both are the defaults.
import { expect, it } from 'vitest'
import { durableObjectDedupeStore, durableObjectTokenStore, kvTokenStore } from '../src/index.ts'

/** A user's own config: every value may be missing. */
const cfg: { text?: string | undefined; name?: ((key: string) => string) | undefined } = {}

it('undefined option fields and null options are the defaults', async () => {
  const read: string[] = []
  const kv = { get: async (k: string) => (read.push(k), null), put: async () => {} }
  expect(await kvTokenStore(kv, { prefix: cfg.text }).get('k1')).toBe(null)
  expect(await kvTokenStore(kv, null).get('k2')).toBe(null)
  expect(read).toEqual(['k1', 'k2'])
  const names: string[] = []
  const ns = { idFromName: (n: string) => (names.push(n), n), get: () => ({ fetch: async () => Response.json({ value: null }) }) }
  expect(await durableObjectTokenStore(ns, { objectName: cfg.name, secret: cfg.text }).get('wx:a:access_token:lock')).toBe(null)
  expect(await durableObjectTokenStore(ns, null).get('k')).toBe(null)
  durableObjectDedupeStore(ns, { secret: cfg.text })
  durableObjectDedupeStore(ns, null)
  expect(names).toEqual(['wx:a:access_token', 'k'])
})
