// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): a query built from values that may be
// undefined, and `null` options, compile; run against the fake, the undefined fields are not sent.
import { semantic } from '@wx/semantic'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { city?: string | undefined; lat?: number | undefined } = {}

it('query fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  await semantic(ctx(), '', { query: '明天的机票', category: 'flight', city: cfg.city, region: cfg.city, latitude: cfg.lat, longitude: cfg.lat }, null)
  expect((await fake.requests())[0]!.body).toEqual({ query: '明天的机票', category: 'flight', appid: fake.appid })
})
