// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): goods, filters and options built from
// values that may be undefined, and `null` options, compile; run against the fake, undefined is not sent.
import { createGoods, createGoodsGroup, getAllGroups, getOrdersByStatus, updateGoodsForGroup, updateStock, type Goods } from '@wx/shop'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { n?: number | undefined; text?: string | undefined; ids?: string[] | undefined; flag?: 0 | 1 | undefined } = {}

it('fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const goods: Goods = {
    product_base: { name: 'Tea', category_id: [537074298], main_img: 'http://mmbiz.qpic.cn/mmbiz/tea/0', img: cfg.ids, buy_limit: cfg.n },
    sku_list: [{ sku_id: '', price: 1990, ori_price: 2990, quantity: 5, icon_url: cfg.text, product_code: cfg.text }],
    attrext: { isPostFree: cfg.flag, location: undefined },
    delivery_info: { delivery_type: 1, template_id: 7, express: undefined },
  }
  const { product_id } = await createGoods(c, goods, null)
  expect((await fake.requests())[0]!.body).toEqual({
    product_base: { name: 'Tea', category_id: [537074298], main_img: 'http://mmbiz.qpic.cn/mmbiz/tea/0' },
    sku_list: [{ sku_id: '', price: 1990, ori_price: 2990, quantity: 5 }],
    attrext: {},
    delivery_info: { delivery_type: 1, template_id: 7 },
  })
  await updateStock(c, product_id, 3, { sku: cfg.text })
  await getOrdersByStatus(c, { status: undefined, beginTime: undefined, endTime: undefined }, null)
  const { group_id } = await createGoodsGroup(c, 'Teas', [], null)
  await updateGoodsForGroup(c, group_id, { add: [product_id], remove: cfg.ids }, null)
  await getAllGroups(c, null)
  expect((await fake.requests()).slice(1, 3).map((r) => r.body)).toEqual([{ product_id, sku_info: '', quantity: 3 }, {}])
})

it("getOrdersByStatus: an opts field that is undefined does not erase the filter's own call option", async () => {
  const { ctx } = await useFake()
  const ac = new AbortController()
  ac.abort()
  // The filter's signal has fired: the call is aborted, whatever `opts` leaves undefined.
  await expect(getOrdersByStatus(ctx(), { status: 2, signal: ac.signal }, { timeout: undefined, signal: undefined })).rejects.toMatchObject({ code: 'wx/aborted' })
})
