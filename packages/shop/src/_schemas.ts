import * as v from 'valibot'

/*
 * The 微信小店 structures: TypeScript interfaces for completion, valibot schema factories (call them
 * inside endpoint thunks only, never at module top level) that check the documented shape before
 * anything is sent. Field names are WeChat's, unchanged (snake_case, and PascalCase in express templates).
 */

// ---------------------------------------------------------------------------------------------------
// Goods (商品)

/** A category property of a product: property id and value id (from `getWXProperty`). */
export interface GoodsProperty {
  id: string
  vid: string
}

/**
 * One SKU dimension of a product: SKU id and the value ids offered (from `getWXSKU`), or custom ones,
 * `"$xxx"` where xxx is the text buyers see (spaces allowed), e.g. `{ id: '$尺码', vid: ['$XL 加大'] }`.
 */
export interface GoodsSkuInfo {
  id: string
  vid: string[]
}

/** One block of the product detail page: a paragraph of text, or an image URL (from `uploadPicture`). */
export type GoodsDetail = { text: string } | { img: string }

/** `product_base`: the product's basic information. */
export interface ProductBase {
  /** Product name. */
  name: string
  /** Category ids, leaf category last (from `getWXCategory`). */
  category_id: (string | number)[]
  /** Main image URL (from `uploadPicture`). */
  main_img: string
  /** Further image URLs. */
  img?: string[] | undefined
  /** Detail page blocks. */
  detail?: GoodsDetail[] | undefined
  /** Category properties. */
  property?: GoodsProperty[] | undefined
  /** SKU dimensions; leave out for a product of one uniform spec. */
  sku_info?: GoodsSkuInfo[] | undefined
  /** Purchase limit per user, 0 or absent: none. */
  buy_limit?: number | undefined
}

/** One entry of `sku_list`: price and stock of one SKU combination. */
export interface GoodsSku {
  /** `"id1:vid1;id2:vid2"` (custom SKUs: `"$尺码:$XL 加大"`), or `""` for a product of one uniform spec. */
  sku_id: string
  /** Price in fen (分). */
  price: number
  /** Original price in fen. */
  ori_price: number
  /** Stock. */
  quantity: number
  /** Image URL of this SKU. */
  icon_url?: string | undefined
  /** The merchant's own product code. */
  product_code?: string | undefined
}

/** Where the product ships from. */
export interface GoodsLocation {
  country: string
  province: string
  city: string
  address: string
}

/** `attrext`: extra attributes. Flags are 0 (no) or 1 (yes). */
export interface GoodsAttrext {
  location?: GoodsLocation | undefined
  /** Free shipping (1: `delivery_info` may be left out). */
  isPostFree?: 0 | 1 | undefined
  /** Receipt (发票) available. */
  isHasReceipt?: 0 | 1 | undefined
  /** Under warranty. */
  isUnderGuaranty?: 0 | 1 | undefined
  /** Returns/exchanges supported. */
  isSupportReplace?: 0 | 1 | undefined
}

/** Express company ids of the shop: 10000027 平邮 (post), 10000028 快递 (express), 10000029 EMS. */
export type ExpressType = 10000027 | 10000028 | 10000029

/** A fixed shipping fee for one express type. */
export interface DeliveryExpress {
  id: ExpressType
  /** Fee in fen. */
  price: number
}

/** `delivery_info`: how shipping is charged. */
export interface DeliveryInfo {
  /** 0: the fixed fees in `express`; 1: the express template `template_id`. */
  delivery_type: 0 | 1
  /** Express template id (`addExpressTemplate`), for `delivery_type` 1. */
  template_id?: number | undefined
  /** Fixed fees per express type, for `delivery_type` 0. */
  express?: DeliveryExpress[] | undefined
}

/** A product as `createGoods`/`updateGoods` take it. */
export interface Goods {
  product_base: ProductBase
  sku_list: GoodsSku[]
  attrext?: GoodsAttrext | undefined
  /** Required unless `attrext.isPostFree` is 1 (free shipping). */
  delivery_info?: DeliveryInfo | undefined
}

/** A product as WeChat answers it (`getGoods`, `getGoodsByStatus`). */
export interface GoodsInfo {
  product_id: string
  product_base: ProductBase & { detail_html?: string }
  sku_list: GoodsSku[]
  attrext?: GoodsAttrext
  /** Absent for a free-shipping product created without it. */
  delivery_info?: DeliveryInfo
  /** 1: on sale (上架), 2: off sale (下架). */
  status?: number
  [key: string]: unknown
}

// ---------------------------------------------------------------------------------------------------
// Express templates (邮费模板)

/** Fee rule: the first `StartStandards` units cost `StartFees`, each further `AddStandards` units `AddFees` (fen). */
export interface ExpressFee {
  StartStandards: number
  StartFees: number
  AddStandards: number
  AddFees: number
}

/** A fee rule for one destination. */
export interface ExpressCustomFee extends ExpressFee {
  DestCountry: string
  DestProvince: string
  DestCity: string
}

/** `TopFee`: the fees of one express type, default and per destination. */
export interface TopFee {
  Type: ExpressType
  Normal: ExpressFee
  Custom?: ExpressCustomFee[] | undefined
}

/** `delivery_template`: an express (shipping fee) template. */
export interface DeliveryTemplate {
  Name: string
  /** 0: the buyer pays shipping; 1: the seller does (fees ignored). */
  Assumer: 0 | 1
  /** 0: per item; 1: by weight; 2: by volume (WeChat: only per item is supported). */
  Valuation: 0 | 1 | 2
  TopFee: TopFee[]
}

/** What `addExpressTemplate` takes (the seed's `express` object). */
export interface ExpressTemplate {
  delivery_template: DeliveryTemplate
}

/** What `updateExpressTemplate` takes. */
export interface ExpressTemplateUpdate extends ExpressTemplate {
  template_id: number
}

/** A stored template as WeChat answers it. */
export interface ExpressTemplateInfo extends DeliveryTemplate {
  Id: number
  [key: string]: unknown
}

// ---------------------------------------------------------------------------------------------------
// Groups (分组)

/** A group in `getAllGroups`. */
export interface GoodsGroup {
  group_id: number
  group_name: string
  [key: string]: unknown
}

/** A group with its products (`getGroupById`). */
export interface GoodsGroupDetail extends GoodsGroup {
  product_list: string[]
}

// ---------------------------------------------------------------------------------------------------
// Shelves (货架)

/** Shelf control 1: one group, showing `filter.count` of its products. */
export interface ShelfModule1 {
  eid: 1
  group_info: { group_id: number; filter: { count: number } }
}
/** Shelf control 2: up to 4 groups. */
export interface ShelfModule2 {
  eid: 2
  group_infos: { groups: { group_id: number }[] }
}
/** Shelf control 3: one group shown as an image. */
export interface ShelfModule3 {
  eid: 3
  group_info: { group_id: number; img: string }
}
/** Shelf control 4: up to 3 groups, each shown as an image. */
export interface ShelfModule4 {
  eid: 4
  group_infos: { groups: { group_id: number; img: string }[] }
}
/**
 * Shelf control 5: groups (no documented maximum) over a background image. The manual's text says it
 * cannot be combined with other controls and shows no banner (its own example combines it with 1-4).
 */
export interface ShelfModule5 {
  eid: 5
  group_infos: { groups: { group_id: number }[]; img_background: string }
}
/** One entry of `module_infos`, told apart by `eid`. */
export type ShelfModule = ShelfModule1 | ShelfModule2 | ShelfModule3 | ShelfModule4 | ShelfModule5

/** `shelf_data` / `shelf_info`: the shelf's controls. */
export interface ShelfData {
  module_infos: ShelfModule[]
}

/** What `createShelf` takes. */
export interface Shelf {
  shelf_data: ShelfData
  /** Banner image URL. */
  shelf_banner: string
  shelf_name: string
}

/** What `updateShelf` takes. */
export interface ShelfUpdate extends Shelf {
  shelf_id: number
}

/** A shelf as WeChat answers it. */
export interface ShelfInfo {
  shelf_id: number
  shelf_info: ShelfData
  shelf_banner: string
  shelf_name: string
  [key: string]: unknown
}

// ---------------------------------------------------------------------------------------------------
// Orders (订单)

/** Order status: 2 awaiting shipment (待发货), 3 shipped, 5 completed, 8 in dispute (维权中). */
export type OrderStatus = 2 | 3 | 5 | 8

/** An order as WeChat answers it. `order_id` is a 64-bit id, always a string here. */
export interface Order {
  order_id: string
  order_status: number
  order_total_price: number
  order_create_time: number
  order_express_price: number
  buyer_openid: string
  buyer_nick: string
  receiver_name: string
  receiver_province: string
  receiver_city: string
  /** District/county (区/县), in `getOrderById` answers. */
  receiver_zone?: string
  receiver_address: string
  receiver_mobile: string
  receiver_phone: string
  product_id: string
  product_name: string
  product_price: number
  product_sku: string
  product_count: number
  product_img: string
  delivery_id?: string
  delivery_company?: string
  trans_id?: string
  [key: string]: unknown
}

// ---------------------------------------------------------------------------------------------------
// Schema factories

// The goods schemas use only the valibot pieces every bundle already has (object, string, pipe, regex,
// nonEmpty, optional) and a small shared set (number, array, check, custom, looseObject): one-off
// actions (integer, minValue, picklist, union, strictObject...) would each add their own code to a bundle.

const isN = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0
const n = () => v.custom<number>(isN, 'Expected a non-negative integer')
const str = (what: string) => v.pipe(v.string(), v.nonEmpty(`${what} must not be empty`))
/** An array of at least one item (`nonEmpty` is in every bundle already; a `check` would add a closure). */
const some = <T extends v.GenericSchema>(item: T, message: string) => v.pipe(v.array(item), v.nonEmpty(message))
/** One of a few numbers (a `picklist` without its code). */
const oneOf = <T extends number>(options: readonly T[], message: string) => v.custom<T>((x) => options.includes(x as T), message)
const flag = () => oneOf([0, 1] as const, 'Expected 0 or 1')
const expressType = () =>
  oneOf([10000027, 10000028, 10000029] as const, 'Invalid express type: expected 10000027 (平邮), 10000028 (快递) or 10000029 (EMS)')
const isImg = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 1024

/** An image URL as `uploadPicture` hands them out (not re-checked: WeChat rejects foreign ones). */
export const imgSchema = () => v.custom<string>(isImg, 'Invalid image URL: expected 1-1024 characters')

/** A product id (`product_id`), e.g. `pDF3iYwktviE3BzU3BKiSWWi9Nkw`. */
export const productIdSchema = () => v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Invalid product_id: expected 1-64 letters, digits, _ or -'))

/** An order id: a 64-bit number as a string of digits. */
export const orderIdSchema = () => v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'Invalid order_id: expected a string of digits'))

/** A numeric id (group, shelf, template): a non-negative integer, or its decimal string (as the seed passed them). */
export const numIdSchema = (what: string) =>
  v.union(
    [n(), v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))],
    `Invalid ${what}: expected a non-negative integer`,
  )

/** A category id (`cate_id`); the root category is 1. */
export const cateIdSchema = () => numIdSchema('cate_id')

/** `product_base`. */
export const productBaseSchema = () =>
  v.object({
    name: str('product_base.name'),
    category_id: some(
      v.custom<string | number>((x) => isN(x) || (typeof x === 'string' && /^\d+$/.test(x)), 'Invalid category id: expected digits'),
      'category_id needs at least one category',
    ),
    main_img: imgSchema(),
    img: v.optional(v.array(imgSchema())),
    detail: v.optional(
      v.array(
        v.custom<GoodsDetail>((b) => {
          const keys = b && typeof b === 'object' ? Object.keys(b) : []
          const x = b as Record<string, unknown>
          return keys.length === 1 && (keys[0] === 'text' ? typeof x.text === 'string' : keys[0] === 'img' && isImg(x.img))
        }, 'A detail block is { text } or { img } (an image URL of 1-1024 characters)'),
      ),
    ),
    property: v.optional(v.array(v.object({ id: str('property id'), vid: str('property vid') }))),
    sku_info: v.optional(v.array(v.object({ id: str('sku_info id'), vid: some(str('sku_info vid'), 'sku_info needs at least one vid') }))),
    buy_limit: v.optional(n()),
  })

/** One `sku_list` entry. */
export const skuSchema = () =>
  v.object({
    sku_id: v.pipe(v.string(), v.regex(/^$|^[^:;]+:[^:;]+(;[^:;]+:[^:;]+)*$/, 'Invalid sku_id: expected "id1:vid1;id2:vid2", or "" for a uniform spec')),
    price: n(),
    ori_price: n(),
    quantity: n(),
    icon_url: v.optional(v.string()),
    product_code: v.optional(v.string()),
  })

/** `attrext`. */
export const attrextSchema = () =>
  v.object({
    location: v.optional(v.object({ country: v.string(), province: v.string(), city: v.string(), address: v.string() })),
    isPostFree: v.optional(flag()),
    isHasReceipt: v.optional(flag()),
    isUnderGuaranty: v.optional(flag()),
    isSupportReplace: v.optional(flag()),
  })

/** `delivery_info`: type 0 needs `express`, type 1 needs `template_id`. */
export const deliveryInfoSchema = () =>
  v.pipe(
    v.object({
      delivery_type: flag(),
      template_id: v.optional(n()),
      express: v.optional(v.array(v.object({ id: expressType(), price: n() }))),
    }),
    v.check((d) => (d.delivery_type === 1 ? d.template_id !== undefined : !!d.express?.length), 'delivery_type 0 needs express fees, delivery_type 1 needs template_id'),
  )

/** A whole product (`createGoods`; `updateGoods` adds `product_id` first): `delivery_info` may be left out only for free shipping. */
export const goodsSchema = <T extends v.ObjectEntries = Record<never, never>>(first?: T) =>
  v.pipe(
    v.object({
      ...first,
      product_base: productBaseSchema(),
      sku_list: some(skuSchema(), 'sku_list needs at least one SKU (sku_id "" for a uniform spec)'),
      attrext: v.optional(attrextSchema()),
      delivery_info: v.optional(deliveryInfoSchema()),
    }),
    v.check((g) => !!g.delivery_info || g.attrext?.isPostFree == 1, 'delivery_info: required unless attrext.isPostFree is 1'),
  )

const feeShape = () => ({ StartStandards: n(), StartFees: n(), AddStandards: n(), AddFees: n() })

/** `delivery_template`. */
export const deliveryTemplateSchema = () =>
  v.object({
    Name: str('Name'),
    Assumer: flag(),
    Valuation: v.picklist([0, 1, 2], 'Invalid Valuation: expected 0 (per item), 1 (weight) or 2 (volume)'),
    TopFee: v.pipe(
      v.array(
        v.object({
          Type: expressType(),
          Normal: v.object(feeShape()),
          Custom: v.optional(v.array(v.object({ ...feeShape(), DestCountry: str('DestCountry'), DestProvince: v.string(), DestCity: v.string() }))),
        }),
      ),
      v.minLength(1, 'TopFee needs at least one express type'),
    ),
  })

const groupId = () => numIdSchema('group_id')

/** One `module_infos` entry, by `eid`. */
export const shelfModuleSchema = () =>
  v.variant(
    'eid',
    [
      v.object({ eid: v.literal(1), group_info: v.object({ group_id: groupId(), filter: v.object({ count: v.pipe(n(), v.minValue(1, 'filter.count must be at least 1')) }) }) }),
      v.object({ eid: v.literal(2), group_infos: v.object({ groups: v.pipe(v.array(v.object({ group_id: groupId() })), v.minLength(1, 'Needs a group'), v.maxLength(4, 'Control 2 shows at most 4 groups')) }) }),
      v.object({ eid: v.literal(3), group_info: v.object({ group_id: groupId(), img: imgSchema() }) }),
      v.object({ eid: v.literal(4), group_infos: v.object({ groups: v.pipe(v.array(v.object({ group_id: groupId(), img: imgSchema() })), v.minLength(1, 'Needs a group'), v.maxLength(3, 'Control 4 shows at most 3 groups')) }) }),
      v.object({
        eid: v.literal(5),
        group_infos: v.object({ groups: v.pipe(v.array(v.object({ group_id: groupId() })), v.minLength(1, 'Needs a group')), img_background: imgSchema() }),
      }),
    ],
    'Invalid shelf module: eid must be 1, 2, 3, 4 or 5',
  )

/**
 * A shelf (`createShelf`; `updateShelf` adds `shelf_id`). The manual's text says control 5 cannot be combined
 * with other controls, but its own example combines it with controls 1-4: not checked here, WeChat decides.
 */
export const shelfShape = () => ({
  shelf_data: v.object({
    module_infos: v.pipe(
      v.array(shelfModuleSchema()),
      v.minLength(1, 'module_infos needs at least one control'),
    ),
  }),
  shelf_banner: imgSchema(),
  shelf_name: str('shelf_name'),
})

/** Types a loose answer schema as the interface it is documented to be (answers are checked lightly). */
export const answer = <T>(entries: v.ObjectEntries): v.GenericSchema<unknown, T> => v.looseObject(entries) as unknown as v.GenericSchema<unknown, T>
