import { createShelf, deleteShelf, getAllShelf, getAllShelves, getShelfById, updateShelf, type Shelf, type ShelfModule } from '@wx/shop'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { shelfShape } from '../src/_schemas.ts'
import { SEED_SHELF } from './fixtures.ts'
import { rejectedLocally, rejectedWith } from './_helpers.ts'

const withModules = (...module_infos: ShelfModule[]): Shelf => ({ ...SEED_SHELF, shelf_data: { module_infos } })
const IMG = 'http://mmbiz.qpic.cn/mmbiz/x/0'

describe('shelves', () => {
  it('the seed shelf passes the schema unchanged', () => {
    const r = v.safeParse(v.object(shelfShape()), SEED_SHELF)
    expect(r.issues).toBeUndefined()
    expect(r.output).toEqual(SEED_SHELF)
  })

  it('control 5 takes any number of groups (the manual gives a maximum for controls 2 and 4 only)', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const groups = Array.from({ length: 6 }, (_, i) => ({ group_id: 40 + i }))
    const alone = withModules({ eid: 5, group_infos: { groups, img_background: IMG } })
    const { shelf_id } = await createShelf(c, alone)
    expect((await getShelfById(c, shelf_id)).shelf_info.module_infos).toEqual(alone.shelf_data.module_infos)
  })

  it('create / getById / update / getAll (and its alias getAllShelf) / delete', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { shelf_id } = await createShelf(c, SEED_SHELF)
    expect((await fake.requests())[0]!.body).toEqual(SEED_SHELF)
    const one = await getShelfById(c, shelf_id)
    expect(one).toMatchObject({ shelf_id, shelf_name: '测试货架', shelf_info: SEED_SHELF.shelf_data })
    await updateShelf(c, { shelf_id, ...withModules({ eid: 3, group_info: { group_id: 52, img: IMG } }), shelf_name: '店铺' })
    expect((await getShelfById(c, String(shelf_id))).shelf_info.module_infos).toEqual([{ eid: 3, group_info: { group_id: 52, img: IMG } }])
    expect(getAllShelf).toBe(getAllShelves)
    expect((await getAllShelf(c)).shelves.map((s) => s.shelf_name)).toEqual(['店铺'])
    await deleteShelf(c, shelf_id)
    expect((await getAllShelves(c)).shelves).toEqual([])
  })

  it('errcodes: unknown shelves, 48001', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedWith(getShelfById(c, 9), 40097)
    await rejectedWith(updateShelf(c, { shelf_id: 9, ...SEED_SHELF }), 40097)
    await rejectedWith(deleteShelf(c, 9), 40097)
    await fake.failNext(48001)
    await rejectedWith(createShelf(c, SEED_SHELF), 48001)
    await fake.failNext(48001)
    await rejectedWith(getAllShelves(c), 48001)
  })

  it('bad shelves are rejected before sending, per eid', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const g = (n: number, img?: string) => Array.from({ length: n }, (_, i) => (img ? { group_id: i, img } : { group_id: i })) as { group_id: number; img: string }[]
    await rejectedLocally(fake, createShelf(c, withModules()), 'shelf_data.module_infos')
    await rejectedLocally(fake, createShelf(c, withModules({ eid: 6 } as never)), 'shelf_data.module_infos.0.eid')
    await rejectedLocally(fake, createShelf(c, withModules({ eid: 1, group_info: { group_id: 1, filter: { count: 0 } } })), 'filter.count')
    await rejectedLocally(fake, createShelf(c, withModules({ eid: 2, group_infos: { groups: g(5) } })), 'group_infos.groups')
    await rejectedLocally(fake, createShelf(c, withModules({ eid: 3, group_info: { group_id: 1 } } as never)), 'group_info.img')
    await rejectedLocally(fake, createShelf(c, withModules({ eid: 4, group_infos: { groups: g(4, IMG) } })), 'group_infos.groups')
    await rejectedLocally(fake, createShelf(c, withModules({ eid: 5, group_infos: { groups: g(2) } } as never)), 'img_background')
    await rejectedLocally(fake, createShelf(c, { ...SEED_SHELF, shelf_name: '' }), 'shelf_name')
    await rejectedLocally(fake, updateShelf(c, { shelf_id: -1, ...SEED_SHELF }), 'shelf_id')
    await rejectedLocally(fake, getShelfById(c, 'x'), 'shelf_id')
    await rejectedLocally(fake, deleteShelf(c, 0.5), 'shelf_id')
  })
})
