/// <reference types="node" />
import { Buffer } from 'node:buffer'
import * as basic from '@wx/basic'
import { createContext, getLatestToken, memoryTokenStore, type ContextOptions, type TokenStore, type WxContext } from '@wx/core'
import * as cs from '@wx/customservice'
import * as data from '@wx/datacube'
import * as mass from '@wx/mass'
import * as media from '@wx/media'
import * as menu from '@wx/menu'
import * as message from '@wx/message'
import * as pay from '@wx/pay-legacy'
import * as qr from '@wx/qrcode'
import { semantic } from '@wx/semantic'
import * as shop from '@wx/shop'
import * as tpl from '@wx/template'
import * as user from '@wx/user'
import { OK, checkTokenHook, dual, file, fileResponse, receivers, seedTokenStore, withResponse, type Callback } from './_seed.ts'

/** urllib-style options `setOpts` takes; `timeout` is used, plus the `@wx` context options listed. */
export interface SeedOptions extends Partial<Pick<ContextOptions, 'baseURL' | 'fetch' | 'tokenMode' | 'hooks' | 'retry' | 'storeTimeout'>> {
  /** ms, or urllib's `[connect, response]` pair (their sum is used). */
  timeout?: number | [number, number] | undefined
  [urllibOption: string]: unknown
}

/** What the `setHook` function receives before each request: change `headers` to change the request. */
export interface SeedRequestOptions {
  method: string
  headers: Record<string, string>
  timeout?: number
}

/** The token wechat-api hands out: `expireTime` (epoch ms), and `isValid()`. */
export interface SeedToken {
  accessToken: string
  expireTime: number
  isValid(): boolean
}

type Seed = (...args: any[]) => any

/** A mass send or preview as WeChat answered it (the SDK's result leaves out the errcode 0). */
const sent = <T extends object>(r: T) => ({ errcode: 0, errmsg: 'send job submission success', ...r })

/**
 * wechat-api 1.2.2's `API`, rebuilt on the `@wx/*` functions: same constructor, same method names and
 * arguments, a Node callback as the last argument (wechat-api: `(err, result, res)`, `res` a minimal
 * `{ statusCode, headers }`) or a Promise of the result when there is none (co-wechat-api). Methods added
 * to wechat-api after 1.2.2 are not here (see docs/migrate-from-wechat-api.md for their `@wx` names).
 * Results are WeChat's JSON as the seed handed it on; errcodes arrive as
 * `WeChatAPIError` (`code` = errcode). Each method calls the matching `@wx` function (same validation,
 * retries, dedupe), so bad input fails with `WxError` `wx/validation` before anything is sent. Node only:
 * paths are read with `@wx/media/node`. 64-bit ids (`msg_id`, `msgid`) are strings, exact.
 *
 * Calls the endpoints of the method called (see each `@wx` function); the token from
 * `POST /cgi-bin/stable_token` (`setOpts({ tokenMode: 'legacy' })` for `GET /cgi-bin/token`).
 * Errcodes that matter: those of each function, and 40164 (IP whitelist) on the token.
 *
 * @example
 * const { API } = require('@wx/compat')            // was: const API = require('wechat-api'); require() of ESM: Node 20.19+ / 22.12+
 * const api = new API(appid, secret, getToken, saveToken)
 * api.sendText(openid, 'hello', (err, result) => {}) // wechat-api style
 * const menu = await api.getMenu()                    // co-wechat-api style
 */
export class API {
  readonly appid: string
  #secret: string
  #store: TokenStore
  #opts: SeedOptions = {}
  #hook: ((options: SeedRequestOptions) => void) | undefined
  #ctx: WxContext | undefined

  /**
   * `getToken(cb)` answers the shared token (`{ accessToken, expireTime }` from wechat-api, or ours;
   * a numeric-string expiry, as a Redis hash gives it, works too); `saveToken(token, cb)` stores one.
   * Both may be async functions instead (co-wechat-api). They are called as methods of this object, as
   * wechat-api did, so `this.appid` names the account. Generator functions (`function* () {}`) are
   * refused with a `TypeError`: pass a callback-style or async function. Without them the token lives in
   * this object, as with wechat-api.
   */
  constructor(appid: string, appsecret: string, getToken?: Seed, saveToken?: Seed) {
    checkTokenHook('getToken', getToken)
    checkTokenHook('saveToken', saveToken)
    this.appid = appid
    this.#secret = appsecret
    this.#store = getToken ? seedTokenStore(getToken, saveToken, this) : memoryTokenStore()
  }

  /** Adds methods to every `API` (wechat-api's extension point); refuses to replace an existing one. */
  static mixin(obj: Record<string, unknown>): void {
    for (const key of Object.keys(obj)) {
      if (Object.hasOwn(API.prototype, key)) throw new Error(`Don't allow override existed prototype method. method: ${key}`)
      ;(API.prototype as any)[key] = obj[key]
    }
  }

  /**
   * The `@wx/core` context behind this object: pass it to any `@wx/*` function (the way out of the
   * compat layer, one call at a time). Rebuilt after `setOpts`/`setHook`; the token store stays.
   */
  get context(): WxContext {
    if (this.#ctx) return this.#ctx
    const { timeout, baseURL, fetch: f, tokenMode, hooks, retry, storeTimeout } = this.#opts
    const o: ContextOptions = { appid: this.appid, secret: this.#secret, tokenStore: this.#store }
    if (timeout !== undefined) o.timeout = Array.isArray(timeout) ? timeout[0] + timeout[1] : timeout
    if (baseURL !== undefined) o.baseURL = baseURL
    if (tokenMode !== undefined) o.tokenMode = tokenMode
    if (hooks !== undefined) o.hooks = hooks
    if (retry !== undefined) o.retry = retry
    if (storeTimeout !== undefined) o.storeTimeout = storeTimeout
    const hook = this.#hook
    if (f || hook) {
      const base = f ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
      o.fetch = hook
        ? (input, init = {}) => {
            // The seed's beforeRequest saw urllib's options; here: method and headers (no URL: it holds the token).
            const req: SeedRequestOptions = { method: init.method ?? 'GET', headers: Object.fromEntries(new Headers(init.headers)) }
            if (typeof o.timeout === 'number') req.timeout = o.timeout
            hook(req)
            return base(input, { ...init, headers: req.headers })
          }
        : base
    }
    return (this.#ctx = createContext(o))
  }

  /** Sets urllib-style defaults: `timeout` (ms); also `baseURL`, `fetch`, `tokenMode`, `hooks`, `retry`. */
  setOpts(opts: SeedOptions): void {
    this.#opts = { ...opts }
    this.#ctx = undefined
  }

  /** Calls `beforeRequest({ method, headers, timeout })` before each request; it may change `headers`. */
  setHook(beforeRequest: (options: SeedRequestOptions) => void): void {
    this.#hook = beforeRequest
    this.#ctx = undefined
  }

  /** The seed documents the hook under this name too: `api.request(beforeRequest)` is `setHook`. */
  request(beforeRequest: (options: SeedRequestOptions) => void): void {
    if (typeof beforeRequest !== 'function')
      throw new TypeError('api.request(url, ...) is not supported: call an @wx/* function or callApi(api.context, endpoint, ...) instead')
    this.setHook(beforeRequest)
  }

  /** The newest token (the store's, or a new one): `{ accessToken, expireTime, isValid() }`. */
  getLatestToken(cb?: Callback<SeedToken>): any {
    const work = async () => {
      const t = await getLatestToken(this.context)
      return { accessToken: t.accessToken, expireTime: t.expiresAt, isValid: () => Date.now() < t.expiresAt }
    }
    return dual([cb].filter(Boolean), work, false) // wechat-api called back `(err, token)`: no response
  }

  // api_custom_service
  getRecords(...a: any[]): any { return dual(a, (q) => cs.getRecords(this.context, q)) }
  getCustomServiceList(...a: any[]): any { return dual(a, () => cs.getCustomServiceList(this.context)) }
  getOnlineCustomServiceList(...a: any[]): any { return dual(a, () => cs.getOnlineCustomServiceList(this.context)) }

  // api_data: `(startDate, endDate)` as 'YYYY-MM-DD' (or Date); the result is WeChat's `{ list }`
  getUserSummary(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUserSummary(this.context, b, e) })) }
  getUserCumulate(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUserCumulate(this.context, b, e) })) }
  getArticleSummary(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getArticleSummary(this.context, b, e) })) }
  getArticleTotal(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getArticleTotal(this.context, b, e) })) }
  getUserRead(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUserRead(this.context, b, e) })) }
  getUserReadHour(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUserReadHour(this.context, b, e) })) }
  getUserShare(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUserShare(this.context, b, e) })) }
  getUserShareHour(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUserShareHour(this.context, b, e) })) }
  getUpstreamMsg(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUpstreamMsg(this.context, b, e) })) }
  getUpstreamMsgHour(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUpstreamMsgHour(this.context, b, e) })) }
  getUpstreamMsgWeek(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUpstreamMsgWeek(this.context, b, e) })) }
  getUpstreamMsgMonth(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUpstreamMsgMonth(this.context, b, e) })) }
  getUpstreamMsgDist(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUpstreamMsgDist(this.context, b, e) })) }
  getUpstreamMsgDistWeek(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUpstreamMsgDistWeek(this.context, b, e) })) }
  getUpstreamMsgDistMonth(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getUpstreamMsgDistMonth(this.context, b, e) })) }
  getInterfaceSummary(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getInterfaceSummary(this.context, b, e) })) }
  getInterfaceSummaryHour(...a: any[]): any { return dual(a, async (b, e) => ({ list: await data.getInterfaceSummaryHour(this.context, b, e) })) }

  // api_feedback
  updateFeedback(...a: any[]): any { return dual(a, async (openid, id) => (await pay.updateFeedback(this.context, openid, id), OK())) }

  // api_group (groups became tags; WeChat still answers these paths)
  getGroups(...a: any[]): any { return dual(a, async () => ({ groups: await user.getGroups(this.context) })) }
  getWhichGroup(...a: any[]): any { return dual(a, async (openid) => ({ groupid: await user.getWhichGroup(this.context, openid) })) }
  createGroup(...a: any[]): any { return dual(a, async (name) => ({ group: await user.createGroup(this.context, name) })) }
  updateGroup(...a: any[]): any { return dual(a, async (id, name) => (await user.updateGroup(this.context, id, name), OK())) }
  moveUserToGroup(...a: any[]): any { return dual(a, async (openid, id) => (await user.moveUserToGroup(this.context, openid, id), OK())) }

  // api_ip
  getIp(...a: any[]): any { return dual(a, async () => ({ ip_list: await basic.getIp(this.context) })) }

  // api_mass_send: receivers is an openid list, a group (tag) id, or `true` for everyone
  uploadNews(...a: any[]): any { return dual(a, (news) => mass.uploadNews(this.context, Array.isArray(news) ? news : news?.articles)) }
  uploadMPVideo(...a: any[]): any { return dual(a, (opts) => mass.uploadMPVideo(this.context, opts)) }
  massSend(...a: any[]): any { return dual(a, async (msg, to) => sent(await mass.massSend(this.context, msg, receivers(to)))) }
  massSendNews(...a: any[]): any { return dual(a, async (id, to) => sent(await mass.massSendNews(this.context, id, receivers(to)))) }
  massSendText(...a: any[]): any { return dual(a, async (text, to) => sent(await mass.massSendText(this.context, text, receivers(to)))) }
  massSendVoice(...a: any[]): any { return dual(a, async (id, to) => sent(await mass.massSendVoice(this.context, id, receivers(to)))) }
  massSendImage(...a: any[]): any { return dual(a, async (id, to) => sent(await mass.massSendImage(this.context, id, receivers(to)))) }
  massSendVideo(...a: any[]): any { return dual(a, async (id, to) => sent(await mass.massSendVideo(this.context, id, receivers(to)))) }
  massSendMPVideo(...a: any[]): any { return dual(a, async (video, to) => sent(await mass.massSendMPVideo(this.context, video, receivers(to)))) }
  deleteMass(...a: any[]): any { return dual(a, async (id) => (await mass.deleteMass(this.context, id), OK())) }
  previewNews(...a: any[]): any { return dual(a, async (openid, id) => sent(await mass.previewNews(this.context, openid, id))) }
  previewText(...a: any[]): any { return dual(a, async (openid, text) => sent(await mass.previewText(this.context, openid, text))) }
  previewVoice(...a: any[]): any { return dual(a, async (openid, id) => sent(await mass.previewVoice(this.context, openid, id))) }
  previewImage(...a: any[]): any { return dual(a, async (openid, id) => sent(await mass.previewImage(this.context, openid, id))) }
  previewVideo(...a: any[]): any { return dual(a, async (openid, id) => sent(await mass.previewVideo(this.context, openid, id))) }
  getMassMessageStatus(...a: any[]): any { return dual(a, (id) => mass.getMassMessageStatus(this.context, id)) }

  // api_media: a path (or a Buffer / Blob / { data, filename }); a missing path fails with the fs error (ENOENT), nothing sent.
  // getMedia gives a Buffer and, to a callback, `res.headers` with content-type and content-disposition (a video: `{ video_url }`)
  uploadMedia(...a: any[]): any { return dual(a, async (f, type) => media.uploadMedia(this.context, await file(f), type)) }
  uploadImage(...a: any[]): any { return dual(a, async (f) => media.uploadMedia(this.context, await file(f), 'image')) }
  uploadVoice(...a: any[]): any { return dual(a, async (f) => media.uploadMedia(this.context, await file(f), 'voice')) }
  uploadVideo(...a: any[]): any { return dual(a, async (f) => media.uploadMedia(this.context, await file(f), 'video')) }
  uploadThumb(...a: any[]): any { return dual(a, async (f) => media.uploadMedia(this.context, await file(f), 'thumb')) }
  getMedia(...a: any[]): any {
    return dual(a, async (id) => {
      const r = await media.getMedia(this.context, id)
      return 'data' in r ? withResponse(Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength), fileResponse(r)) : r
    })
  }

  // api_menu
  createMenu(...a: any[]): any { return dual(a, async (m) => (await menu.createMenu(this.context, m), OK())) }
  getMenu(...a: any[]): any { return dual(a, () => menu.getMenu(this.context)) }
  removeMenu(...a: any[]): any { return dual(a, async () => (await menu.removeMenu(this.context), OK())) }

  // api_message (customer-service messages)
  sendText(...a: any[]): any { return dual(a, async (openid, text) => (await message.sendText(this.context, openid, text), OK())) }
  sendImage(...a: any[]): any { return dual(a, async (openid, id) => (await message.sendImage(this.context, openid, id), OK())) }
  sendVoice(...a: any[]): any { return dual(a, async (openid, id) => (await message.sendVoice(this.context, openid, id), OK())) }
  sendVideo(...a: any[]): any { return dual(a, async (openid, id, thumb) => (await message.sendVideo(this.context, openid, id, thumb), OK())) }
  sendMusic(...a: any[]): any { return dual(a, async (openid, music) => (await message.sendMusic(this.context, openid, music), OK())) }
  sendNews(...a: any[]): any { return dual(a, async (openid, articles) => (await message.sendNews(this.context, openid, articles), OK())) }

  // api_payment (the 2014 payment)
  deliverNotify(...a: any[]): any { return dual(a, async (notice) => (await pay.deliverNotify(this.context, notice), OK())) }
  /** WeChat's whole answer, as the seed handed it on: `{ errcode: 0, errmsg: 'ok', order_info }`. */
  orderQuery(...a: any[]): any { return dual(a, async (query) => ({ ...OK(), order_info: await pay.orderQuery(this.context, query) })) }

  // api_qrcode
  createTmpQRCode(...a: any[]): any { return dual(a, (scene, expire) => qr.createTmpQRCode(this.context, scene, expire)) }
  createLimitQRCode(...a: any[]): any { return dual(a, (scene) => qr.createLimitQRCode(this.context, scene)) }
  /** Synchronous, as in the seed: the URL of the QR code image for `ticket`. */
  showQRCodeURL(ticket: string): string { return qr.showQRCodeURL(ticket) }

  // api_semantic
  semantic(...a: any[]): any { return dual(a, (uid, q) => semantic(this.context, uid, q)) }

  // api_shop_*: (微信小店, retired by WeChat)
  uploadPicture(...a: any[]): any {
    return dual(a, async (f, name) => {
      const { data, filename } = await file(f)
      return shop.uploadPicture(this.context, data, name ?? filename)
    })
  }
  addExpressTemplate(...a: any[]): any { return dual(a, (t) => shop.addExpressTemplate(this.context, t)) }
  addExpress(...a: any[]): any { return this.addExpressTemplate(...a) }
  deleteExpressTemplate(...a: any[]): any { return dual(a, async (id) => (await shop.deleteExpressTemplate(this.context, id), OK())) }
  updateExpressTemplate(...a: any[]): any { return dual(a, async (t) => (await shop.updateExpressTemplate(this.context, t), OK())) }
  getExpressTemplateById(...a: any[]): any { return dual(a, (id) => shop.getExpressTemplateById(this.context, id)) }
  getAllExpressTemplates(...a: any[]): any { return dual(a, () => shop.getAllExpressTemplates(this.context)) }
  createGoods(...a: any[]): any { return dual(a, (g) => shop.createGoods(this.context, g)) }
  deleteGoods(...a: any[]): any { return dual(a, async (id) => (await shop.deleteGoods(this.context, id), OK())) }
  updateGoods(...a: any[]): any { return dual(a, async (g) => (await shop.updateGoods(this.context, g?.product_id, g), OK())) }
  getGoods(...a: any[]): any { return dual(a, (id) => shop.getGoods(this.context, id)) }
  getGoodsByStatus(...a: any[]): any { return dual(a, (status) => shop.getGoodsByStatus(this.context, status)) }
  updateGoodsStatus(...a: any[]): any { return dual(a, async (id, status) => (await shop.updateGoodsStatus(this.context, id, status), OK())) }
  getWXCategory(...a: any[]): any { return dual(a, (id) => shop.getWXCategory(this.context, id)) }
  getWXSKU(...a: any[]): any { return dual(a, (id) => shop.getWXSKU(this.context, id)) }
  getWXProperty(...a: any[]): any { return dual(a, (id) => shop.getWXProperty(this.context, id)) }
  createGoodsGroup(...a: any[]): any { return dual(a, (name, list) => shop.createGoodsGroup(this.context, name, list)) }
  deleteGoodsGroup(...a: any[]): any { return dual(a, async (id) => (await shop.deleteGoodsGroup(this.context, id), OK())) }
  updateGoodsGroup(...a: any[]): any { return dual(a, async (id, name) => (await shop.updateGoodsGroup(this.context, id, name), OK())) }
  updateGoodsForGroup(...a: any[]): any {
    return dual(a, async (id, add, remove) => (await shop.updateGoodsForGroup(this.context, id, { add: add ?? [], remove: remove ?? [] }), OK()))
  }
  getAllGroups(...a: any[]): any { return dual(a, () => shop.getAllGroups(this.context)) }
  getGroupById(...a: any[]): any { return dual(a, (id) => shop.getGroupById(this.context, id)) }
  getOrderById(...a: any[]): any { return dual(a, (id) => shop.getOrderById(this.context, id)) }
  /** `([status,] [beginTime,] [endTime,] cb)`: a number is the status, then Dates are the time range. */
  getOrdersByStatus(...a: any[]): any {
    return dual(a, (...args) => {
      const status = typeof args[0] === 'number' ? args.shift() : undefined
      const [beginTime, endTime] = args
      return shop.getOrdersByStatus(this.context, { status, beginTime, endTime })
    })
  }
  setExpressForOrder(...a: any[]): any {
    return dual(a, async (id, company, trackNo) => (await shop.setExpressForOrder(this.context, id, { company, trackNo }), OK()))
  }
  closeOrder(...a: any[]): any { return dual(a, async (id) => (await shop.closeOrder(this.context, id), OK())) }
  createShelf(...a: any[]): any { return dual(a, (s) => shop.createShelf(this.context, s)) }
  deleteShelf(...a: any[]): any { return dual(a, async (id) => (await shop.deleteShelf(this.context, id), OK())) }
  updateShelf(...a: any[]): any { return dual(a, async (s) => (await shop.updateShelf(this.context, s), OK())) }
  getAllShelves(...a: any[]): any { return dual(a, () => shop.getAllShelves(this.context)) }
  getAllShelf(...a: any[]): any { return this.getAllShelves(...a) }
  getShelfById(...a: any[]): any { return dual(a, (id) => shop.getShelfById(this.context, id)) }
  /** `(number, productId, sku)`: a negative number reduces the stock. */
  updateStock(...a: any[]): any { return dual(a, async (n, id, sku) => (await shop.updateStock(this.context, id, n, { sku: sku ?? '' }), OK())) }

  // api_template
  setIndustry(...a: any[]): any { return dual(a, async (ids) => (await tpl.setIndustry(this.context, ids), OK())) }
  addTemplate(...a: any[]): any { return dual(a, async (short) => ({ ...OK(), ...(await tpl.addTemplate(this.context, short)) })) }
  /** `(openid, templateId, url, topColor, data)`; `(openid, templateId, url, data)` too. `topColor` is ignored by WeChat. */
  sendTemplate(...a: any[]): any {
    return dual(a, async (openid, templateId, url, topColor, body) => {
      const d = body === undefined && topColor && typeof topColor === 'object' ? topColor : body
      const msg: tpl.TemplateMessage = { template_id: templateId, data: d }
      if (url) msg.url = url
      return { ...OK(), ...(await tpl.sendTemplate(this.context, openid, msg)) }
    })
  }

  // api_url
  shorturl(...a: any[]): any { return dual(a, async (url) => ({ ...OK(), short_url: await qr.shorturl(this.context, url) })) }

  // api_user: getUser takes an openid or `{ openid, lang }`
  getUser(...a: any[]): any {
    return dual(a, (o) => (o && typeof o === 'object' ? user.getUser(this.context, o.openid, { lang: o.lang }) : user.getUser(this.context, o)))
  }
  batchGetUsers(...a: any[]): any { return dual(a, async (openids) => ({ user_info_list: await user.batchGetUsers(this.context, openids) })) }
  getFollowers(...a: any[]): any { return dual(a, (next) => user.getFollowers(this.context, next)) }
  updateRemark(...a: any[]): any { return dual(a, async (openid, remark) => (await user.updateRemark(this.context, openid, remark), OK())) }
}
