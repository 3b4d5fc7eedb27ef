// Every method of the seed doc (wechat-api 1.2.2), called through @wx/compat against the fake WeChat,
// once with a Node callback (wechat-api) and once as a Promise (co-wechat-api).
import { API, WeChatAPIError } from '@wx/compat'
import { isWxError } from '@wx/core'
import { getTicket } from '@wx/jssdk'
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useFake, type RemoteFake } from '../../../test/fake.ts'
import { jpeg, mp3, mp4 } from '../../media/test/_util.ts'
import { SEED_EXPRESS, SEED_GOODS, SEED_ORDERS, SEED_SHELF } from '../../shop/test/fixtures.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const SEED_DOC = '/work/shared/seed/wechat-api-1.2.2-docs.txt'
/** The methods the seed doc (wechat-api 1.2.2) documents, in its order, besides setOpts and request. */
const SEED_METHODS = `getLatestToken getRecords getCustomServiceList getOnlineCustomServiceList updateFeedback getGroups getWhichGroup
  createGroup updateGroup moveUserToGroup getIp uploadNews uploadMPVideo massSend massSendNews massSendText massSendVoice massSendImage
  massSendVideo massSendMPVideo deleteMass previewNews previewText previewVoice previewImage previewVideo getMassMessageStatus uploadMedia
  getMedia createMenu getMenu removeMenu sendText sendImage sendVoice sendVideo sendMusic sendNews deliverNotify orderQuery createTmpQRCode
  createLimitQRCode showQRCodeURL semantic uploadPicture addExpressTemplate deleteExpressTemplate updateExpressTemplate
  getExpressTemplateById getAllExpressTemplates createGoods getGoods createGoodsGroup deleteGoodsGroup updateGoodsGroup updateGoodsForGroup
  getAllGroups getGroupById getOrderById getOrdersByStatus setExpressForOrder closeOrder createShelf deleteShelf updateShelf getAllShelves
  getShelfById updateStock setIndustry addTemplate sendTemplate shorturl getUser getFollowers updateRemark`.split(/\s+/)
const OK = { errcode: 0, errmsg: 'ok' }
const TWO = ['o_user_a', 'o_user_b']
const DAY = 86_400_000
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10)
const ARTICLE = { title: 'Happy Day', description: 'Is Really A Happy Day', url: 'https://example.com', picurl: 'https://example.com/a.jpg' }
const NEWS = { thumb_media_id: 'thumb_1', title: 'Happy Day', content: '<p>Hi</p>', digest: 'digest', show_cover_pic: 1 }
const TEMPLATE_DATA = { first: { value: 'Paid', color: '#173177' }, keyword1: { value: '42' } }
const PENDING = { ...SEED_ORDERS[0]!, order_id: '7197417460812533600', order_status: 2, delivery_id: '', delivery_company: '' }

type Style = 'callback' | 'promise'
/** Calls `api[name](...args)` in one style and resolves with the seed's result. */
function call(api: API, style: Style, name: string, args: unknown[]): Promise<any> {
  const fn = (api as any)[name] as (...a: unknown[]) => unknown
  if (typeof fn !== 'function') throw new Error(`API has no ${name}`)
  if (style === 'promise') {
    const p = fn.apply(api, args)
    expect(p).toBeInstanceOf(Promise)
    return p as Promise<unknown>
  }
  return new Promise((resolve, reject) => {
    const r = fn.apply(api, [...args, (err: unknown, result: unknown) => (err ? reject(err) : resolve(result))])
    expect(r).toBeUndefined()
  })
}

/** [seed method, arguments (may use what earlier steps kept in `s`), check of the result]. */
type Step = [name: string, args: (s: Record<string, any>) => unknown[], check?: ((r: any, s: Record<string, any>) => void | Promise<void>) | undefined, errcode?: number]

const STEPS: Step[] = [
  // api_custom_service
  ['getRecords', () => [{ starttime: Math.floor(Date.now() / 1000) - 3600, endtime: Math.floor(Date.now() / 1000), pagesize: 10, pageindex: 1 }], (r) => expect(r.recordlist).toEqual([])],
  ['getCustomServiceList', () => [], (r) => expect(Array.isArray(r.kf_list)).toBe(true)],
  ['getOnlineCustomServiceList', () => [], (r) => expect(Array.isArray(r.kf_online_list)).toBe(true)],
  // api_data
  ...(['getArticleSummary', 'getArticleTotal', 'getUserRead', 'getUserReadHour', 'getUserShare', 'getUserShareHour', 'getUserSummary', 'getUserCumulate',
    'getUpstreamMsg', 'getUpstreamMsgHour', 'getUpstreamMsgWeek', 'getUpstreamMsgMonth', 'getUpstreamMsgDist', 'getUpstreamMsgDistWeek',
    'getUpstreamMsgDistMonth', 'getInterfaceSummary', 'getInterfaceSummaryHour'].map(
    (n): Step => [n, () => [day(-1), day(-1)], (r) => expect(Array.isArray(r.list)).toBe(true)],
  )),
  // api_feedback
  ['updateFeedback', () => ['oUser', '5883726847655944563'], (r) => expect(r).toEqual(OK)],
  // api_group
  ['createGroup', () => ['group ' + Math.random().toString(36).slice(2, 8)], (r, s) => {
    expect(r.group).toMatchObject({ id: expect.any(Number) })
    s.groupId = r.group.id
  }],
  ['getGroups', () => [], (r, s) => expect(r.groups.map((g: any) => g.id)).toContain(s.groupId)],
  ['updateGroup', (s) => [s.groupId, 'renamed'], (r) => expect(r).toEqual(OK)],
  ['moveUserToGroup', (s) => ['o_user_a', s.groupId], (r) => expect(r).toEqual(OK)],
  ['getWhichGroup', () => ['o_user_a'], (r, s) => expect(r).toEqual({ groupid: s.groupId })],
  // api_ip
  ['getIp', () => [], (r) => expect(r.ip_list.length).toBeGreaterThan(0)],
  // api_mass_send
  ['uploadNews', () => [{ articles: [NEWS] }], (r, s) => {
    expect(r).toMatchObject({ type: 'news', media_id: expect.any(String) })
    s.newsId = r.media_id
  }],
  ['uploadMPVideo', () => [{ media_id: 'tmp_1', title: 'T', description: 'D' }], (r, s) => {
    expect(r).toMatchObject({ type: 'video', media_id: expect.any(String) })
    s.videoId = r.media_id
  }],
  ['massSend', () => [{ image: { media_id: 'img_1' }, msgtype: 'image' }, TWO], (r) => expect(r).toMatchObject({ errcode: 0, msg_id: expect.any(String) })],
  ['massSendNews', (s) => [s.newsId, true], (r, s) => {
    expect(r.msg_id).toMatch(/^\d+$/)
    s.msgId = r.msg_id
  }],
  ['massSendText', () => ['hello everyone', TWO], (r) => expect(r.msg_id).toMatch(/^\d+$/)],
  ['massSendVoice', () => ['voice_1', 2], (r) => expect(r.msg_id).toMatch(/^\d+$/)],
  ['massSendImage', () => ['img_2', '2'], (r) => expect(r.msg_id).toMatch(/^\d+$/)],
  ['massSendVideo', (s) => [s.videoId, TWO], (r) => expect(r.msg_id).toMatch(/^\d+$/)],
  ['massSendMPVideo', () => [{ media_id: 'tmp_2', title: 'T', description: 'D' }, TWO], (r) => expect(r.msg_id).toMatch(/^\d+$/)],
  ['getMassMessageStatus', (s) => [s.msgId], (r, s) => expect(r).toMatchObject({ msg_id: s.msgId, msg_status: 'SEND_SUCCESS' })],
  ['deleteMass', (s) => [s.msgId], (r) => expect(r).toEqual(OK)],
  ['previewNews', (s) => ['o_user_a', s.newsId], (r) => expect(r.errcode ?? 0).toBe(0)],
  ['previewText', () => ['o_user_a', 'preview'], (r) => expect(r.errcode ?? 0).toBe(0)],
  ['previewVoice', () => ['o_user_a', 'voice_1'], (r) => expect(r.errcode ?? 0).toBe(0)],
  ['previewImage', () => ['o_user_a', 'img_1'], (r) => expect(r.errcode ?? 0).toBe(0)],
  ['previewVideo', (s) => ['o_user_a', s.videoId], (r) => expect(r.errcode ?? 0).toBe(0)],
  // api_media: by path, as the seed did
  ['uploadMedia', () => [photo(), 'image'], (r, s) => {
    expect(r).toMatchObject({ type: 'image', media_id: expect.any(String), created_at: expect.any(Number) })
    s.mediaId = r.media_id
  }],
  ['uploadImage', () => [photo()], (r) => expect(r.type).toBe('image')],
  ['uploadThumb', () => [photo()], (r) => expect(r.type).toBe('thumb')],
  ['getMedia', (s) => [s.mediaId], async (r) => {
    expect(Buffer.isBuffer(r)).toBe(true)
    expect(r.equals(await readFile(photo()))).toBe(true)
  }],
  // api_menu
  ['createMenu', () => [{ button: [{ type: 'click', name: 'Today', key: 'TODAY' }] }], (r) => expect(r).toEqual(OK)],
  ['getMenu', () => [], (r) => expect(r.menu.button[0].name).toBe('Today')],
  ['removeMenu', () => [], (r) => expect(r).toEqual(OK)],
  // api_message
  ['sendText', () => ['o_user_a', 'Hello world'], (r) => expect(r).toEqual(OK)],
  ['sendImage', () => ['o_user_a', 'media_1'], (r) => expect(r).toEqual(OK)],
  ['sendVoice', () => ['o_user_a', 'media_1'], (r) => expect(r).toEqual(OK)],
  ['sendVideo', () => ['o_user_a', 'media_1', 'thumb_1'], (r) => expect(r).toEqual(OK)],
  ['sendMusic', () => ['o_user_a', { title: 'Song', description: 'd', musicurl: 'https://example.com/a.mp3', hqmusicurl: 'https://example.com/hq.mp3', thumb_media_id: 'THUMB_1' }], (r) => expect(r).toEqual(OK)],
  ['sendNews', () => ['o_user_a', [ARTICLE]], (r) => expect(r).toEqual(OK)],
  // api_payment
  ['deliverNotify', () => [{ openid: 'oX99MDgNcgwnz3zFN3DNmo8uwa-w', transid: '111112222233333', out_trade_no: '555666uuu', deliver_timestamp: '1369745073', deliver_status: '1', deliver_msg: 'ok', app_signature: '53cca9d47b883bd4a5c85a9300df3da0cb48565c', sign_method: 'sha1' }], (r) => expect(r).toEqual(OK)],
  ['orderQuery', () => [{ package: 'out_trade_no=11122&partner=1900090055&sign=4E8D0DF3DA0C3D0DF38F', timestamp: '1369745073', app_signature: '53cca9d47b883bd4a5c85a9300df3da0cb48565c', sign_method: 'sha1' }], (r) => expect(r).toMatchObject({ errcode: 0, errmsg: 'ok', order_info: { ret_code: 0, out_trade_no: '11122', trade_state: expect.any(String) } })],
  // api_qrcode
  ['createTmpQRCode', () => [10000, 1800], (r, s) => {
    expect(r).toMatchObject({ ticket: expect.any(String), expire_seconds: 1800 })
    s.ticket = r.ticket
  }],
  ['createLimitQRCode', () => [100], (r) => expect(r.ticket).toEqual(expect.any(String))],
  // api_semantic
  ['semantic', () => ['oUser', { query: '查一下明天从北京到上海的南航机票', category: 'flight,hotel', city: '北京' }], (r) => expect(r.query).toBe('查一下明天从北京到上海的南航机票')],
  // api_shop_*
  ['uploadPicture', () => [photo()], (r) => expect(r.image_url).toMatch(/^https?:\/\//)],
  ['addExpressTemplate', () => [SEED_EXPRESS], (r, s) => {
    expect(r.template_id).toEqual(expect.any(Number))
    s.templateId = r.template_id
  }],
  ['getExpressTemplateById', (s) => [s.templateId], (r, s) => expect(r.template_info.Id).toBe(s.templateId)],
  ['updateExpressTemplate', (s) => [{ template_id: s.templateId, delivery_template: { ...SEED_EXPRESS.delivery_template, Assumer: 1 } }], (r) => expect(r).toEqual(OK)],
  ['getAllExpressTemplates', () => [], (r, s) => expect(r.templates_info.map((t: any) => t.Id)).toContain(s.templateId)],
  ['deleteExpressTemplate', (s) => [s.templateId], (r) => expect(r).toEqual(OK)],
  ['createGoods', () => [SEED_GOODS], (r, s) => {
    expect(r.product_id).toEqual(expect.any(String))
    s.productId = r.product_id
  }],
  ['getGoods', (s) => [s.productId], (r, s) => expect(r.product_info.product_id).toBe(s.productId)],
  ['createGoodsGroup', (s) => ['新品上架', [s.productId]], (r, s) => {
    expect(r.group_id).toEqual(expect.any(Number))
    s.goodsGroupId = r.group_id
  }],
  ['updateGoodsGroup', (s) => [s.goodsGroupId, '全球热卖'], (r) => expect(r).toEqual(OK)],
  ['updateGoodsForGroup', (s) => [s.goodsGroupId, [], [s.productId]], (r) => expect(r).toEqual(OK)],
  ['getAllGroups', () => [], (r, s) => expect(r.groups_detail.map((g: any) => g.group_id)).toContain(s.goodsGroupId)],
  ['getGroupById', (s) => [s.goodsGroupId], (r) => expect(r.group_detail.group_name).toBe('全球热卖')],
  ['deleteGoodsGroup', (s) => [s.goodsGroupId], (r) => expect(r).toEqual(OK)],
  ['updateStock', (s) => [10, s.productId, '1075741873:1079742386'], (r) => expect(r).toEqual(OK)],
  ['updateStock', (s) => [-3, s.productId, '1075741873:1079742386'], (r) => expect(r).toEqual(OK)],
  // wechat-api 1.x methods beyond the seed doc's list
  ['getGoodsByStatus', () => [0], (r, s) => expect(r.products_info.map((p: any) => p.product_id)).toContain(s.productId)],
  ['updateGoodsStatus', (s) => [s.productId, 1], (r) => expect(r).toEqual(OK)],
  ['updateGoods', (s) => [{ ...SEED_GOODS, product_id: s.productId }], (r) => expect(r).toEqual(OK)],
  ['getWXCategory', () => [1], (r) => expect(Array.isArray(r.cate_list)).toBe(true)],
  ['getWXSKU', () => [537074298], (r) => expect(Array.isArray(r.sku_table)).toBe(true)],
  ['getWXProperty', () => [537074298], (r) => expect(Array.isArray(r.properties)).toBe(true)],
  ['deleteGoods', (s) => [s.productId], (r) => expect(r).toEqual(OK)],
  ['addExpress', () => [SEED_EXPRESS], (r) => expect(r.template_id).toEqual(expect.any(Number))],
  ['getAllShelf', () => [], (r) => expect(Array.isArray(r.shelves)).toBe(true)],
  ['batchGetUsers', () => [TWO], (r) => expect(r.user_info_list.map((u: any) => u.openid)).toEqual(TWO)],
  ['uploadVoice', () => [voice()], (r) => expect(r.type).toBe('voice')],
  ['uploadVideo', () => [video()], (r) => expect(r.type).toBe('video')],
  ['createShelf', () => [SEED_SHELF], (r, s) => {
    expect(r.shelf_id).toEqual(expect.any(Number))
    s.shelfId = r.shelf_id
  }],
  ['updateShelf', (s) => [{ ...SEED_SHELF, shelf_id: s.shelfId, shelf_name: '店铺' }], (r) => expect(r).toEqual(OK)],
  ['getAllShelves', () => [], (r, s) => expect(r.shelves.map((x: any) => x.shelf_id)).toContain(s.shelfId)],
  ['getShelfById', (s) => [s.shelfId], (r) => expect(r.shelf_name).toBe('店铺')],
  ['deleteShelf', (s) => [s.shelfId], (r) => expect(r).toEqual(OK)],
  ['getOrderById', () => [PENDING.order_id], (r) => expect(r.order.order_id).toBe(PENDING.order_id)],
  ['getOrdersByStatus', () => [2], (r) => expect(r.order_list.map((o: any) => o.order_id)).toEqual([PENDING.order_id])],
  ['setExpressForOrder', () => [PENDING.order_id, '059Yunda', '1900659372473'], (r) => expect(r).toEqual(OK)],
  ['closeOrder', () => [PENDING.order_id], (r) => expect(r).toEqual(OK)],
  // api_template
  ['setIndustry', () => [{ industry_id1: '1', industry_id2: '4' }], (r) => expect(r).toEqual(OK)],
  ['addTemplate', () => ['TM00015'], (r, s) => {
    expect(r).toMatchObject({ ...OK, template_id: expect.any(String) })
    s.tplId = r.template_id
  }],
  ['sendTemplate', (s) => ['o_user_a', s.tplId, 'https://example.com/o/42', '#FF0000', TEMPLATE_DATA], (r) => expect(r).toMatchObject({ ...OK, msgid: expect.stringMatching(/^\d+$/) })],
  // api_url
  // WeChat retired it: the seed's error shape, the errcode as `code`
  ['shorturl', () => ['http://mp.weixin.com'], undefined, 48001],
  // api_user
  ['getUser', () => ['o_user_a'], (r) => expect(r.openid).toBe('o_user_a')],
  ['getFollowers', () => [], (r, s) => {
    expect(r).toMatchObject({ total: expect.any(Number), data: { openid: expect.any(Array) } })
    s.nextOpenid = r.next_openid
  }],
  ['updateRemark', () => ['o_user_a', 'remark'], (r) => expect(r).toEqual(OK)],
  ['getLatestToken', () => [], (r) => {
    expect(r).toMatchObject({ accessToken: expect.any(String), expireTime: expect.any(Number) })
    expect(r.isValid()).toBe(true)
  }],
]

let dir = ''
const photo = () => join(dir, 'photo.jpg')
const voice = () => join(dir, 'hello.mp3')
const video = () => join(dir, 'clip.mp4')
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wx-compat-'))
  await writeFile(photo(), jpeg(20_000, 3))
  await writeFile(voice(), mp3(10_000))
  await writeFile(video(), mp4(10_000))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** An API on a fresh fake account, with the data the shop steps need. */
async function seeded(): Promise<{ fake: RemoteFake; api: API }> {
  const { fake } = await useFake()
  await fake.setData('shop', { orders: [PENDING] })
  await fake.setData('massConfig', { dedupeWindowMs: 300 })
  const api = new API(fake.appid, fake.secret)
  api.setOpts({ timeout: 15000, baseURL: fake.baseURL })
  return { fake, api }
}

/** An `API` with the given token hooks, pointed at the fake (`opts`: more of `setOpts`). */
function hookedApi(fake: RemoteFake, getToken: (...a: any[]) => any, saveToken: (...a: any[]) => any, opts: object = {}): API {
  const api = new API(fake.appid, fake.secret, getToken, saveToken)
  api.setOpts({ baseURL: fake.baseURL, ...opts })
  return api
}

describe.each<Style>(['callback', 'promise'])('every seed method, %s style', (style) => {
  const s: Record<string, any> = {}
  let api: API
  beforeAll(async () => {
    api = (await seeded()).api
  })
  for (const [i, [name, args, check, errcode]] of STEPS.entries()) {
    it(`${i + 1}. ${name}`, async () => {
      if (errcode === undefined) return check?.(await call(api, style, name, args(s)), s)
      const e = await call(api, style, name, args(s)).then(() => expect.fail('expected a WeChatAPIError'), (e) => e)
      expect(e).toBeInstanceOf(WeChatAPIError)
      expect(e).toMatchObject({ name: 'WeChatAPIError', code: errcode, data: { errcode } })
      expect(isWxError(e.cause, errcode)).toBe(true)
    })
  }
  it('showQRCodeURL (synchronous, as in the seed)', () => {
    expect(api.showQRCodeURL(s.ticket)).toBe(`https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(s.ticket)}`)
  })
})

describe('coverage of the seed doc', () => {
  it('every method the seed doc documents is called above (both styles)', () => {
    const called = new Set([...STEPS.map((x) => x[0]), 'showQRCodeURL'])
    expect(SEED_METHODS.filter((n) => !called.has(n))).toEqual([])
    for (const n of [...SEED_METHODS, 'setOpts', 'setHook', 'request']) expect(typeof (API.prototype as any)[n]).toBe('function')
  })
  it.skipIf(!existsSync(SEED_DOC))('SEED_METHODS is the seed doc\'s list', async () => {
    const doc = await readFile(SEED_DOC, 'utf8')
    const documented = [...doc.matchAll(/^方法 (?:exports|API\.prototype)\.(\w+)\(\)/gm)].map((m) => m[1]!)
    expect(documented.filter((n) => n !== 'setOpts' && n !== 'request')).toEqual(SEED_METHODS)
  })
})

describe('the API object', () => {
  it("getToken/saveToken: a token file wechat-api wrote ({ accessToken, expireTime }) is used; saves carry both fields", async () => {
    const { fake } = await useFake()
    const file = join(dir, `token-${fake.appid}.json`)
    const first = new API(fake.appid, fake.secret)
    first.setOpts({ baseURL: fake.baseURL })
    const t = await first.getLatestToken()
    await writeFile(file, JSON.stringify({ accessToken: t.accessToken, expireTime: t.expireTime })) // as wechat-api saved it
    const getToken = (cb: (e: unknown, t?: unknown) => void) => readFile(file, 'utf8').then((x) => cb(null, JSON.parse(x)), cb)
    const saveToken = (token: unknown, cb: (e?: unknown) => void) => writeFile(file, JSON.stringify(token)).then(() => cb(), cb)
    const api = hookedApi(fake, getToken, saveToken)
    await api.sendText('o_user_a', 'hi')
    expect((await fake.stats()).tokenRequests).toBe(1) // only `first`'s

    await writeFile(file, 'null') // nothing shared yet: the new token is saved in both shapes
    const fresh = hookedApi(fake, getToken, saveToken)
    await fresh.sendText('o_user_a', 'hi')
    const saved = JSON.parse(await readFile(file, 'utf8'))
    expect(saved).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(Number), expireTime: saved.expiresAt })
  })

  it('getToken/saveToken carry only the access token: JS-SDK tickets kept in the context never overwrite it', async () => {
    const { fake } = await useFake()
    const file = join(dir, `token-tickets-${fake.appid}.json`)
    await writeFile(file, 'null')
    const getToken = (cb: (e: unknown, t?: unknown) => void) => readFile(file, 'utf8').then((x) => cb(null, JSON.parse(x)), cb)
    const saveToken = (token: unknown, cb: (e?: unknown) => void) => writeFile(file, JSON.stringify(token)).then(() => cb(), cb)
    const api = hookedApi(fake, getToken, saveToken)
    const { accessToken } = await api.getLatestToken()
    const ticket = await getTicket(api.context, 'jsapi')
    expect(ticket).not.toBe(accessToken)
    expect(JSON.parse(await readFile(file, 'utf8')).accessToken).toBe(accessToken)
    // The ticket is served from the context again, and the shared token still works.
    expect(await getTicket(api.context, 'jsapi')).toBe(ticket)
    await api.sendText('o_user_a', 'hi')
    expect((await fake.stats()).errcodes?.['40001']).toBeUndefined()
  })

  it('an async getToken/saveToken that declares its callback is settled by the callback (the token is shared)', async () => {
    const { fake } = await useFake()
    let stored: any = null
    const getToken = async (cb: (e: unknown, t?: unknown) => void) => {
      setTimeout(() => cb(null, stored), 5)
    }
    const saveToken = async (t: unknown, cb: (e?: unknown) => void) => {
      setTimeout(() => ((stored = t), cb()), 5)
    }
    for (let i = 0; i < 2; i++) {
      const api = hookedApi(fake, getToken, saveToken)
      await api.getIp()
    }
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it('an async hook that declares its callback but answers with its promise (a half-migrated hook) still shares the token, without waiting out the store timeout', async () => {
    const { fake } = await useFake()
    let stored: any = null
    const storeErrors: unknown[] = []
    const getToken = async (_cb: unknown) => stored
    const saveToken = async (t: unknown, _cb: unknown) => void (stored = t)
    const started = Date.now()
    for (let i = 0; i < 2; i++) {
      const api = hookedApi(fake, getToken, saveToken, { hooks: { onStoreError: (e: unknown) => void storeErrors.push(e) } })
      await api.getIp()
    }
    expect((await fake.stats()).tokenRequests).toBe(1)
    expect(storeErrors).toEqual([])
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it("a throw inside the caller's callback is an uncaught exception, as with wechat-api, not an unhandled rejection; the callback runs once", () => {
    const dist = (pkg: string) => join(root, `packages/${pkg}/dist/index.js`)
    expect(existsSync(dist('compat')), 'no dist for compat: run pnpm build first').toBe(true)
    // The child runs the build: it must be of the current sources.
    expect(statSync(dist('compat')).mtimeMs, 'compat dist is older than src/_seed.ts: run pnpm build').toBeGreaterThanOrEqual(statSync(join(root, 'packages/compat/src/_seed.ts')).mtimeMs)
    const script = `
      const { createFakeWeChat } = await import(${JSON.stringify(dist('testing'))})
      const { API } = await import(${JSON.stringify(dist('compat'))})
      const fake = await createFakeWeChat()
      let calls = 0
      const end = (how, e) => { console.log(how, e?.message, calls); process.exit(0) }
      process.on('uncaughtException', (e) => end('uncaught', e))
      process.on('unhandledRejection', (e) => end('rejection', e))
      const api = new API(fake.appid, fake.secret)
      api.setOpts({ baseURL: fake.url })
      api.getIp(() => { calls++; throw new Error('boom') })
      setTimeout(() => end('nothing'), 5000)
    `
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 15_000 })
    expect(out.stdout.trim()).toBe('uncaught boom 1')
  })

  it('co-wechat-api style async getToken/saveToken work too', async () => {
    const { fake } = await useFake()
    let stored: any = null
    const api = new API(fake.appid, fake.secret, async () => stored, async (t: unknown) => void (stored = t))
    api.setOpts({ baseURL: fake.baseURL })
    await api.getIp()
    expect(stored).toMatchObject({ accessToken: expect.any(String), expireTime: expect.any(Number) })
    const again = new API(fake.appid, fake.secret, async () => stored, async (t: unknown) => void (stored = t))
    again.setOpts({ baseURL: fake.baseURL })
    await again.getIp()
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it('setHook (and request(fn)) sees method and headers, never the token, and may change headers', async () => {
    const { fake } = await useFake()
    const sentHeaders: string[] = []
    const seen: any[] = []
    const api = new API(fake.appid, fake.secret)
    api.setOpts({ baseURL: fake.baseURL, timeout: 5000, fetch: (u, init) => (sentHeaders.push(new Headers(init?.headers).get('x-app') ?? ''), fetch(u, init)) })
    api.setHook((o) => {
      seen.push(structuredClone(o))
      o.headers['x-app'] = 'billing'
    })
    await api.sendText('o_user_a', 'hi')
    expect(seen.map((o) => o.method)).toEqual(['POST', 'POST']) // stable_token, then the send
    expect(seen[0].timeout).toBe(5000)
    expect(sentHeaders).toEqual(['billing', 'billing'])
    expect(JSON.stringify(seen)).not.toContain((await api.getLatestToken()).accessToken)
    expect(JSON.stringify(seen)).not.toContain(fake.secret)
    api.request(() => seen.push('via request'))
    await api.getIp()
    expect(seen.at(-1)).toBe('via request')
    expect(() => (api as any).request('https://api.weixin.qq.com/cgi-bin/getcallbackip')).toThrow(/callApi/)
  })

  it('API.mixin adds methods to every API and refuses to replace one', async () => {
    const { fake } = await useFake()
    API.mixin({ greet(this: API, openid: string) { return (this as any).sendText(openid, 'hello from a mixin') } })
    const api = new API(fake.appid, fake.secret)
    api.setOpts({ baseURL: fake.baseURL })
    await expect((api as any).greet('o_user_a')).resolves.toEqual(OK)
    expect(() => API.mixin({ sendText() {} })).toThrow(/sendText/)
    delete (API.prototype as any).greet
  })

  it('bad input: a WxError wx/validation in both styles, nothing sent', async () => {
    const { fake, api } = await seeded()
    const viaPromise = await api.sendText('o_user_a', '').catch((e: unknown) => e)
    const viaCallback = await new Promise((resolve) => api.sendText('o_user_a', '', resolve))
    for (const e of [viaPromise, viaCallback]) expect(isWxError(e) && e.code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })

  it("an errcode in callback style: (err, { errcode, errmsg }, res) as wechat-api's wrapper called back", async () => {
    const { fake, api } = await seeded()
    await fake.failNext(45015)
    const [err, data, res, ...more] = await new Promise<any[]>((resolve) => api.sendText('o_user_a', 'hi', (...r: any[]) => resolve(r)))
    expect(err).toMatchObject({ name: 'WeChatAPIError', code: 45015 })
    expect(err.message).not.toContain((await api.getLatestToken()).accessToken)
    expect(data).toEqual({ errcode: 45015, errmsg: err.message })
    expect(res).toEqual({ statusCode: 200, headers: {} })
    expect(more).toEqual([])
  })

  it('other errors in callback style: (err) alone (validation, outcome-unknown)', async () => {
    const { fake, api } = await seeded()
    const onInvalid = await new Promise<any[]>((resolve) => api.sendText('o_user_a', '', (...r: any[]) => resolve(r)))
    await fake.failNext(-1, 1, '/cgi-bin/message/custom/send')
    const onUnknown = await new Promise<any[]>((resolve) => api.sendText('o_user_a', 'hi', (...r: any[]) => resolve(r)))
    expect(onInvalid).toHaveLength(1)
    expect(isWxError(onInvalid[0]) && onInvalid[0].code).toBe('wx/validation')
    expect(onUnknown).toHaveLength(1)
    expect(isWxError(onUnknown[0]) && onUnknown[0].code).toBe('wx/outcome-unknown')
  })

  it('errcode -1 on a send: the WxError wx/outcome-unknown (not WeChatAPIError -1, which wechat-api code retries), sent once', async () => {
    const { fake, api } = await seeded()
    await fake.failNext(-1, 1, '/cgi-bin/message/custom/send')
    const viaPromise: any = await api.sendText('o_user_a', 'hi').catch((e: unknown) => e)
    await fake.failNext(-1, 1, '/cgi-bin/message/custom/send')
    const [viaCallback] = await new Promise<any[]>((resolve) => api.sendText('o_user_a', 'hi', (...r: any[]) => resolve(r)))
    for (const e of [viaPromise, viaCallback]) {
      expect(isWxError(e) && e.code).toBe('wx/outcome-unknown')
      expect(e).not.toBeInstanceOf(WeChatAPIError)
    }
    expect((await fake.stats()).calls['/cgi-bin/message/custom/send']).toBe(2)
  })

  it('the context is the way out: any @wx function takes api.context', async () => {
    const { api } = await seeded()
    const { getIp } = await import('@wx/basic')
    expect((await getIp(api.context)).length).toBeGreaterThan(0)
  })
})

describe('as wechat-api 1.2.2 did it', () => {
  /** Calls `api[name](...args, cb)` and resolves with every argument the callback got. */
  const callbackArgs = (api: API, name: string, ...args: unknown[]) =>
    new Promise<any[]>((resolve) => (api as any)[name](...args, (...r: any[]) => resolve(r)))

  it('getToken/saveToken are called as methods of the API: a store shared by two accounts keys by this.appid', async () => {
    const [{ fake: a }, { fake: b }] = await Promise.all([useFake({ appid: 'wx_compat_app_a' }), useFake({ appid: 'wx_compat_app_b' })])
    const store = new Map<string, unknown>()
    const seen: unknown[] = []
    function getToken(this: API, cb: (e: unknown, t?: unknown) => void) {
      seen.push(this)
      cb(null, store.get(`token:${this.appid}`))
    }
    function saveToken(this: API, token: unknown, cb: (e?: unknown) => void) {
      seen.push(this)
      store.set(`token:${this.appid}`, token)
      cb()
    }
    const make = (f: RemoteFake) => {
      const api = new API(f.appid, f.secret, getToken, saveToken)
      api.setOpts({ baseURL: f.baseURL })
      return api
    }
    const [apiA, apiB] = [make(a), make(b)]
    await apiA.getIp()
    await apiB.getIp()
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((x) => x === apiA || x === apiB)).toBe(true)
    expect([...store.keys()].sort()).toEqual([`token:${a.appid}`, `token:${b.appid}`].sort())
    await make(a).getIp() // another process of account A reuses A's token
    expect([(await a.stats()).tokenRequests, (await b.stats()).tokenRequests]).toEqual([1, 1])
    expect((await b.stats()).errcodes).toEqual({})
  })

  it('generator-function token hooks (function* () {}) are refused at construction, naming the fix', () => {
    const asyncFix = /async function/
    expect(() => new API('wx_app', 'secret', function* () {})).toThrow(TypeError)
    expect(() => new API('wx_app', 'secret', function* () {})).toThrow(/getToken is a generator function/)
    expect(() => new API('wx_app', 'secret', function* () {})).toThrow(asyncFix)
    expect(() => new API('wx_app', 'secret', async () => null, function* () {})).toThrow(/saveToken is a generator function/)
    expect(() => new API('wx_app', 'secret', (function* () {}).bind(null))).toThrow(TypeError)
  })

  it('a token hook that returns a generator object fails at once (reported to onStoreError), not after the store timeout', async () => {
    const { fake } = await useFake()
    const errors: string[] = []
    const api = new API(fake.appid, fake.secret, () => (function* () {})(), (_t: unknown, cb: () => void) => cb())
    api.setOpts({ baseURL: fake.baseURL, storeTimeout: 60_000, hooks: { onStoreError: (e) => errors.push(e.error.message) } })
    await expect(api.getIp()).resolves.toMatchObject({ ip_list: expect.any(Array) })
    expect(errors[0]).toMatch(/getToken is a generator function/)
  })

  it('a token whose expireTime is a numeric string (Redis HGETALL) is used, not fetched again', async () => {
    const { fake } = await useFake()
    const hash: Record<string, string> = {}
    const getToken = (cb: (e: unknown, t?: unknown) => void) => cb(null, Object.keys(hash).length ? { ...hash } : null)
    const saveToken = (t: Record<string, unknown>, cb: () => void) => {
      for (const [k, v] of Object.entries(t)) hash[k] = String(v)
      cb()
    }
    for (let i = 0; i < 2; i++) {
      const api = hookedApi(fake, getToken, saveToken)
      await api.getIp()
    }
    expect(hash.expireTime).toMatch(/^\d+$/)
    expect((await fake.stats()).tokenRequests).toBe(1)
    delete hash.expiresAt // wechat-api's own record, strings only
    const api = hookedApi(fake, getToken, saveToken)
    await api.getIp()
    expect((await fake.stats()).tokenRequests).toBe(1)
  })

  it('callbacks get (err, result, res): getMedia with content-type and content-disposition, other calls a bare res', async () => {
    const { api } = await seeded()
    const { media_id } = await api.uploadMedia(photo(), 'image')
    const [err, buf, res, ...more] = await callbackArgs(api, 'getMedia', media_id)
    expect(err).toBeNull()
    expect(Buffer.isBuffer(buf) && buf.equals(await readFile(photo()))).toBe(true)
    expect(res).toEqual({ statusCode: 200, headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="photo.jpg"' } })
    expect(more).toEqual([])
    expect(await callbackArgs(api, 'sendText', 'o_user_a', 'hi')).toEqual([null, OK, { statusCode: 200, headers: {} }])
    const [, token, ...rest] = await callbackArgs(api, 'getLatestToken') // wechat-api: (err, token)
    expect(token.accessToken).toEqual(expect.any(String))
    expect(rest).toEqual([])
    expect(Buffer.isBuffer(await api.getMedia(media_id))).toBe(true) // a Promise still gives the result alone
  })

  it('uploading a missing path or a directory: the fs error with its code and path, nothing sent', async () => {
    const { fake, api } = await seeded()
    const missing = join(dir, 'does-not-exist.jpg')
    const folder = join(dir, 'a-folder')
    await mkdir(folder, { recursive: true })
    const [viaCallback] = await callbackArgs(api, 'uploadMedia', missing, 'image')
    const viaPromise = await api.uploadImage(missing).catch((e: unknown) => e)
    const viaPicture = await api.uploadPicture(missing).catch((e: unknown) => e)
    for (const e of [viaCallback, viaPromise, viaPicture]) expect(e).toMatchObject({ code: 'ENOENT', path: missing })
    const [onFolder] = await callbackArgs(api, 'uploadImage', folder)
    expect(onFolder).toMatchObject({ code: 'EISDIR', path: folder })
    expect(onFolder.message).toContain(folder)
    const s = await fake.stats()
    expect(s.calls).toEqual({})
    expect(s.tokenRequests).toBe(0)
  })
})
