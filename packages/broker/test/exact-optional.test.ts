// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options built from values that may be
// undefined compile; at runtime an undefined field is its default.
import { memoryTokenStore } from '@wx/core'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { brokerTokenSource, createTokenBroker } from '../src/index.ts'
import { SECRET, listen } from './_broker.ts'

/** A user's own config: every value may be missing. */
const cfg: { ms?: number | undefined; header?: string | undefined; fetch?: typeof fetch | undefined } = {}

it('option fields set to undefined are their defaults', async () => {
  const { fake, ctx } = await useFake()
  const broker = createTokenBroker(ctx({ tokenStore: memoryTokenStore() }), { authorize: SECRET, rejectCooldown: cfg.ms, clientKey: cfg.header })
  const url = await listen(broker)
  const source = brokerTokenSource(url, { appid: fake.appid, secret: SECRET, fetch: cfg.fetch, maxAge: cfg.ms, timeout: cfg.ms, cachedWait: cfg.ms })
  expect(await source()).toMatch(/\w/)
})
