import { changeOpenid, checkCallback, getCurrentAutoreplyInfo, shortenFetch, shortenGen } from '@wx/basic'
import { describe, expect, it } from 'vitest'
import { rejectedLocally, rejects, useFake } from '../../../test/fake.ts'

const FROM = 'wx0123456789abcdef'

describe('checkCallback', () => {
  it('asks WeChat to resolve and reach the callback URL (all/DEFAULT unless told)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const r = await checkCallback(c)
    expect(r.dns[0]).toEqual({ ip: expect.any(String), real_operator: 'UNICOM' })
    expect(r.ping[0]).toMatchObject({ package_loss: '0%' })
    expect((await checkCallback(c, { action: 'dns', operator: 'CHINANET' })).ping).toEqual([])
    expect((await fake.requests()).map((q) => q.body)).toEqual([
      { action: 'all', check_operator: 'DEFAULT' },
      { action: 'dns', check_operator: 'CHINANET' },
    ])
    await fake.failNext(45009, 1, '/cgi-bin/callback/check')
    await rejects(checkCallback(c), 'wx/api', 45009)
  })

  it('rejects an unknown action or operator before sending', async () => {
    const { fake, ctx } = await useFake()
    await rejectedLocally(fake, checkCallback(ctx(), { action: 'trace' as 'all' }), 'action')
    await rejectedLocally(fake, checkCallback(ctx(), { operator: 'MOBILE' as 'CAP' }), 'check_operator')
  })
})

describe('getCurrentAutoreplyInfo', () => {
  it('reads the console auto-replies', async () => {
    const { fake, ctx } = await useFake()
    const r = await getCurrentAutoreplyInfo(ctx())
    expect(r).toMatchObject({ is_add_friend_reply_open: 1, is_autoreply_open: 1, add_friend_autoreply_info: { type: 'text' } })
    expect(r.keyword_autoreply_info?.list[0]?.keyword_list_info[0]).toEqual({ type: 'text', match_mode: 'contain', content: 'open' })
    await fake.failNext(45009, 1, '/cgi-bin/get_current_autoreply_info')
    await rejects(getCurrentAutoreplyInfo(ctx()), 'wx/api', 45009)
  })
})

describe('changeOpenid', () => {
  it('converts any number of openids, 100 per request, in order', async () => {
    const { fake, ctx } = await useFake()
    const openids = Array.from({ length: 250 }, (_, i) => (i === 120 ? 'o_unknown_1' : `oOld${i}`))
    const r = await changeOpenid(ctx(), FROM, openids)
    expect(r.map((x) => x.ori_openid)).toEqual(openids)
    expect(r[0]!.new_openid).toMatch(/^o_new_/)
    expect(r[120]).toEqual({ ori_openid: 'o_unknown_1', new_openid: '', err_msg: 'ori_openid error' })
    const sizes = (await fake.requests()).map((q) => (q.body as any).openid_list.length)
    expect(sizes).toEqual([100, 100, 50])
  })

  it('a batch answered errcode 0 without a result_list (drift) adds nothing: no TypeError, the other batches kept', async () => {
    const { fake, ctx } = await useFake()
    const P = '/cgi-bin/changeopenid'
    const openids = Array.from({ length: 250 }, (_, i) => `oOld${i}`)
    await fake.failNext({ delay: 0 }, 1, P) // the first 100: answered normally
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', result_list: null }) }, 1, P)
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', result_list: { ori_openid: 'oOld200' } }) }, 1, P)
    const r = await changeOpenid(ctx(), FROM, openids)
    expect(r.map((x) => x.ori_openid)).toEqual(openids.slice(0, 100))
    expect((await fake.stats()).calls[P]).toBe(3)
  })

  it('40013 when from_appid is not an account this one migrated from (here: itself)', async () => {
    const { ctx } = await useFake({ appid: 'wx1111111111111111' })
    await rejects(changeOpenid(ctx(), 'wx1111111111111111', ['oA']), 'wx/api', 40013)
  })

  it('validates the whole list before the first request', async () => {
    const { fake, ctx } = await useFake()
    const openids = Array.from({ length: 150 }, (_, i) => (i === 140 ? 'bad openid' : `oOld${i}`))
    await rejectedLocally(fake, changeOpenid(ctx(), FROM, openids), 'openid_list.140')
    await rejectedLocally(fake, changeOpenid(ctx(), FROM, []), 'openid_list')
    await rejectedLocally(fake, changeOpenid(ctx(), 'not-an-appid', ['oA']), 'from_appid')
    await rejectedLocally(fake, changeOpenid(ctx(), FROM, 'oA' as unknown as string[]), 'openid_list')
  })
})

describe('shortenGen / shortenFetch', () => {
  it('store data under a short key and read it back', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const data = JSON.stringify({ order: 42, note: '优惠' })
    const { short_key } = await shortenGen(c, data, { expireSeconds: 60 })
    const r = await shortenFetch(c, short_key)
    expect(r).toEqual({ long_data: data, create_time: expect.any(Number), expire_seconds: expect.any(Number) })
    expect(r.expire_seconds).toBeLessThanOrEqual(60)
    expect((await fake.requests())[0]!.body).toEqual({ long_data: data, expire_seconds: 60 })
    await shortenGen(c, 'x')
    expect((await fake.requests())[2]!.body).toEqual({ long_data: 'x', expire_seconds: 2592000 })
    await rejects(shortenFetch(c, 'nosuchkey'), 'wx/api', 9410012)
  })

  it('a key expires after expireSeconds (9410012)', async () => {
    const { ctx } = await useFake()
    const { short_key } = await shortenGen(ctx(), 'soon gone', { expireSeconds: 1 })
    await new Promise((r) => setTimeout(r, 1050))
    await rejects(shortenFetch(ctx(), short_key), 'wx/api', 9410012)
  })

  it('shortenGen is a send: not resent after an ambiguous failure', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext('reset', 1, '/cgi-bin/shorten/gen')
    await rejects(shortenGen(ctx(), 'x'), 'wx/outcome-unknown')
    expect((await fake.stats()).calls['/cgi-bin/shorten/gen']).toBe(1)
  })

  it('reject bad input before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, shortenGen(c, ''), 'long_data')
    await rejectedLocally(fake, shortenGen(c, '字'.repeat(1366)), 'long_data') // 4098 bytes
    await rejectedLocally(fake, shortenGen(c, 'x', { expireSeconds: 2_592_001 }), 'expire_seconds')
    await rejectedLocally(fake, shortenFetch(c, ''), 'short_key')
  })
})

describe('null option fields', () => {
  it('are "not set": each call sends what it sends with the fields left out', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const N = null as never
    await checkCallback(c, { action: N, operator: N })
    await checkCallback(c)
    await shortenGen(c, 'x', { expireSeconds: N })
    await shortenGen(c, 'x')
    const [a, b, d, e] = (await fake.requests()).map((r) => r.body)
    expect(a).toEqual({ action: 'all', check_operator: 'DEFAULT' })
    expect(a).toEqual(b)
    expect(d).toEqual({ long_data: 'x', expire_seconds: 2592000 })
    expect(d).toEqual(e)
  })
})
