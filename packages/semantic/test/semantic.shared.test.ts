import { semantic } from '@wx/semantic'
import { describe, expect, it, vi } from 'vitest'
import { useFake, rejection } from '../../../test/fake.ts'

const PATH = '/semantic/semproxy/search'
const FLIGHT = { query: '查一下明天从北京到上海的南航机票', city: '北京', category: 'flight,hotel' }

describe('semantic', () => {
  it('understands a flight request, sending the context appid and the uid', async () => {
    const { fake, ctx } = await useFake()
    const r = await semantic(ctx(), 'oUser', FLIGHT)
    expect(r).toMatchObject({ type: 'flight', semantic: { intent: 'SEARCH', details: { airline: '中国南方航空公司' } } })
    const [req] = await fake.requests()
    expect(req).toMatchObject({ method: 'POST', path: PATH, body: { ...FLIGHT, appid: fake.appid, uid: 'oUser' } })
  })

  it('joins an array of categories, drops spaces, and leaves uid out when it is empty', async () => {
    const { fake, ctx } = await useFake()
    await semantic(ctx(), '', { query: '明天的机票', category: ['flight', 'hotel'], latitude: 39.9, longitude: 116.4 })
    await semantic(ctx(), '', { query: '明天的机票', category: 'flight, hotel', region: '海淀' })
    const [a, b] = await fake.requests()
    expect(a?.body).toEqual({ query: '明天的机票', category: 'flight,hotel', latitude: 39.9, longitude: 116.4, appid: fake.appid })
    expect(b?.body).toEqual({ query: '明天的机票', category: 'flight,hotel', region: '海淀', appid: fake.appid })
  })

  it('7000000 (understood, no semantic result) is a result without type', async () => {
    const { ctx } = await useFake()
    const r = await semantic(ctx(), 'oUser', { query: '你好', category: 'music' })
    expect(r.type).toBeUndefined()
    expect(r).toMatchObject({ errcode: 7000000 })
  })

  it('a 7000000 answer without query (as WeChat documents it) is data, not schema drift', async () => {
    const { ctx } = await useFake()
    const onSchemaDrift = vi.fn()
    const r = await semantic(ctx({ hooks: { onSchemaDrift } }), 'oUser', { query: '你好', category: 'music' })
    expect(Object.keys(r).sort()).toEqual(['errcode', 'errmsg'])
    expect(r.errcode).toBe(7000000)
    expect(onSchemaDrift).not.toHaveBeenCalled()
  })

  it("WeChat's errcodes: 7000030 for a category it does not know", async () => {
    const { ctx } = await useFake()
    const e = await rejection(semantic(ctx(), 'oUser', { query: '你好', category: 'spaceship' }))
    expect(e.errcode).toBe(7000030)
    expect(e.code).toBe('wx/api')
  })

  it.each([
    ['an empty query', { query: '', category: 'flight' }, 'query'],
    ['an empty category', { query: 'q', category: '' }, 'category'],
    ['an empty category list', { query: 'q', category: [] }, 'category'],
    ['a category that is not a service name', { query: 'q', category: 'Flight;hotel' }, 'category'],
    ['latitude without longitude', { query: 'q', category: 'nearby', latitude: 39.9 }, 'longitude'],
    ['latitude out of range', { query: 'q', category: 'nearby', latitude: 91, longitude: 1 }, 'latitude'],
  ] as const)('%s is rejected before sending', async (_, q, field) => {
    const { fake, ctx } = await useFake()
    const e = await rejection(semantic(ctx(), 'oUser', q))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]?.path).toBe(field)
    expect((await fake.stats()).calls).toEqual({})
  })
})
