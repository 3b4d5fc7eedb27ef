import {
  addSubscribeTemplate,
  addTemplate,
  deleteSubscribeTemplate,
  getPubTemplateKeywords,
  getPubTemplateTitles,
  getSubscribeAuthorizeURL,
  getSubscribeCategories,
  getSubscribeTemplates,
  sendSubscribeMessage,
} from '@wx/template'
import { isWxError } from '@wx/core'
import { describe, expect, it } from 'vitest'
import { rejectedLocally, rejects, useFake } from '../../../test/fake.ts'

describe('subscribe-notification templates', () => {
  it('discover a template in the library, add it, list it, send with it, delete it', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { data: cats } = await getSubscribeCategories(c)
    expect(cats).toContainEqual({ id: 616, name: '公交' })
    const titles = await getPubTemplateTitles(c, [616], { start: 0, limit: 1 })
    expect(titles).toEqual({ count: 2, data: [{ tid: 99, title: '订单发货提醒', type: 3, categoryId: '616' }] })
    const { data: keywords } = await getPubTemplateKeywords(c, titles.data[0]!.tid)
    expect(keywords.map((k) => [k.kid, k.rule])).toEqual([[1, 'thing'], [2, 'time'], [3, 'character_string'], [4, 'amount']])
    const { priTmplId } = await addSubscribeTemplate(c, { tid: 99, kidList: [1, 2], sceneDesc: 'Order shipped' })
    const { data } = await getSubscribeTemplates(c)
    expect(data).toEqual([expect.objectContaining({ priTmplId, title: '订单发货提醒', content: '物品名称:{{thing1.DATA}}\n发货时间:{{time2.DATA}}', type: 3 })])
    await sendSubscribeMessage(c, 'oUser', { template_id: priTmplId, data: { thing1: { value: 'Coffee' }, time2: { value: '2024-06-01 10:00' } } })
    await deleteSubscribeTemplate(c, priTmplId)
    expect((await getSubscribeTemplates(c)).data).toEqual([])
    await rejects(deleteSubscribeTemplate(c, priTmplId), 'wx/api', 20001)
    const reqs = await fake.requests()
    expect(reqs.find((r) => r.path === '/wxaapi/newtmpl/getpubtemplatetitles')!.query).toMatchObject({ ids: '616', start: '0', limit: '1' })
    expect(reqs.find((r) => r.path === '/wxaapi/newtmpl/addtemplate')!.body).toEqual({ tid: '99', kidList: [1, 2], sceneDesc: 'Order shipped' })
  })

  it('addSubscribeTemplate sends tid as a string (as WeChat documents it), given a number or digits', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const a = await addSubscribeTemplate(c, { tid: 99, kidList: [1, 2], sceneDesc: 'Order shipped' })
    const b = await addSubscribeTemplate(c, { tid: '100', kidList: [2, 1], sceneDesc: 'Booked' })
    expect((await getSubscribeTemplates(c)).data.map((t) => [t.priTmplId, t.title])).toEqual([[a.priTmplId, '订单发货提醒'], [b.priTmplId, '预约成功通知']])
    const sent = (await fake.requests()).filter((r) => r.path === '/wxaapi/newtmpl/addtemplate').map((r) => (r.body as { tid: unknown }).tid)
    expect(sent).toEqual(['99', '100'])
  })

  it("answer the library's errcodes", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejects(getPubTemplateTitles(c, [1]), 'wx/api', 200019)
    await rejects(getPubTemplateKeywords(c, 12345), 'wx/api', 200014)
    await rejects(addSubscribeTemplate(c, { tid: 12345, kidList: [1, 2], sceneDesc: 'x' }), 'wx/api', 200014)
    await rejects(addSubscribeTemplate(c, { tid: 100, kidList: [1, 9], sceneDesc: 'x' }), 'wx/api', 200020)
    await fake.failNext(48001, 1, '/wxaapi/newtmpl/getcategory')
    await rejects(getSubscribeCategories(c), 'wx/api', 48001)
    await fake.failNext(48001, 1, '/wxaapi/newtmpl/gettemplate')
    await rejects(getSubscribeTemplates(c), 'wx/api', 48001)
    await fake.failNext(200012, 1, '/wxaapi/newtmpl/addtemplate')
    await rejects(addSubscribeTemplate(c, { tid: 100, kidList: [1, 2], sceneDesc: 'x' }), 'wx/api', 200012)
  })

  it('addSubscribeTemplate is a send: not resent after an ambiguous failure', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext('reset', 1, '/wxaapi/newtmpl/addtemplate')
    await rejects(addSubscribeTemplate(ctx(), { tid: 99, kidList: [1, 2], sceneDesc: 'x' }), 'wx/outcome-unknown')
    expect((await fake.stats()).calls['/wxaapi/newtmpl/addtemplate']).toBe(1)
    expect((await getSubscribeTemplates(ctx())).data).toHaveLength(1) // it did add one
  })

  it('reject bad input before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, getPubTemplateTitles(c, []), 'ids')
    await rejectedLocally(fake, getPubTemplateTitles(c, [616], { limit: 31 }), 'limit')
    await rejectedLocally(fake, getPubTemplateTitles(c, [616], { start: -1 }), 'start')
    await rejectedLocally(fake, getPubTemplateKeywords(c, 'abc'), 'tid')
    await rejectedLocally(fake, addSubscribeTemplate(c, { tid: 99, kidList: [1], sceneDesc: 'x' }), 'kidList')
    await rejectedLocally(fake, addSubscribeTemplate(c, { tid: 99, kidList: [1, 2, 3, 4, 5, 6], sceneDesc: 'x' }), 'kidList')
    await rejectedLocally(fake, addSubscribeTemplate(c, { tid: 99, kidList: [1, 1], sceneDesc: 'x' }), 'kidList')
    await rejectedLocally(fake, addSubscribeTemplate(c, { tid: 99, kidList: [1, 2], sceneDesc: '一二三四五六七八九十一二三四五六' }), 'sceneDesc')
    await rejectedLocally(fake, addSubscribeTemplate(c, { tid: 0, kidList: [1, 2], sceneDesc: 'x' }), 'tid')
    for (const tid of ['', '0', '-1', 'abc', '9 9', 1.5, -3, Number.NaN, null] as never[])
      await rejectedLocally(fake, addSubscribeTemplate(c, { tid, kidList: [1, 2], sceneDesc: 'x' }), 'tid')
    await rejectedLocally(fake, deleteSubscribeTemplate(c, ''), 'priTmplId')
  })
})

describe('getSubscribeAuthorizeURL', () => {
  it('builds the one-time subscription link', () => {
    const url = getSubscribeAuthorizeURL({ appid: 'wx0123456789abcdef' }, { template_id: 'tpl-1', scene: 1000, redirect_url: 'https://example.com/back?x=1&y=2', reserved: 'abc123' })
    expect(url).toBe(
      'https://mp.weixin.qq.com/mp/subscribemsg?action=get_confirm&appid=wx0123456789abcdef&scene=1000&template_id=tpl-1&redirect_url=https%3A%2F%2Fexample.com%2Fback%3Fx%3D1%26y%3D2&reserved=abc123#wechat_redirect',
    )
    expect(getSubscribeAuthorizeURL({ appid: 'wx1' }, { template_id: 't', scene: 0, redirect_url: 'http://a.b' })).not.toContain('reserved')
  })

  it("takes the context's appid, and makes no request", async () => {
    const { fake, ctx } = await useFake()
    expect(getSubscribeAuthorizeURL(ctx(), { template_id: 't', scene: 5, redirect_url: 'https://a.b' })).toContain(`&appid=${fake.appid}&`)
    expect((await fake.stats()).calls).toEqual({})
  })

  it.each([
    [{ template_id: 't', scene: 10001, redirect_url: 'https://a.b' }, 'scene'],
    [{ template_id: 't', scene: 1.5, redirect_url: 'https://a.b' }, 'scene'],
    [{ template_id: 't', scene: 1, redirect_url: 'javascript:alert(1)' }, 'redirect_url'],
    [{ template_id: 't', scene: 1, redirect_url: 'https://a.b', reserved: 'a&b' }, 'reserved'],
    [{ template_id: 't', scene: 1, redirect_url: 'https://a.b', reserved: 'x'.repeat(129) }, 'reserved'],
    [{ template_id: '', scene: 1, redirect_url: 'https://a.b' }, 'template_id'],
  ])('rejects %j with wx/validation', (o, field) => {
    let e: unknown
    try {
      getSubscribeAuthorizeURL({ appid: 'wx1' }, o)
    } catch (x) {
      e = x
    }
    expect(isWxError(e) && e.code === 'wx/validation').toBe(true)
    expect(JSON.stringify((e as any).issues)).toContain(field)
  })
})

describe('null option fields', () => {
  it('are "not set": each call sends what it sends with the fields left out', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const N = null as never
    await getPubTemplateTitles(c, [616], { start: N, limit: N })
    await getPubTemplateTitles(c, [616])
    await addTemplate(c, 'NOPE1', { keywordNames: N }).catch(() => {}) // 40037, after the request
    await addTemplate(c, 'NOPE1').catch(() => {})
    const [a, b, d, e] = (await fake.requests()).map(({ query, body }) => ({ query, body }))
    expect(a).toEqual(b)
    expect(a!.query).toMatchObject({ start: '0', limit: '30' })
    expect(d).toEqual(e)
    const o = { template_id: 't', scene: 0, redirect_url: 'https://a.b' }
    expect(getSubscribeAuthorizeURL({ appid: 'wx1' }, { ...o, reserved: N })).toBe(getSubscribeAuthorizeURL({ appid: 'wx1' }, o))
  })
})
