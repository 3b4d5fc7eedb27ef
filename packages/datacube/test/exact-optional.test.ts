// Type test (`pnpm typecheck`): every report takes `null` options (none), as the runtime does.
import { getArticleSummary, getUserSummary } from '@wx/datacube'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

it('null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const day = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10)
  await getUserSummary(c, day, day, null)
  await getArticleSummary(c, day, day, null)
  expect((await fake.stats()).calls).toEqual({ '/datacube/getusersummary': 1, '/datacube/getarticlesummary': 1 })
})
