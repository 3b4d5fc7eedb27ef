// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options built from values that may be
// undefined, and `null` options, compile; at runtime both are the defaults (no prefix). A recording client
// stands in for Redis.
import { expect, it } from 'vitest'
import { redisDedupeStore, redisTokenStore } from '../src/index.ts'

/** A user's own config: every value may be missing. */
const cfg: { prefix?: string | undefined } = {}

it('an undefined prefix and null options are the defaults', async () => {
  const sent: unknown[][] = []
  const client = { call: async (...a: unknown[]) => (sent.push(a), null) }
  await redisTokenStore(client, { prefix: cfg.prefix }).get('k1')
  await redisTokenStore(client, null).get('k2')
  redisDedupeStore(client, { prefix: cfg.prefix })
  redisDedupeStore(client, null)
  expect(sent).toEqual([['GET', 'k1'], ['GET', 'k2']])
})
