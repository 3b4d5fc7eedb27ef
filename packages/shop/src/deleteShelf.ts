import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { numIdSchema } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/merchant/shelf/del',
  retry: 'idempotent',
  body: () => v.object({ shelf_id: numIdSchema('shelf_id') }),
})

/**
 * Deletes a shelf.
 *
 * Calls `POST /merchant/shelf/del`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * await deleteShelf(ctx, 12)
 */
export async function deleteShelf(ctx: WxContext, shelfId: number | string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { shelf_id: shelfId } }, opts)
}
