// Type test (`pnpm typecheck`): every function takes `null` options (none), as the runtime does.
import { createLimitQRCode, createTmpQRCode, shorturl } from '@wx/qrcode'
import { expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

it('null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  await createTmpQRCode(c, 10000, 1800, null)
  await createLimitQRCode(c, 'scene', null)
  // Retired by WeChat (48001): null options still reach it.
  await rejects(shorturl(c, 'https://example.com/a', null), 'wx/api', 48001)
  expect(Object.values((await fake.stats()).calls)).toEqual([2, 1])
})
