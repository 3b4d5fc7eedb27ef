import {
  addTemplate, delPrivateTemplate, getAllPrivateTemplate, getIndustry, sendSubscribeMessage, sendSubscribeOnce, sendTemplate, setIndustry,
} from '@wx/template'
import { describe, expect, it } from 'vitest'
import { rejectedLocally, rejects, useFake } from '../../../test/fake.ts'

async function setup() {
  const { fake, ctx } = await useFake()
  return { fake, c: ctx() }
}

const data = { first: { value: 'Order paid', color: '#173177' }, keyword1: { value: '42' }, remark: { value: 'Thanks' } }

describe('industry', () => {
  it('setIndustry then getIndustry', async () => {
    const { fake, c } = await setup()
    await setIndustry(c, { industry_id1: 1, industry_id2: '4' })
    expect((await fake.requests())[0]!.body).toEqual({ industry_id1: '1', industry_id2: '4' })
    expect(await getIndustry(c)).toMatchObject({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: 'IT科技', second_class: '电子技术' },
    })
  })
  it('setIndustry: 43100 when changed again within a month; bad ids rejected before any request', async () => {
    const { c } = await setup()
    await setIndustry(c, { industry_id1: 1, industry_id2: 2 })
    await rejects(setIndustry(c, { industry_id1: 1, industry_id2: 3 }), 'wx/api', 43100)
    const f = await setup()
    await rejectedLocally(f.fake, setIndustry(f.c, { industry_id1: 'IT', industry_id2: 2 }), 'industry_id1')
    await rejectedLocally(f.fake, setIndustry(f.c, undefined as never))
    // WeChat's table runs 1 to 41: 42 or 999 only earn a 40102.
    await rejectedLocally(f.fake, setIndustry(f.c, { industry_id1: 41, industry_id2: 42 }), 'industry_id2')
    await rejectedLocally(f.fake, setIndustry(f.c, { industry_id1: 999, industry_id2: 1 }), 'industry_id1')
  })
  it('getIndustry: errcode', async () => {
    const { fake, c } = await setup()
    await rejects(getIndustry(c), 'wx/api', 46001)
    await fake.failNext(48001)
    await rejects(getIndustry(c), 'wx/api', 48001)
  })
})

describe('templates', () => {
  it('addTemplate, getAllPrivateTemplate, delPrivateTemplate', async () => {
    const { c } = await setup()
    const { template_id } = await addTemplate(c, 'TM00015')
    expect(template_id).toEqual(expect.any(String))
    const { template_list } = await getAllPrivateTemplate(c)
    expect(template_list).toEqual([expect.objectContaining({ template_id, content: expect.any(String) })])
    await delPrivateTemplate(c, template_id)
    expect((await getAllPrivateTemplate(c)).template_list).toEqual([])
  })
  it('addTemplate sends keyword_name_list; errcodes 40037 and 45026; bad id rejected', async () => {
    const { fake, c } = await setup()
    await addTemplate(c, 'OPENTM207498902', { keywordNames: ['订单号', '金额'] })
    expect((await fake.requests())[0]!.body).toEqual({ template_id_short: 'OPENTM207498902', keyword_name_list: ['订单号', '金额'] })
    await rejects(addTemplate(c, 'NOPE1'), 'wx/api', 40037)
    await fake.failNext(45026)
    await rejects(addTemplate(c, 'TM00016'), 'wx/api', 45026)
    const f = await setup()
    await rejectedLocally(f.fake, addTemplate(f.c, 'TM 1'), 'template_id_short')
  })
  it('addTemplate: a category template (pure-digit id) needs keywordNames, else 40246', async () => {
    const { fake, c } = await setup()
    const { template_id } = await addTemplate(c, '47123', { keywordNames: ['订单号', '金额'] })
    expect(template_id).toEqual(expect.any(String))
    expect((await fake.requests())[0]!.body).toEqual({ template_id_short: '47123', keyword_name_list: ['订单号', '金额'] })
    await rejects(addTemplate(c, '47123'), 'wx/api', 40246)
    await rejects(addTemplate(c, '47123', { keywordNames: null as never }), 'wx/api', 40246)
  })
  it('getAllPrivateTemplate: errcode', async () => {
    const { fake, c } = await setup()
    await fake.failNext(48001)
    await rejects(getAllPrivateTemplate(c), 'wx/api', 48001)
  })
  it('delPrivateTemplate: 40037 for an unknown id; bad id rejected', async () => {
    const { c } = await setup()
    await rejects(delPrivateTemplate(c, 'unknown_tpl'), 'wx/api', 40037)
    const f = await setup()
    await rejectedLocally(f.fake, delPrivateTemplate(f.c, ''), 'template_id')
  })
})

describe('sendTemplate', () => {
  it('sends with url, mini program and colours; returns the msgid exactly', async () => {
    const { fake, c } = await setup()
    const { template_id } = await addTemplate(c, 'TM00015')
    const miniprogram = { appid: 'wx0123456789abcdef', pagepath: 'pages/order?id=42' }
    const r = await sendTemplate(c, 'oUser', { template_id, url: 'https://example.com/o/42', miniprogram, data })
    expect(r).toEqual({ msgid: expect.stringMatching(/^\d{19}$/) })
    expect(BigInt(r.msgid)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER))
    const req = (await fake.requests()).at(-1)!
    expect(req.body).toEqual({ touser: 'oUser', template_id, url: 'https://example.com/o/42', miniprogram, data })
    expect((await fake.stats()).deliveries).toBe(1)
  })
  it("url '' (no link, as EasyWeChat sends it) is accepted and left out of the request", async () => {
    const { fake, c } = await setup()
    const { template_id } = await addTemplate(c, 'TM00015')
    const r = await sendTemplate(c, 'oUser', { template_id, url: '', data })
    expect(r.msgid).toMatch(/^\d+$/)
    const req = (await fake.requests()).at(-1)!
    expect(req.body).toEqual({ touser: 'oUser', template_id, data })
    expect((await fake.stats()).deliveries).toBe(1)
  })
  it('is never resent after a reset: outcome-unknown, delivered once', async () => {
    const { fake, c } = await setup()
    const { template_id } = await addTemplate(c, 'TM00015')
    await fake.failNext('reset', 1, '/cgi-bin/message/template/send')
    await rejects(sendTemplate(c, 'oUser', { template_id, data }), 'wx/outcome-unknown')
    const s = await fake.stats()
    expect(s.calls['/cgi-bin/message/template/send']).toBe(1)
    expect(s.deliveries).toBe(1)
  })
  it('passes client_msg_id: a repeat within 10 minutes is one message', async () => {
    const { fake, c } = await setup()
    const { template_id } = await addTemplate(c, 'TM00015')
    const a = await sendTemplate(c, 'oUser', { template_id, data, client_msg_id: 'order-42-paid' })
    const b = await sendTemplate(c, 'oUser', { template_id, data, client_msg_id: 'order-42-paid' })
    expect(b.msgid).toBe(a.msgid)
    expect((await fake.stats()).deliveries).toBe(1)
  })
  it('errcodes: 40037 unknown template, 43004 not a follower, 43101 refused', async () => {
    const { fake, c } = await setup()
    await rejects(sendTemplate(c, 'oUser', { template_id: 'unknown', data }), 'wx/api', 40037)
    const { template_id } = await addTemplate(c, 'TM00015')
    await rejects(sendTemplate(c, 'o_unfollowed', { template_id, data }), 'wx/api', 43004)
    await fake.failNext(43101)
    await rejects(sendTemplate(c, 'oUser', { template_id, data }), 'wx/api', 43101)
    expect((await fake.stats()).deliveries).toBe(0)
  })
  it.each([
    ['a bad colour', { data: { first: { value: 'x', color: 'red' } } }, 'data.first.color'],
    ['empty data', { data: {} }, 'data'],
    ['a bad data key', { data: { 'no spaces': { value: 'x' } } }, 'data.no spaces'],
    ['a field without a value', { data: { first: { color: '#173177' } } }, 'data.first'],
    ['a bad url', { url: 'example.com', data }, 'url'],
    ['a bad mini-program appid', { miniprogram: { appid: 'abc' }, data }, 'miniprogram.appid'],
  ])('rejects %s before any request', async (_, m, field) => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, sendTemplate(c, 'oUser', { template_id: 'tpl_1', ...m } as never), field)
  })
  it('rejects a bad openid before any request', async () => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, sendTemplate(c, 'bad openid', { template_id: 'tpl_1', data }), 'touser')
  })
})

describe('sendSubscribeOnce', () => {
  const msg = { template_id: 'once_tpl_1', scene: 1000, title: 'Order shipped', data: { content: { value: 'On its way', color: '#173177' } } }
  it('sends (scene as a string) and counts a delivery', async () => {
    const { fake, c } = await setup()
    await sendSubscribeOnce(c, 'oUser', { ...msg, url: 'https://example.com' })
    expect((await fake.requests())[0]).toMatchObject({ path: '/cgi-bin/message/template/subscribe', body: { touser: 'oUser', scene: '1000', title: 'Order shipped' } })
    expect((await fake.stats()).deliveries).toBe(1)
  })
  it('counts characters as WeChat does: an emoji is one (15 emoji fit the title)', async () => {
    const { fake, c } = await setup()
    await sendSubscribeOnce(c, 'oUser', { ...msg, title: '🎉'.repeat(15), data: { content: { value: '📦'.repeat(200) } } })
    expect((await fake.stats()).deliveries).toBe(1)
    await rejects(sendSubscribeOnce(c, 'oUser', { ...msg, title: '🎉'.repeat(16) }), 'wx/validation')
  })
  it('errcodes: 43101 (no authorization), 43004', async () => {
    const { fake, c } = await setup()
    await fake.failNext(43101)
    await rejects(sendSubscribeOnce(c, 'oUser', msg), 'wx/api', 43101)
    await rejects(sendSubscribeOnce(c, 'o_unfollowed', msg), 'wx/api', 43004)
  })
  it.each([
    ['a title over 15 characters', { title: '一二三四五六七八九十一二三四五六' }, 'title'],
    ['content over 200 characters', { data: { content: { value: 'x'.repeat(201) } } }, 'data.content.value'],
    ['a scene over 10000', { scene: 10001 }, 'scene'],
  ])('rejects %s before any request', async (_, m, field) => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, sendSubscribeOnce(c, 'oUser', { ...msg, ...m }), field)
  })
})

describe('sendSubscribeMessage', () => {
  const msg = { template_id: 'sub_tpl_1', page: 'https://example.com/o/42', data: { thing1: { value: 'Coffee' }, time2: { value: '2024-06-01 10:00' } } }
  it('sends and counts a delivery', async () => {
    const { fake, c } = await setup()
    await sendSubscribeMessage(c, 'oUser', { ...msg, miniprogram: { appid: 'wx0123456789abcdef', pagepath: 'pages/index' } })
    expect((await fake.requests())[0]).toMatchObject({ path: '/cgi-bin/message/subscribe/bizsend', body: { touser: 'oUser', template_id: 'sub_tpl_1' } })
    expect((await fake.stats()).deliveries).toBe(1)
  })
  it('returns the 64-bit msgid exactly, as a string', async () => {
    const { c } = await setup()
    const r = await sendSubscribeMessage(c, 'oUser', msg)
    expect(r).toEqual({ msgid: expect.stringMatching(/^\d{19}$/) })
    expect(BigInt(r.msgid!)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER))
    expect(r.msgid).toBe('3000000000000000001')
  })
  it('errcodes: 47003 (thing over 20 characters), 43101 (not subscribed)', async () => {
    const { fake, c } = await setup()
    await rejects(sendSubscribeMessage(c, 'oUser', { ...msg, data: { thing1: { value: 'x'.repeat(21) } } }), 'wx/api', 47003)
    await fake.failNext(43101)
    await rejects(sendSubscribeMessage(c, 'oUser', msg), 'wx/api', 43101)
    expect((await fake.stats()).deliveries).toBe(0)
  })
  it('rejects empty data and a bad openid before any request', async () => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, sendSubscribeMessage(c, 'oUser', { ...msg, data: {} }), 'data')
    await rejectedLocally(fake, sendSubscribeMessage(c, '', msg), 'touser')
  })
})
