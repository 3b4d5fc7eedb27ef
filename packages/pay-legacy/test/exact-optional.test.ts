// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): inputs and options built from values that
// may be undefined, and `null` options, compile; run against the fake, undefined means "left out".
import { deliverNotify, orderQuery, updateFeedback } from '@wx/pay-legacy'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

const KEY = 'fake_pay_sign_key_of_the_account'
const PKG = 'out_trade_no=11122&partner=1900090055&sign=4E8D0DF3DA0C3D0DF38F'

/** A user's own config: every value may be missing. */
const cfg: { key?: string | undefined; text?: string | undefined } = { key: KEY }

it('fields set to undefined are left out (a signature computed, the time now); null options are none', async () => {
  const { fake, ctx } = await useFake()
  await fake.setData('payLegacy', { paySignKey: KEY, orders: undefined })
  const c = ctx()
  const notice = { openid: 'oX99MDgNcgwnz3zFN3DNmo8uwa-w', transid: '1', out_trade_no: '2', deliver_status: 1, deliver_msg: 'ok' } as const
  await deliverNotify(c, { ...notice, deliver_timestamp: undefined, app_signature: cfg.text }, { paySignKey: cfg.key })
  expect((await orderQuery(c, { package: PKG, timestamp: undefined, app_signature: cfg.text }, { paySignKey: cfg.key })).ret_code).toBe(0)
  await updateFeedback(c, 'oX99MDgNcgwnz3zFN3DNmo8uwa-w', '1', null)
  expect((await fake.requests())[0]!.body).toMatchObject({ deliver_timestamp: expect.stringMatching(/^\d{10}$/), app_signature: expect.stringMatching(/^[0-9a-f]{40}$/) })
})
