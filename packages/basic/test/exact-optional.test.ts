// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options built from values that may be
// undefined, and `null` options, compile; run against the fake, the undefined fields are their defaults.
import { checkCallback, getApiDomainIp, shortenGen } from '@wx/basic'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { action?: 'all' | 'dns' | 'ping' | undefined; n?: number | undefined } = {}

it('option fields set to undefined are their defaults; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  await checkCallback(c, { action: cfg.action, operator: undefined })
  await shortenGen(c, 'data', { expireSeconds: cfg.n })
  await getApiDomainIp(c, null)
  expect((await fake.requests()).slice(0, 2).map((r) => r.body)).toEqual([
    { action: 'all', check_operator: 'DEFAULT' },
    { long_data: 'data', expire_seconds: 2_592_000 },
  ])
})
