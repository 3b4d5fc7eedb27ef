import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { answer, type ShelfInfo } from './_schemas.ts'

/** What `getAllShelves` answers. */
export interface GetAllShelvesResult {
  shelves: ShelfInfo[]
  [key: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<GetAllShelvesResult>({
  method: 'GET',
  path: '/merchant/shelf/getall',
  retry: 'read',
  output: () => answer({ shelves: v.optional(v.array(v.looseObject({ shelf_id: v.number() })), []) }),
})

/**
 * Lists every shelf with its controls.
 *
 * Calls `GET /merchant/shelf/getall`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it.
 *
 * @example
 * const { shelves } = await getAllShelves(ctx)
 */
export function getAllShelves(ctx: WxContext, opts?: CallOptions | null): Promise<GetAllShelvesResult> {
  return callApi(ctx, endpoint, {}, opts)
}
