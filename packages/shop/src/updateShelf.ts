import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { numIdSchema, shelfShape, type ShelfUpdate } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/shelf/mod',
  retry: 'idempotent',
  body: () => v.object({ shelf_id: numIdSchema('shelf_id'), ...shelfShape() }),
})

/**
 * Replaces a shelf's controls, banner and name.
 *
 * Calls `POST /merchant/shelf/mod` with `{ shelf_id, shelf_data, shelf_banner, shelf_name }`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await updateShelf(ctx, { shelf_id: 12, shelf_data, shelf_banner, shelf_name: 'Shop' })
 */
export async function updateShelf(ctx: WxContext, shelf: ShelfUpdate, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: shelf }, opts)
}
