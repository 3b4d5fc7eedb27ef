import { fail, need, type FakeRoute } from '../route.ts'
import type { FakeState } from '../state.ts'

/*
 * The retired 微信小店 (`/merchant/*`). Bodies are checked against the documented structures (goods,
 * express templates, shelves) independently of @wx/shop's schemas; wrong ones answer 40097 (invalid
 * args) naming the field, unknown ids too. Orders cannot be created through the API: tests seed them
 * with `fake.setData('shop', { orders: [...] })`. As the manual (§1.3) says, a product that has been on
 * sale keeps its name, category and properties: an update changing them answers 40097.
 */

const BAD = 40097
const EXPRESS = [10000027, 10000028, 10000029]

interface ShopData {
  seq: number
  goods: Record<string, any>
  templates: Record<string, any>
  groups: Record<string, { group_id: number; group_name: string; product_list: string[] }>
  shelves: Record<string, any>
  orders: any[]
  images: { url: string; filename: string; bytes: number }[]
  /** Ids of the products that have been on sale (上架) at least once. */
  sold: Record<string, true>
}

function db(state: FakeState): ShopData {
  const d = state.bag('shop', () => ({}) as ShopData)
  d.seq ??= 100
  d.goods ??= {}
  d.templates ??= {}
  d.groups ??= {}
  d.shelves ??= {}
  d.orders ??= []
  d.images ??= []
  d.sold ??= {}
  return d
}

const obj = (x: unknown): x is Record<string, any> => !!x && typeof x === 'object' && !Array.isArray(x)
const str = (x: unknown) => typeof x === 'string' && x.length > 0
const int = (x: unknown) => Number.isInteger(x) && (x as number) >= 0
const flag = (x: unknown) => x === undefined || x === 0 || x === 1
const arr = (x: unknown, min = 0): x is any[] => Array.isArray(x) && x.length >= min
const bad = (ok: unknown, field: string) => need(ok, BAD, `invalid args: ${field}`)
const numId = (x: unknown) => (int(x) ? (x as number) : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : fail(BAD, 'invalid args: id'))

function checkGoods(g: any): void {
  bad(obj(g), 'body')
  const b = g.product_base
  bad(obj(b), 'product_base')
  bad(str(b.name), 'product_base.name')
  bad(arr(b.category_id, 1) && b.category_id.every((c: unknown) => int(c) || (typeof c === 'string' && /^\d+$/.test(c))), 'product_base.category_id')
  bad(str(b.main_img), 'product_base.main_img')
  bad(b.img === undefined || (arr(b.img) && b.img.every(str)), 'product_base.img')
  bad(b.detail === undefined || (arr(b.detail) && b.detail.every((d: any) => obj(d) && (typeof d.text === 'string' || str(d.img)))), 'product_base.detail')
  bad(b.property === undefined || (arr(b.property) && b.property.every((p: any) => obj(p) && str(p.id) && str(p.vid))), 'product_base.property')
  bad(b.sku_info === undefined || (arr(b.sku_info) && b.sku_info.every((s: any) => obj(s) && str(s.id) && arr(s.vid, 1) && s.vid.every(str))), 'product_base.sku_info')
  bad(b.buy_limit === undefined || int(b.buy_limit), 'product_base.buy_limit')
  bad(arr(g.sku_list, 1), 'sku_list')
  for (const s of g.sku_list) {
    bad(obj(s) && typeof s.sku_id === 'string' && int(s.price) && int(s.ori_price) && int(s.quantity), 'sku_list')
    bad(s.sku_id === '' || s.sku_id.split(';').every((p: string) => /^[^:]+:[^:]+$/.test(p)), 'sku_list.sku_id')
  }
  const a = g.attrext
  bad(a === undefined || (obj(a) && flag(a.isPostFree) && flag(a.isHasReceipt) && flag(a.isUnderGuaranty) && flag(a.isSupportReplace)), 'attrext')
  bad(a?.location === undefined || (obj(a.location) && ['country', 'province', 'city', 'address'].every((k) => typeof a.location[k] === 'string')), 'attrext.location')
  const d = g.delivery_info
  // Manual §1.1: "如果包邮delivery_info字段可省略" (free shipping: delivery_info may be left out).
  if (d === undefined && a?.isPostFree === 1) return
  bad(obj(d) && (d.delivery_type === 0 || d.delivery_type === 1), 'delivery_info.delivery_type')
  if (d.delivery_type === 1) bad(int(d.template_id), 'delivery_info.template_id')
  else bad(arr(d.express, 1) && d.express.every((e: any) => obj(e) && EXPRESS.includes(e.id) && int(e.price)), 'delivery_info.express')
}

function checkTemplate(t: any): void {
  bad(obj(t), 'delivery_template')
  bad(str(t.Name), 'delivery_template.Name')
  bad(t.Assumer === 0 || t.Assumer === 1, 'delivery_template.Assumer')
  bad([0, 1, 2].includes(t.Valuation), 'delivery_template.Valuation')
  bad(arr(t.TopFee, 1), 'delivery_template.TopFee')
  const fee = (f: any) => obj(f) && int(f.StartStandards) && int(f.StartFees) && int(f.AddStandards) && int(f.AddFees)
  for (const f of t.TopFee) {
    bad(obj(f) && EXPRESS.includes(f.Type), 'TopFee.Type')
    bad(fee(f.Normal), 'TopFee.Normal')
    bad(f.Custom === undefined || (arr(f.Custom) && f.Custom.every((c: any) => fee(c) && str(c.DestCountry) && typeof c.DestProvince === 'string' && typeof c.DestCity === 'string')), 'TopFee.Custom')
  }
}

function checkShelf(s: any, d: ShopData): void {
  bad(obj(s), 'body')
  bad(str(s.shelf_name), 'shelf_name')
  bad(str(s.shelf_banner), 'shelf_banner')
  bad(obj(s.shelf_data) && arr(s.shelf_data.module_infos, 1), 'shelf_data.module_infos')
  const group = (g: any, img: boolean) => obj(g) && (int(g.group_id) || /^\d+$/.test(g.group_id)) && (!img || str(g.img))
  const groups = (gs: any, max: number, img: boolean) => obj(gs) && arr(gs.groups, 1) && gs.groups.length <= max && gs.groups.every((g: any) => group(g, img))
  // Only controls 2 and 4 have a documented maximum of groups. (The manual's text says control 5 stands alone,
  // its own example combines it with 1-4: the fake accepts both, as nobody can check WeChat any more.)
  for (const m of s.shelf_data.module_infos) {
    bad(obj(m), 'module_infos')
    const ok =
      m.eid === 1 ? group(m.group_info, false) && int(m.group_info.filter?.count) && m.group_info.filter.count > 0
      : m.eid === 2 ? groups(m.group_infos, 4, false)
      : m.eid === 3 ? group(m.group_info, true)
      : m.eid === 4 ? groups(m.group_infos, 3, true)
      : m.eid === 5 ? groups(m.group_infos, Number.POSITIVE_INFINITY, false) && str(m.group_infos.img_background)
      : false
    bad(ok, `module_infos eid ${m.eid}`)
  }
  void d
}

const product = (d: ShopData, id: unknown) => (typeof id === 'string' && d.goods[id]) || fail(BAD, 'invalid args: product_id does not exist')
const template = (d: ShopData, id: unknown) => d.templates[numId(id)] ?? fail(BAD, 'invalid args: template_id does not exist')
const group = (d: ShopData, id: unknown) => d.groups[numId(id)] ?? fail(BAD, 'invalid args: group_id does not exist')
const shelf = (d: ShopData, id: unknown) => d.shelves[numId(id)] ?? fail(BAD, 'invalid args: shelf_id does not exist')
const order = (d: ShopData, id: unknown) => d.orders.find((o) => String(o.order_id) === id) ?? fail(BAD, 'invalid args: order_id does not exist')

const CATEGORIES: Record<string, { id: string; name: string }[]> = {
  '1': [{ id: '537074292', name: '数码相机' }, { id: '537074293', name: '家居' }],
  '537074292': [{ id: '537074298', name: '单反相机' }],
}
const SKUS: Record<string, unknown[]> = {
  '537074298': [{ id: '1075741873', name: '颜色', value_list: [{ id: '1079742386', name: '黑色' }, { id: '1079742363', name: '白色' }] }],
}
const PROPERTIES: Record<string, unknown[]> = {
  '537074298': [{ id: '1075741879', name: '品牌', property_value: [{ id: '1079749967', name: 'Fujifilm/富士' }] }],
}
const category = <T>(table: Record<string, T>, body: any): T => table[String(body?.cate_id)] ?? fail(BAD, 'invalid args: cate_id does not exist')

/** Fake WeChat routes for the retired 微信小店 (`/merchant/*`). */
export const shopRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/merchant/common/upload_img',
    handle({ state, query, body, request }) {
      const filename = query.get('filename')
      need(filename, BAD, 'invalid args: filename missing')
      // WeChat takes the image's raw bytes as the body, not JSON and not a multipart form.
      const type = request.headers.get('content-type') ?? ''
      need(!/json|multipart/.test(type), BAD, 'invalid args: the body must be the raw image bytes')
      need(body instanceof Uint8Array && body.length > 0, 44002, 'empty post data')
      const d = db(state)
      const url = `http://mmbiz.qpic.cn/mmbiz/fake${++d.seq}/0`
      d.images.push({ url, filename: filename!, bytes: (body as Uint8Array).length })
      return { image_url: url }
    },
  },

  // Goods
  {
    method: 'POST',
    path: '/merchant/create',
    handle({ state, body }) {
      checkGoods(body)
      const d = db(state)
      const product_id = `pFAKE${++d.seq}${Math.random().toString(36).slice(2, 10)}`
      d.goods[product_id] = { ...body, product_id, status: 2 }
      return { product_id }
    },
  },
  {
    method: 'POST',
    path: '/merchant/update',
    handle({ state, body }) {
      const d = db(state)
      const old = product(d, body?.product_id)
      checkGoods(body)
      if (d.sold[old.product_id]) {
        const [a, b] = [old.product_base, body.product_base]
        const same = String(a.category_id) === String(b.category_id) && JSON.stringify(a.property ?? []) === JSON.stringify(b.property ?? [])
        bad(a.name === b.name && same, 'name, category and property cannot change once the product was on sale')
      }
      d.goods[old.product_id] = { ...body, status: old.status }
      return {}
    },
  },
  {
    method: 'POST',
    path: '/merchant/del',
    handle({ state, body }) {
      const d = db(state)
      delete d.goods[product(d, body?.product_id).product_id]
      return {}
    },
  },
  {
    method: 'POST',
    path: '/merchant/get',
    handle({ state, body }) {
      return { product_info: product(db(state), body?.product_id) }
    },
  },
  {
    method: 'POST',
    path: '/merchant/getbystatus',
    handle({ state, body }) {
      bad([0, 1, 2].includes(body?.status), 'status')
      return { products_info: Object.values(db(state).goods).filter((g) => !body.status || g.status === body.status) }
    },
  },
  {
    method: 'POST',
    path: '/merchant/modproductstatus',
    handle({ state, body }) {
      const d = db(state)
      const g = product(d, body?.product_id)
      bad(body.status === 0 || body.status === 1, 'status')
      g.status = body.status === 1 ? 1 : 2
      if (g.status === 1) d.sold[g.product_id] = true
      return {}
    },
  },
  { method: 'POST', path: '/merchant/category/getsub', handle: ({ body }) => ({ cate_list: category(CATEGORIES, body) }) },
  { method: 'POST', path: '/merchant/category/getsku', handle: ({ body }) => ({ sku_table: category(SKUS, body) }) },
  { method: 'POST', path: '/merchant/category/getproperty', handle: ({ body }) => ({ properties: category(PROPERTIES, body) }) },

  // Stock
  ...(['add', 'reduce'] as const).map(
    (op): FakeRoute => ({
      method: 'POST',
      path: `/merchant/stock/${op}`,
      handle({ state, body }) {
        const g = product(db(state), body?.product_id)
        bad(typeof body.sku_info === 'string', 'sku_info')
        bad(int(body.quantity) && body.quantity > 0, 'quantity')
        const sku = g.sku_list.find((s: any) => s.sku_id === body.sku_info) ?? fail(BAD, 'invalid args: sku_info does not exist')
        if (op === 'reduce') need(sku.quantity >= body.quantity, BAD, 'invalid args: not enough stock')
        sku.quantity += op === 'add' ? body.quantity : -body.quantity
        return {}
      },
    }),
  ),

  // Express templates
  {
    method: 'POST',
    path: '/merchant/express/add',
    handle({ state, body }) {
      checkTemplate(body?.delivery_template)
      const d = db(state)
      const template_id = ++d.seq
      d.templates[template_id] = { Id: template_id, ...body.delivery_template }
      return { template_id }
    },
  },
  {
    method: 'POST',
    path: '/merchant/express/update',
    handle({ state, body }) {
      const d = db(state)
      const t = template(d, body?.template_id)
      checkTemplate(body.delivery_template)
      d.templates[t.Id] = { Id: t.Id, ...body.delivery_template }
      return {}
    },
  },
  {
    method: 'POST',
    path: '/merchant/express/del',
    handle({ state, body }) {
      const d = db(state)
      delete d.templates[template(d, body?.template_id).Id]
      return {}
    },
  },
  { method: 'POST', path: '/merchant/express/getbyid', handle: ({ state, body }) => ({ template_info: template(db(state), body?.template_id) }) },
  { method: 'GET', path: '/merchant/express/getall', handle: ({ state }) => ({ templates_info: Object.values(db(state).templates) }) },

  // Groups
  {
    method: 'POST',
    path: '/merchant/group/add',
    handle({ state, body }) {
      const g = body?.group_detail
      bad(obj(g) && str(g.group_name), 'group_detail.group_name')
      bad(arr(g.product_list) && g.product_list.every(str), 'group_detail.product_list')
      const d = db(state)
      for (const id of g.product_list) product(d, id)
      const group_id = ++d.seq
      d.groups[group_id] = { group_id, group_name: g.group_name, product_list: [...g.product_list] }
      return { group_id }
    },
  },
  {
    method: 'POST',
    path: '/merchant/group/del',
    handle({ state, body }) {
      const d = db(state)
      delete d.groups[group(d, body?.group_id).group_id]
      return {}
    },
  },
  {
    method: 'POST',
    path: '/merchant/group/propertymod',
    handle({ state, body }) {
      const g = group(db(state), body?.group_id)
      bad(str(body.group_name), 'group_name')
      g.group_name = body.group_name
      return {}
    },
  },
  {
    method: 'POST',
    path: '/merchant/group/productmod',
    handle({ state, body }) {
      const d = db(state)
      const g = group(d, body?.group_id)
      bad(arr(body.product, 1) && body.product.every((p: any) => obj(p) && str(p.product_id) && (p.mod_action === 0 || p.mod_action === 1)), 'product')
      for (const p of body.product) {
        if (p.mod_action === 1) {
          product(d, p.product_id)
          if (!g.product_list.includes(p.product_id)) g.product_list.push(p.product_id)
        } else g.product_list = g.product_list.filter((id) => id !== p.product_id)
      }
      return {}
    },
  },
  {
    method: 'GET',
    path: '/merchant/group/getall',
    handle: ({ state }) => ({ groups_detail: Object.values(db(state).groups).map(({ group_id, group_name }) => ({ group_id, group_name })) }),
  },
  { method: 'POST', path: '/merchant/group/getbyid', handle: ({ state, body }) => ({ group_detail: group(db(state), body?.group_id) }) },

  // Shelves
  {
    method: 'POST',
    path: '/merchant/shelf/add',
    handle({ state, body }) {
      const d = db(state)
      checkShelf(body, d)
      const shelf_id = ++d.seq
      d.shelves[shelf_id] = { shelf_id, shelf_info: body.shelf_data, shelf_banner: body.shelf_banner, shelf_name: body.shelf_name }
      return { shelf_id }
    },
  },
  {
    method: 'POST',
    path: '/merchant/shelf/mod',
    handle({ state, body }) {
      const d = db(state)
      const s = shelf(d, body?.shelf_id)
      checkShelf(body, d)
      d.shelves[s.shelf_id] = { shelf_id: s.shelf_id, shelf_info: body.shelf_data, shelf_banner: body.shelf_banner, shelf_name: body.shelf_name }
      return {}
    },
  },
  {
    method: 'POST',
    path: '/merchant/shelf/del',
    handle({ state, body }) {
      const d = db(state)
      delete d.shelves[shelf(d, body?.shelf_id).shelf_id]
      return {}
    },
  },
  { method: 'GET', path: '/merchant/shelf/getall', handle: ({ state }) => ({ shelves: Object.values(db(state).shelves) }) },
  { method: 'POST', path: '/merchant/shelf/getbyid', handle: ({ state, body }) => shelf(db(state), body?.shelf_id) },

  // Orders
  { method: 'POST', path: '/merchant/order/getbyid', handle: ({ state, body }) => ({ order: order(db(state), body?.order_id) }) },
  {
    method: 'POST',
    path: '/merchant/order/getbyfilter',
    handle({ state, body }) {
      const b = body ?? {}
      bad(b.status === undefined || [2, 3, 5, 8].includes(b.status), 'status')
      bad(b.begintime === undefined || int(b.begintime), 'begintime')
      bad(b.endtime === undefined || int(b.endtime), 'endtime')
      const order_list = db(state).orders.filter(
        (o) =>
          (b.status === undefined || o.order_status === b.status) &&
          (b.begintime === undefined || o.order_create_time >= b.begintime) &&
          (b.endtime === undefined || o.order_create_time <= b.endtime),
      )
      return { order_list }
    },
  },
  {
    method: 'POST',
    path: '/merchant/order/setdelivery',
    handle({ state, body }) {
      const o = order(db(state), body?.order_id)
      need(o.order_status === 2, BAD, 'invalid args: the order is not awaiting shipment')
      if (body.need_delivery === 0) o.order_status = 5
      else {
        bad(body.need_delivery === undefined || body.need_delivery === 1, 'need_delivery')
        bad(str(body.delivery_company), 'delivery_company')
        bad(str(body.delivery_track_no), 'delivery_track_no')
        bad(flag(body.is_others), 'is_others')
        Object.assign(o, { order_status: 3, delivery_company: body.delivery_company, delivery_id: body.delivery_track_no })
      }
      state.deliver('/merchant/order/setdelivery', o.buyer_openid, { order_id: o.order_id, order_status: o.order_status })
      return {}
    },
  },
  {
    method: 'POST',
    path: '/merchant/order/close',
    handle({ state, body }) {
      const o = order(db(state), body?.order_id)
      o.closed = true
      return {}
    },
  },
]
