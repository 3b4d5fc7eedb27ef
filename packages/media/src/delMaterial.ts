import { callApi, defineEndpoint, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/material/del_material',
  retry: 'idempotent',
  body: () => v.object({ media_id: mediaIdSchema() }),
})

/**
 * Deletes a permanent material.
 *
 * Calls `POST /cgi-bin/material/del_material`. Idempotent: retried on transient failures (a retry after
 * a lost answer may then report 40007, as the material is already gone).
 * Errcodes that matter: 40007 (invalid or already deleted media_id).
 *
 * @example
 * await delMaterial(ctx, mediaId)
 */
export async function delMaterial(ctx: WxContext, mediaId: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { media_id: mediaId } }, opts)
}
