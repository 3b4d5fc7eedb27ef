// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): `setOpts` options built from values that
// may be undefined compile; at runtime an undefined `timeout` is the default.
import { API } from '@wx/compat'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { timeout?: number | undefined } = {}

it('an undefined timeout is the default', async () => {
  const { fake } = await useFake()
  const api = new API(fake.appid, fake.secret)
  api.setOpts({ timeout: cfg.timeout, baseURL: fake.baseURL })
  expect((await api.getLatestToken()).accessToken).toMatch(/\w/)
})
