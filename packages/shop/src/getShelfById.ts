import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, numIdSchema, type ShelfInfo } from './_schemas.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<ShelfInfo>({
  method: 'POST',
  path: '/merchant/shelf/getbyid',
  retry: 'read',
  body: () => v.object({ shelf_id: numIdSchema('shelf_id') }),
  output: () => answer({ shelf_info: v.looseObject({}) }),
})

/**
 * Reads one shelf: its controls (`shelf_info.module_infos`), banner and name.
 *
 * Calls `POST /merchant/shelf/getbyid`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { shelf_info, shelf_name } = await getShelfById(ctx, 97)
 */
export function getShelfById(ctx: WxContext, shelfId: number | string, opts?: CallOptions | null): Promise<ShelfInfo> {
  return callApi(ctx, endpoint, { body: { shelf_id: shelfId } }, opts)
}
