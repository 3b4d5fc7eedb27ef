/**
 * `@wx/shop`: the retired 微信小店 shop API (`/merchant/*`), kept for accounts that still call it.
 * Every function is `@deprecated`: the Channels shop (微信小店(视频号)) replaced this shop.
 */
export { uploadPicture, type UploadPictureResult } from './uploadPicture.ts'
/** What `uploadPicture` accepts as the image (any web byte type). */
export type { FileData as ImageData } from '@wx/core'

export { addExpressTemplate, type AddExpressTemplateResult } from './addExpressTemplate.ts'
export { addExpress } from './addExpress.ts'
export { deleteExpressTemplate } from './deleteExpressTemplate.ts'
export { updateExpressTemplate } from './updateExpressTemplate.ts'
export { getExpressTemplateById, type GetExpressTemplateResult } from './getExpressTemplateById.ts'
export { getAllExpressTemplates, type GetAllExpressTemplatesResult } from './getAllExpressTemplates.ts'

export { createGoods, type CreateGoodsResult } from './createGoods.ts'
export { deleteGoods } from './deleteGoods.ts'
export { updateGoods } from './updateGoods.ts'
export { getGoods, type GetGoodsResult } from './getGoods.ts'
export { getGoodsByStatus, type GetGoodsByStatusResult } from './getGoodsByStatus.ts'
export { updateGoodsStatus } from './updateGoodsStatus.ts'
export { getWXCategory, type GetWXCategoryResult, type WXCategory } from './getWXCategory.ts'
export { getWXSKU, type GetWXSKUResult, type WXSku } from './getWXSKU.ts'
export { getWXProperty, type GetWXPropertyResult, type WXProperty } from './getWXProperty.ts'

export { createGoodsGroup, type CreateGoodsGroupResult } from './createGoodsGroup.ts'
export { deleteGoodsGroup } from './deleteGoodsGroup.ts'
export { updateGoodsGroup } from './updateGoodsGroup.ts'
export { updateGoodsForGroup, type GroupProductChanges } from './updateGoodsForGroup.ts'
export { getAllGroups, type GetAllGroupsResult } from './getAllGroups.ts'
export { getGroupById, type GetGroupResult } from './getGroupById.ts'

export { getOrderById, type GetOrderResult } from './getOrderById.ts'
export { getOrdersByStatus, type GetOrdersOptions, type GetOrdersResult } from './getOrdersByStatus.ts'
export { setExpressForOrder, type OrderDelivery } from './setExpressForOrder.ts'
export { closeOrder } from './closeOrder.ts'

export { createShelf, type CreateShelfResult } from './createShelf.ts'
export { deleteShelf } from './deleteShelf.ts'
export { updateShelf } from './updateShelf.ts'
export { getAllShelves, type GetAllShelvesResult } from './getAllShelves.ts'
export { getAllShelf } from './getAllShelf.ts'
export { getShelfById } from './getShelfById.ts'

export { updateStock, type UpdateStockOptions } from './updateStock.ts'

export type {
  DeliveryExpress,
  DeliveryInfo,
  DeliveryTemplate,
  ExpressCustomFee,
  ExpressFee,
  ExpressTemplate,
  ExpressTemplateInfo,
  ExpressTemplateUpdate,
  ExpressType,
  Goods,
  GoodsAttrext,
  GoodsDetail,
  GoodsGroup,
  GoodsGroupDetail,
  GoodsInfo,
  GoodsLocation,
  GoodsProperty,
  GoodsSku,
  GoodsSkuInfo,
  Order,
  OrderStatus,
  ProductBase,
  Shelf,
  ShelfData,
  ShelfInfo,
  ShelfModule,
  ShelfModule1,
  ShelfModule2,
  ShelfModule3,
  ShelfModule4,
  ShelfModule5,
  ShelfUpdate,
  TopFee,
} from './_schemas.ts'
