import { createGoods, createGoodsGroup, deleteGoodsGroup, getAllGroups, getGroupById, updateGoodsForGroup, updateGoodsGroup } from '@wx/shop'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { SEED_GOODS } from './fixtures.ts'
import { rejectedLocally, rejectedWith } from './_helpers.ts'

describe('goods groups', () => {
  it('create / rename / add and remove goods / getAll / getById / delete', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { product_id: a } = await createGoods(c, SEED_GOODS)
    const { product_id: b } = await createGoods(c, SEED_GOODS)
    const { group_id } = await createGoodsGroup(c, '新品上架', [a])
    expect((await fake.requests()).at(-1)!.body).toEqual({ group_detail: { group_name: '新品上架', product_list: [a] } })
    const { group_id: empty } = await createGoodsGroup(c, '全球热卖')
    await updateGoodsGroup(c, String(group_id), '新品')
    await updateGoodsForGroup(c, group_id, { add: [b], remove: [a] })
    expect((await fake.requests()).at(-1)!.body).toEqual({ group_id, product: [{ product_id: b, mod_action: 1 }, { product_id: a, mod_action: 0 }] })
    expect((await getGroupById(c, group_id)).group_detail).toEqual({ group_id, group_name: '新品', product_list: [b] })
    expect((await getAllGroups(c)).groups_detail).toEqual([
      { group_id, group_name: '新品' },
      { group_id: empty, group_name: '全球热卖' },
    ])
    await deleteGoodsGroup(c, empty)
    expect((await getAllGroups(c)).groups_detail).toHaveLength(1)
  })

  it('errcodes: unknown groups and products, 48001', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedWith(createGoodsGroup(c, 'x', ['p_unknown']), 40097)
    await rejectedWith(deleteGoodsGroup(c, 1), 40097)
    await rejectedWith(updateGoodsGroup(c, 1, 'x'), 40097)
    await rejectedWith(updateGoodsForGroup(c, 1, { add: ['p1'] }), 40097)
    await rejectedWith(updateGoodsForGroup(c, 1, { add: ['p1'], remove: null as never }), 40097) // null: nothing to remove
    expect((await fake.requests()).at(-1)!.body).toEqual({ group_id: 1, product: [{ product_id: 'p1', mod_action: 1 }] })
    await rejectedWith(getGroupById(c, 1), 40097)
    await fake.failNext(48001)
    await rejectedWith(getAllGroups(c), 48001)
  })

  it('bad input is rejected before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, createGoodsGroup(c, ''), 'group_detail.group_name')
    await rejectedLocally(fake, createGoodsGroup(c, 'x', ['bad id']), 'group_detail.product_list.0')
    await rejectedLocally(fake, deleteGoodsGroup(c, 'abc'), 'group_id')
    await rejectedLocally(fake, updateGoodsGroup(c, 1, ''), 'group_name')
    await rejectedLocally(fake, updateGoodsForGroup(c, 1, {}), 'product')
    await rejectedLocally(fake, updateGoodsForGroup(c, 1, undefined as never), 'product')
    await rejectedLocally(fake, updateGoodsForGroup(c, 1, { add: 42 as never }), 'product.0.product_id')
    await rejectedLocally(fake, updateGoodsForGroup(c, 1, { remove: [''] }), 'product.0.product_id')
    await rejectedLocally(fake, getGroupById(c, -3), 'group_id')
  })
})
