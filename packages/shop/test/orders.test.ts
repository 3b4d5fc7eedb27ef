import { closeOrder, getOrderById, getOrdersByStatus, setExpressForOrder } from '@wx/shop'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { SEED_ORDERS } from './fixtures.ts'
import { rejectedLocally, rejectedWith, rejection } from './_helpers.ts'

const [A, B] = SEED_ORDERS as [(typeof SEED_ORDERS)[0], (typeof SEED_ORDERS)[0]]
const PENDING = { ...A, order_id: '7197417460812533600', order_status: 2, order_create_time: 1394640000, delivery_id: '', delivery_company: '' }

async function seeded() {
  const f = await useFake()
  await f.fake.setData('shop', { orders: [A, B, PENDING] })
  return f
}

describe('orders', () => {
  it('getOrderById and getOrdersByStatus (by status, by time)', async () => {
    const { fake, ctx } = await seeded()
    const c = ctx()
    expect((await getOrderById(c, A.order_id)).order).toEqual(A)
    expect((await getOrdersByStatus(c)).order_list.map((o) => o.order_id)).toEqual([A.order_id, B.order_id, PENDING.order_id])
    expect((await getOrdersByStatus(c, { status: 8 })).order_list).toEqual([B])
    expect((await getOrdersByStatus(c, 8)).order_list).toEqual([B]) // the seed's positional status
    const since = await getOrdersByStatus(c, { beginTime: new Date(1394636000_000) })
    expect(since.order_list.map((o) => o.order_id)).toEqual([B.order_id, PENDING.order_id])
    const body = (await fake.requests()).at(-1)!.body as { begintime: number; endtime: number }
    expect(body.begintime).toBe(1394636000)
    expect(Math.abs(body.endtime - Date.now() / 1000)).toBeLessThan(60)
    const window = await getOrdersByStatus(c, { status: 2, beginTime: 1394630000, endTime: new Date(1394650000_000) })
    expect(window.order_list.map((o) => o.order_id)).toEqual([PENDING.order_id])
  })

  it("getOrderById: the manual's receiver_zone (区/县) is typed", async () => {
    const f = await useFake()
    const zoned = { ...A, receiver_zone: '天河区' }
    await f.fake.setData('shop', { orders: [zoned] })
    const { order } = await getOrderById(f.ctx(), A.order_id)
    const zone: string | undefined = order.receiver_zone
    expect(zone).toBe('天河区')
    expect(order).toEqual(zoned)
  })

  it('getOrdersByStatus: null (the filter or any of its fields) is "not set": the same request as without it', async () => {
    const { fake, ctx } = await seeded()
    const c = ctx()
    const N = null as never
    await getOrdersByStatus(c, null)
    await getOrdersByStatus(c, { status: N, beginTime: N, endTime: N })
    await getOrdersByStatus(c)
    await getOrdersByStatus(c, { status: 2, beginTime: 1394630000, endTime: N })
    await getOrdersByStatus(c, { status: 2, beginTime: 1394630000 })
    const bodies = (await fake.requests()).map((r) => r.body as { endtime?: number })
    expect(bodies.slice(0, 3)).toEqual([{}, {}, {}])
    expect(Math.abs(bodies[3]!.endtime! - bodies[4]!.endtime!)).toBeLessThan(60)
    expect(bodies[3]).toEqual({ ...bodies[4], endtime: bodies[3]!.endtime })
  })

  it('setExpressForOrder ships a pending order once; closeOrder closes', async () => {
    const { fake, ctx } = await seeded()
    const c = ctx()
    await setExpressForOrder(c, PENDING.order_id, { company: '059Yunda', trackNo: '1900659372473' })
    expect((await fake.requests()).at(-1)!.body).toEqual({
      order_id: PENDING.order_id, need_delivery: 1, delivery_company: '059Yunda', delivery_track_no: '1900659372473', is_others: 0,
    })
    const { order } = await getOrderById(c, PENDING.order_id)
    expect(order).toMatchObject({ order_status: 3, delivery_company: '059Yunda', delivery_id: '1900659372473' })
    expect((await fake.stats()).deliveries).toBe(1)
    await closeOrder(c, A.order_id)
  })

  it('setExpressForOrder(null): no shipment needed (virtual goods)', async () => {
    const { fake, ctx } = await seeded()
    await setExpressForOrder(ctx(), PENDING.order_id, null)
    expect((await fake.requests()).at(-1)!.body).toEqual({ order_id: PENDING.order_id, need_delivery: 0 })
  })

  it('errcodes: unknown orders, an order not awaiting shipment; a send is not resent', async () => {
    const { fake, ctx } = await seeded()
    const c = ctx()
    await rejectedWith(getOrderById(c, '1'), 40097)
    await rejectedWith(closeOrder(c, '1'), 40097)
    await rejectedWith(setExpressForOrder(c, A.order_id, { company: 'x', trackNo: '1' }), 40097)
    await fake.failNext(48001)
    await rejectedWith(getOrdersByStatus(c), 48001)
    await fake.failNext(-1)
    const e = await setExpressForOrder(c, PENDING.order_id, { company: '059Yunda', trackNo: '1' }).catch((e) => e)
    expect(e.code).toBe('wx/outcome-unknown')
    expect((await fake.stats()).calls['/merchant/order/setdelivery']).toBe(2)
  })

  it('bad input is rejected before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, getOrderById(c, 'abc'), 'order_id')
    await rejectedLocally(fake, closeOrder(c, ''), 'order_id')
    await rejectedLocally(fake, getOrdersByStatus(c, { status: 4 as never }), 'status')
    await rejectedLocally(fake, getOrdersByStatus(c, 4 as never), 'status')
    const e = await rejection(getOrdersByStatus(c, new Date() as never))
    expect(e.message).toContain('{ beginTime: date }')
    await rejectedLocally(fake, getOrdersByStatus(c, { beginTime: 200, endTime: 100 }))
    await rejectedLocally(fake, getOrdersByStatus(c, { beginTime: new Date('nonsense') }), 'begintime')
    await rejectedLocally(fake, setExpressForOrder(c, '1', { company: '', trackNo: '1' }), 'delivery_company')
    await rejectedLocally(fake, setExpressForOrder(c, '1', { company: 'x', trackNo: 'has space' }), 'delivery_track_no')
    // A forgotten delivery argument is not "no shipment" (that completes the order and tells the buyer): only null is.
    await rejectedLocally(fake, setExpressForOrder(c, '7197417460812533543', undefined as never), 'delivery_company')
    await rejectedLocally(fake, setExpressForOrder(c, '7197417460812533543', 'SF123' as never), 'delivery_company')
  })
})
