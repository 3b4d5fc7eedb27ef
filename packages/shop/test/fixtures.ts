import type { ExpressTemplate, Goods, Order, Shelf } from '@wx/shop'

/*
 * The seed's example payloads (wechat-api 1.2.2 docs, api_shop_*), as test fixtures. They must
 * typecheck against the exported types and pass validation unchanged.
 *
 * One repair: the seed's goods example is not valid JSON: its second `detail` entry lacks the opening
 * quote of its string (`{"img": 4whpV1...`). The quote is added; nothing else is touched (the space inside
 * the `icon_url`s is the seed's and stays).
 */

/** api_shop_goods createGoods `Goods`. */
export const SEED_GOODS: Goods = {
  product_base: {
    category_id: ['537074298'],
    property: [
      { id: '1075741879', vid: '1079749967' },
      { id: '1075754127', vid: '1079795198' },
      { id: '1075777334', vid: '1079837440' },
    ],
    name: 'testaddproduct',
    sku_info: [
      {
        id: '1075741873',
        vid: ['1079742386', '1079742363'],
      },
    ],
    main_img: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl2iccsvYbHvnphkyGtnvjD3ulEKogfsiaua49pvLfUS8Ym0GSYjViaLic0FD3vN0V8PILcibEGb2fPfEOmw/0',
    img: ['http://mmbiz.qpic.cn/mmbiz/4whpV1VZl2iccsvYbHvnphkyGtnvjD3ulEKogfsiaua49pvLfUS8Ym0GSYjViaLic0FD3vN0V8PILcibEGb2fPfEOmw/0'],
    detail: [{ text: 'testfirst' }, { img: '4whpV1VZl2iccsvYbHvnphkyGtnvjD3ul1UcLcwxrFdwTKYhH9Q5YZoCfX4Ncx655ZK6ibnlibCCErbKQtReySaVA/0' }, { text: 'testagain' }],
    buy_limit: 10,
  },
  sku_list: [
    {
      sku_id: '1075741873:1079742386',
      price: 30,
      icon_url: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl28bJj62XgfHPibY3ORKicN1oJ4CcoIr4BMbfA8LqyyjzOZzqrOGz3f5K Wq1QGP3fo6TOTSYD3TBQjuw/0',
      product_code: 'testing',
      ori_price: 9000000,
      quantity: 800,
    },
    {
      sku_id: '1075741873:1079742363',
      price: 30,
      icon_url: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl28bJj62XgfHPibY3ORKicN1oJ4CcoIr4BMbfA8LqyyjzOZzqrOGz3f5K Wq1QGP3fo6TOTSYD3TBQjuw/0',
      product_code: 'testingtesting',
      ori_price: 9000000,
      quantity: 800,
    },
  ],
  attrext: {
    location: {
      country: '中国',
      province: '广东省',
      city: '广州市',
      address: 'T.I.T创意园',
    },
    isPostFree: 0,
    isHasReceipt: 1,
    isUnderGuaranty: 0,
    isSupportReplace: 0,
  },
  delivery_info: {
    delivery_type: 0,
    template_id: 0,
    express: [
      { id: 10000027, price: 100 },
      { id: 10000028, price: 100 },
      { id: 10000029, price: 100 },
    ],
  },
}

/** api_shop_express addExpressTemplate `Express`. */
export const SEED_EXPRESS: ExpressTemplate = {
  delivery_template: {
    Name: 'testexpress',
    Assumer: 0,
    Valuation: 0,
    TopFee: [
      {
        Type: 10000027,
        Normal: { StartStandards: 1, StartFees: 2, AddStandards: 3, AddFees: 1 },
        Custom: [{ StartStandards: 1, StartFees: 100, AddStandards: 1, AddFees: 3, DestCountry: '中国', DestProvince: '广东省', DestCity: '广州市' }],
      },
      {
        Type: 10000028,
        Normal: { StartStandards: 1, StartFees: 3, AddStandards: 3, AddFees: 2 },
        Custom: [{ StartStandards: 1, StartFees: 10, AddStandards: 1, AddFees: 30, DestCountry: '中国', DestProvince: '广东省', DestCity: '广州市' }],
      },
      {
        Type: 10000029,
        Normal: { StartStandards: 1, StartFees: 4, AddStandards: 3, AddFees: 3 },
        Custom: [{ StartStandards: 1, StartFees: 8, AddStandards: 2, AddFees: 11, DestCountry: '中国', DestProvince: '广东省', DestCity: '广州市' }],
      },
    ],
  },
}

/** api_shop_shelf createShelf `Shelf`. */
export const SEED_SHELF: Shelf = {
  shelf_data: {
    module_infos: [
      {
        group_info: {
          filter: {
            count: 2,
          },
          group_id: 50,
        },
        eid: 1,
      },
      {
        group_infos: {
          groups: [{ group_id: 49 }, { group_id: 50 }, { group_id: 51 }],
        },
        eid: 2,
      },
      {
        group_info: {
          group_id: 52,
          img: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl29nqqObBwFwnIX3licVPnFV5Jm64z4I0TTicv0TjN7Vl9bykUUibYKIOjicAwIt6Oy0Y6a1Rjp5Tos8tg/0',
        },
        eid: 3,
      },
      {
        group_infos: {
          groups: [
            { group_id: 49, img: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl29nqqObBwFwnIX3licVPnFV5uUQx7TLx4tB9qZfbe3JmqR4NkkEmpb5LUWoXF1ek9nga0IkeSSFZ8g/0' },
            { group_id: 50, img: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl29nqqObBwFwnIX3licVPnFV5G1kdy3ViblHrR54gbCmbiaMnl5HpLGm5JFeENyO9FEZAy6mPypEpLibLA/0' },
            { group_id: 52, img: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl29nqqObBwFwnIX3licVPnFV5uUQx7TLx4tB9qZfbe3JmqR4NkkEmpb5LUWoXF1ek9nga0IkeSSFZ8g/0' },
          ],
        },
        eid: 4,
      },
      {
        group_infos: {
          groups: [{ group_id: 43 }, { group_id: 44 }, { group_id: 45 }, { group_id: 46 }],
          img_background: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl29nqqObBwFwnIX3licVPnFV5uUQx7TLx4tB9qZfbe3JmqR4NkkEmpb5LUWoXF1ek9nga0IkeSSFZ8g/0',
        },
        eid: 5,
      },
    ],
  },
  shelf_banner: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl2ibrWQn8zWFUh1YznsMV0XEiavFfLzDWYyvQOBBszXlMaiabGWzz5B2KhNn2IDemHa3iarmCyribYlZYyw/0',
  shelf_name: '测试货架',
}

/** api_shop_order getOrdersByStatus result `order_list` (seeded into the fake; orders cannot be created by API). */
export const SEED_ORDERS: Order[] = [
  {
    order_id: '7197417460812533543',
    order_status: 6,
    order_total_price: 6,
    order_create_time: 1394635817,
    order_express_price: 5,
    buyer_openid: 'oDF3iY17NsDAW4UP2qzJXPsz1S9Q',
    buyer_nick: 'likeacat',
    receiver_name: '张小猫',
    receiver_province: '广东省',
    receiver_city: '广州市',
    receiver_address: '华景路一号南方通信大厦5楼',
    receiver_mobile: '123456',
    receiver_phone: '123456',
    product_id: 'pDF3iYx7KDQVGzB7kDg6Tge5OKFo',
    product_name: '安莉芳E-BRA专柜女士舒适内衣蕾丝3/4薄杯聚拢上托性感文胸KB0716',
    product_price: 1,
    product_sku: '10000983:10000995;10001007:10001010',
    product_count: 1,
    product_img: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl2icND8WwMThBEcehjhDv2icY4GrDSG5RLM3B2qd9kOicWGVJcsAhvXfibhWRNoGOvCfMC33G9z5yQr2Qw/0',
    delivery_id: '1900659372473',
    delivery_company: '059Yunda',
    trans_id: '1900000109201404103172199813',
  },
  {
    order_id: '7197417460812533569',
    order_status: 8,
    order_total_price: 1,
    order_create_time: 1394636235,
    order_express_price: 0,
    buyer_openid: 'oDF3iY17NsDAW4UP2qzJXPsz1S9Q',
    buyer_nick: 'likeacat',
    receiver_name: '张小猫',
    receiver_province: '广东省',
    receiver_city: '广州市',
    receiver_address: '华景路一号南方通信大厦5楼',
    receiver_mobile: '123456',
    receiver_phone: '123456',
    product_id: 'pDF3iYx7KDQVGzB7kDg6Tge5OKFo',
    product_name: '项坠333',
    product_price: 1,
    product_sku: '1075741873:1079742377',
    product_count: 1,
    product_img: 'http://mmbiz.qpic.cn/mmbiz/4whpV1VZl2icND8WwMThBEcehjhDv2icY4GrDSG5RLM3B2qd9kOicWGVJcsAhvXfibhWRNoGOvCfMC33G9z5yQr2Qw/0',
    delivery_id: '1900659372473',
    delivery_company: '059Yunda',
    trans_id: '1900000109201404103172199813',
  },
]
