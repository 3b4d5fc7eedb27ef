import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { shelfShape, type Shelf } from './_schemas.ts'

/** What `createShelf` answers. */
export interface CreateShelfResult {
  shelf_id: number
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<CreateShelfResult>({
  method: 'POST',
  path: '/merchant/shelf/add',
  retry: 'send',
  body: () => v.object(shelfShape()),
  output: () => v.looseObject({ shelf_id: v.number() }),
})

/**
 * Creates a shelf (货架): a page of controls (`module_infos`, `eid` 1-5) that show product groups.
 *
 * Calls `POST /merchant/shelf/add` with `{ shelf_data, shelf_banner, shelf_name }`, checked against
 * each control's documented structure. A `send`: each call creates a shelf.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { shelf_id } = await createShelf(ctx, {
 *   shelf_data: { module_infos: [{ eid: 1, group_info: { group_id: 50, filter: { count: 2 } } }] },
 *   shelf_banner: imageUrl,
 *   shelf_name: 'Shop',
 * })
 */
export function createShelf(ctx: WxContext, shelf: Shelf, opts?: CallOptions | null): Promise<CreateShelfResult> {
  return callApi(ctx, endpoint, { body: shelf }, opts)
}
