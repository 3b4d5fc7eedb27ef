import { appSignature, deliverNotify, orderQuery, updateFeedback } from '@wx/pay-legacy'
import { describe, expect, it } from 'vitest'
import { useFake, rejection } from '../../../test/fake.ts'

const KEY = 'fake_pay_sign_key_of_the_account'
const NOTICE = { openid: 'oX99MDgNcgwnz3zFN3DNmo8uwa-w', transid: '111112222233333', out_trade_no: '555666uuu', deliver_status: 1, deliver_msg: 'ok' } as const
const PKG = 'out_trade_no=11122&partner=1900090055&sign=4E8D0DF3DA0C3D0DF38F'

/** A fake account that checks app_signature against KEY. */
async function signingFake() {
  const f = await useFake()
  await f.fake.setData('payLegacy', { paySignKey: KEY })
  return f
}

describe('deliverNotify', () => {
  it('sends the documented fields, signed from paySignKey, with the context appid', async () => {
    const { fake, ctx } = await signingFake()
    await deliverNotify(ctx(), { ...NOTICE, deliver_timestamp: 1369745073 }, { paySignKey: KEY })
    const [req] = await fake.requests()
    expect(req?.errcode).toBe(0)
    expect(req?.body).toEqual({
      appid: fake.appid, openid: NOTICE.openid, transid: NOTICE.transid, out_trade_no: NOTICE.out_trade_no, deliver_timestamp: '1369745073',
      deliver_status: '1', deliver_msg: 'ok', app_signature: expect.stringMatching(/^[0-9a-f]{40}$/), sign_method: 'sha1',
    })
    expect(JSON.stringify(req)).not.toContain(KEY)
    expect((await fake.data()).payLegacy.delivered[NOTICE.transid]).toEqual({ out_trade_no: '555666uuu', status: '1', msg: 'ok' })
  })

  it('sends a given app_signature as is, with a timestamp of now', async () => {
    const { fake, ctx } = await useFake()
    const sig = await appSignature({ appid: fake.appid }, KEY)
    await deliverNotify(ctx(), { ...NOTICE, app_signature: sig })
    const [req] = await fake.requests()
    expect(req?.body).toMatchObject({ app_signature: sig, deliver_timestamp: expect.stringMatching(/^\d{10}$/) })
    expect(Math.abs(+(req!.body as any).deliver_timestamp - Date.now() / 1000)).toBeLessThan(60)
  })

  it("WeChat's 49004 when the signature does not match the PaySignKey", async () => {
    const { ctx } = await signingFake()
    const e = await rejection(deliverNotify(ctx(), NOTICE, { paySignKey: 'another key' }))
    expect(e).toMatchObject({ code: 'wx/api', errcode: 49004 })
    expect(JSON.stringify(e)).not.toContain('another key')
  })

  it.each([
    ['no signature and no key', {}, 'app_signature'],
    ['a malformed signature', { app_signature: 'abc' }, 'app_signature'],
    ['a bad openid', { openid: 'not an openid' }, 'openid'],
    ['a bad deliver_status', { deliver_status: 2 }, 'deliver_status'],
    ['an empty transid', { transid: '' }, 'transid'],
    ['a timestamp in ms', { deliver_timestamp: 1369745073000 }, 'deliver_timestamp'],
  ] as const)('%s is rejected before sending', async (_, change, field) => {
    const { fake, ctx } = await useFake()
    const opts = 'app_signature' in change || field === 'app_signature' ? {} : { paySignKey: KEY }
    const e = await rejection(deliverNotify(ctx(), { ...NOTICE, ...change } as any, opts))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]?.path).toBe(field)
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('orderQuery', () => {
  it('returns order_info, signed from paySignKey', async () => {
    const { fake, ctx } = await signingFake()
    const order = await orderQuery(ctx(), { package: PKG, timestamp: '1369745073' }, { paySignKey: KEY })
    expect(order).toMatchObject({ ret_code: 0, trade_state: '0', out_trade_no: '11122', partner: '1900090055' })
    const [req] = await fake.requests()
    expect(req?.body).toEqual({ appid: fake.appid, package: PKG, timestamp: '1369745073', app_signature: expect.stringMatching(/^[0-9a-f]{40}$/), sign_method: 'sha1' })
  })

  it("WeChat's 49004 for a signature made over other fields", async () => {
    const { fake, ctx } = await signingFake()
    const wrong = await appSignature({ appid: fake.appid, package: PKG, timestamp: '1' }, KEY)
    const e = await rejection(orderQuery(ctx(), { package: PKG, timestamp: '1369745073', app_signature: wrong }))
    expect(e.errcode).toBe(49004)
  })

  it.each([
    ['a package without sign', { package: 'out_trade_no=1&partner=2' }, 'package'],
    ['an empty package', { package: '' }, 'package'],
    ['a bad timestamp', { package: PKG, timestamp: 'yesterday' }, 'timestamp'],
  ] as const)('%s is rejected before sending', async (_, q, field) => {
    const { fake, ctx } = await useFake()
    const e = await rejection(orderQuery(ctx(), q, { paySignKey: KEY }))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]?.path).toBe(field)
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('updateFeedback', () => {
  it('marks a complaint handled (openid and feedbackid in the query)', async () => {
    const { fake, ctx } = await useFake()
    await updateFeedback(ctx(), 'oUser', '5883726847655944563')
    await updateFeedback(ctx(), 'oUser', 12345)
    const reqs = await fake.requests()
    expect(reqs.map((r) => [r.method, r.query.openid, r.query.feedbackid])).toEqual([
      ['GET', 'oUser', '5883726847655944563'],
      ['GET', 'oUser', '12345'],
    ])
  })

  it("WeChat's 43004 for a buyer who no longer follows", async () => {
    const { ctx } = await useFake()
    expect((await rejection(updateFeedback(ctx(), 'o_unfollowed', '1'))).errcode).toBe(43004)
  })

  it.each([
    ['a bad openid', 'o user', '1', 'openid'],
    ['a non-numeric feedbackid', 'oUser', 'abc', 'feedbackid'],
    ['an unsafe integer feedbackid', 'oUser', 5883726847655944563, 'feedbackid'],
  ] as const)('%s is rejected before sending', async (_, openid, id, field) => {
    const { fake, ctx } = await useFake()
    const e = await rejection(updateFeedback(ctx(), openid, id))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]?.path).toBe(field)
    expect((await fake.stats()).calls).toEqual({})
  })
})
