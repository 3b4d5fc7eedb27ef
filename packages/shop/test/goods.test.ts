import { createGoods, deleteGoods, getGoods, getGoodsByStatus, getWXCategory, getWXProperty, getWXSKU, updateGoods, updateGoodsStatus, updateStock, type Goods } from '@wx/shop'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { goodsSchema } from '../src/_schemas.ts'
import { SEED_GOODS } from './fixtures.ts'
import { rejectedLocally, rejectedWith } from './_helpers.ts'

const UNIFORM: Goods = {
  product_base: { name: 'Tea', category_id: [537074298], main_img: 'http://mmbiz.qpic.cn/mmbiz/tea/0' },
  sku_list: [{ sku_id: '', price: 1990, ori_price: 2990, quantity: 5 }],
  delivery_info: { delivery_type: 1, template_id: 7 },
}

describe('goods', () => {
  it('the seed goods payload passes the schema unchanged', () => {
    const r = v.safeParse(goodsSchema(), SEED_GOODS)
    expect(r.issues).toBeUndefined()
    expect(r.output).toEqual(SEED_GOODS)
  })

  it('createGoods / getGoods / updateGoods / getGoodsByStatus / updateGoodsStatus / deleteGoods round trip', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { product_id } = await createGoods(c, SEED_GOODS)
    expect(product_id).toMatch(/^pFAKE/)
    expect((await fake.requests())[0]!.body).toEqual(SEED_GOODS)
    const { product_info } = await getGoods(c, product_id)
    expect(product_info.product_base.name).toBe('testaddproduct')
    expect(product_info.sku_list).toHaveLength(2)

    await updateGoods(c, product_id, { ...SEED_GOODS, product_base: { ...SEED_GOODS.product_base, name: 'renamed' } })
    expect((await getGoods(c, product_id)).product_info.product_base.name).toBe('renamed')

    expect((await getGoodsByStatus(c, 1)).products_info).toEqual([])
    await updateGoodsStatus(c, product_id, 1)
    expect((await getGoodsByStatus(c, 1)).products_info.map((p) => p.product_id)).toEqual([product_id])
    expect((await getGoodsByStatus(c)).products_info).toHaveLength(1)

    await deleteGoods(c, product_id)
    await rejectedWith(getGoods(c, product_id), 40097)
  })

  it('errcodes: unknown product ids, and 48001 for an account without the shop', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedWith(getGoods(c, 'p_unknown'), 40097)
    await rejectedWith(deleteGoods(c, 'p_unknown'), 40097)
    await rejectedWith(updateGoods(c, 'p_unknown', UNIFORM), 40097)
    await rejectedWith(updateGoodsStatus(c, 'p_unknown', 0), 40097)
    await fake.failNext(48001)
    const e = await rejectedWith(createGoods(c, UNIFORM), 48001)
    expect(e.hint).toMatch(/permission/)
    await fake.failNext(48001)
    await rejectedWith(getGoodsByStatus(c, 0), 48001)
  })

  it('bad goods are rejected before sending, naming the field', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const base = UNIFORM.product_base
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, product_base: { ...base, name: '' } }), 'product_base.name')
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, product_base: { ...base, category_id: [] } }), 'product_base.category_id')
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, sku_list: [] }), 'sku_list')
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, sku_list: [{ sku_id: 'no-colon', price: 1, ori_price: 1, quantity: 1 }] }), 'sku_list.0.sku_id')
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, sku_list: [{ sku_id: '', price: -1, ori_price: 1, quantity: 1 }] }), 'sku_list.0.price')
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, delivery_info: { delivery_type: 1 } }), 'delivery_info')
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, delivery_info: { delivery_type: 0, express: [{ id: 1 as never, price: 1 }] } }), 'delivery_info.express.0.id')
    await rejectedLocally(fake, createGoods(c, { ...UNIFORM, attrext: { isPostFree: 2 as never } }), 'attrext.isPostFree')
    await rejectedLocally(fake, updateGoods(c, 'bad id!', UNIFORM), 'product_id')
    await rejectedLocally(fake, getGoods(c, ''), 'product_id')
    await rejectedLocally(fake, deleteGoods(c, 'a b'), 'product_id')
    await rejectedLocally(fake, getGoodsByStatus(c, 3 as never), 'status')
    await rejectedLocally(fake, updateGoodsStatus(c, 'p1', 2 as never), 'status')
  })

  it('free shipping (attrext.isPostFree 1): delivery_info may be left out; otherwise it is required', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { delivery_info: _, ...rest } = UNIFORM
    // A check over the whole product (its issue has no path): the message names the field.
    await rejectedLocally(fake, createGoods(c, rest))
    await rejectedLocally(fake, createGoods(c, { ...rest, attrext: { isPostFree: 0 } }))
    const e = await createGoods(c, rest).catch((e) => e)
    expect(e.issues).toEqual([{ path: '', message: 'delivery_info: required unless attrext.isPostFree is 1' }])
    const free: Goods = { ...rest, attrext: { isPostFree: 1 } }
    const { product_id } = await createGoods(c, free)
    expect((await fake.requests())[0]!.body).toEqual(free)
    await updateGoods(c, product_id, free)
    expect((await getGoods(c, product_id)).product_info.delivery_info).toBeUndefined()
    expect((await updateGoods(c, product_id, rest).catch((e) => e)).code).toBe('wx/validation')
  })

  it('custom SKUs ("$xxx", spaces allowed) are accepted by createGoods and updateStock', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const sku = '$尺码:$XL 加大'
    const custom: Goods = {
      ...UNIFORM,
      product_base: { ...UNIFORM.product_base, sku_info: [{ id: '$尺码', vid: ['$XL 加大'] }] },
      sku_list: [{ sku_id: sku, price: 1990, ori_price: 2990, quantity: 5 }],
    }
    const { product_id } = await createGoods(c, custom)
    await updateStock(c, product_id, 3, { sku })
    await updateStock(c, product_id, -1, { sku })
    expect((await getGoods(c, product_id)).product_info.sku_list).toMatchObject([{ sku_id: sku, quantity: 7 }])
  })

  it('once on sale, a product keeps its name, category and properties (the fake answers 40097); other fields still change', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const { product_id } = await createGoods(c, SEED_GOODS)
    const base = SEED_GOODS.product_base
    await updateGoods(c, product_id, { ...SEED_GOODS, product_base: { ...base, name: 'renamed before sale' } })
    await updateGoodsStatus(c, product_id, 1)
    await updateGoodsStatus(c, product_id, 0) // off sale again: still refused
    const now = { ...SEED_GOODS, product_base: { ...base, name: 'renamed before sale' } }
    await rejectedWith(updateGoods(c, product_id, { ...now, product_base: { ...now.product_base, name: 'renamed after' } }), 40097)
    await rejectedWith(updateGoods(c, product_id, { ...now, product_base: { ...now.product_base, category_id: ['537074292'] } }), 40097)
    await rejectedWith(updateGoods(c, product_id, { ...now, product_base: { ...now.product_base, property: [] } }), 40097)
    await updateGoods(c, product_id, { ...now, product_base: { ...now.product_base, category_id: [537074298], buy_limit: 1 } })
    expect((await getGoods(c, product_id)).product_info.product_base.buy_limit).toBe(1)
  })

  it('the fake itself refuses a malformed product (40097)', async () => {
    const { ctx } = await useFake()
    const { callApi, defineEndpoint } = await import('@wx/core')
    const raw = defineEndpoint({ method: 'POST', path: '/merchant/create', retry: 'send' })
    await rejectedWith(callApi(ctx(), raw, { body: { ...UNIFORM, delivery_info: { delivery_type: 0 } } }), 40097)
    const { delivery_info: _, ...rest } = UNIFORM
    expect((await rejectedWith(callApi(ctx(), raw, { body: { ...rest, attrext: { isPostFree: 0 } } }), 40097)).errmsg).toMatch(/delivery_info/)
    await callApi(ctx(), raw, { body: { ...rest, attrext: { isPostFree: 1 } } })
  })
})

describe('categories', () => {
  it('getWXCategory / getWXSKU / getWXProperty', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    expect((await getWXCategory(c)).cate_list.map((x) => x.id)).toContain('537074292')
    expect((await getWXCategory(c, '537074292')).cate_list).toEqual([{ id: '537074298', name: '单反相机' }])
    expect((await getWXSKU(c, 537074298)).sku_table[0]!.value_list).toHaveLength(2)
    expect((await getWXProperty(c, 537074298)).properties[0]!.name).toBe('品牌')
  })

  it('errcodes: unknown categories', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    await rejectedWith(getWXCategory(c, 42), 40097)
    await rejectedWith(getWXSKU(c, 42), 40097)
    await rejectedWith(getWXProperty(c, 42), 40097)
  })

  it('bad category ids are rejected before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, getWXCategory(c, -1), 'cate_id')
    await rejectedLocally(fake, getWXSKU(c, 'abc'), 'cate_id')
    await rejectedLocally(fake, getWXProperty(c, 1.5), 'cate_id')
  })
})

describe('updateStock', () => {
  it('adds with a positive change and reduces with a negative one, per SKU', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { product_id } = await createGoods(c, SEED_GOODS)
    await updateStock(c, product_id, 10, { sku: '1075741873:1079742386' })
    await updateStock(c, product_id, -5, { sku: '1075741873:1079742363' })
    const skus = (await getGoods(c, product_id)).product_info.sku_list
    expect(skus.map((s) => s.quantity)).toEqual([810, 795])
    const calls = (await fake.stats()).calls
    expect(calls['/merchant/stock/add']).toBe(1)
    expect(calls['/merchant/stock/reduce']).toBe(1)
    const { product_id: uniform } = await createGoods(c, UNIFORM)
    await updateStock(c, uniform, -5)
    expect((await getGoods(c, uniform)).product_info.sku_list[0]!.quantity).toBe(0)
  })

  it('errcodes: more than in stock, unknown SKU; a send is not resent after a timeout', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ timeout: 300 })
    const { product_id } = await createGoods(c, UNIFORM)
    await rejectedWith(updateStock(c, product_id, -6), 40097)
    await rejectedWith(updateStock(c, product_id, 1, { sku: '1:2' }), 40097)
    await fake.failNext(-1)
    const e = await updateStock(c, product_id, 1).catch((e) => e)
    expect(e.code).toBe('wx/outcome-unknown')
    expect((await fake.stats()).calls['/merchant/stock/add']).toBe(2)
  })

  it('a zero or fractional change and a bad SKU are rejected before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, updateStock(c, 'p1', 0), 'quantity')
    await rejectedLocally(fake, updateStock(c, 'p1', 1.5), 'quantity')
    await rejectedLocally(fake, updateStock(c, 'p1', 1, { sku: 'red' }), 'sku_info')
    await rejectedLocally(fake, updateStock(c, '', 1), 'product_id')
  })
})
