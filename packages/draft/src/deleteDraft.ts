import { callApi, defineEndpoint, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/draft/delete',
  retry: 'idempotent',
  body: () => v.object({ media_id: mediaIdSchema() }),
})

/**
 * Deletes a draft (删除草稿). This cannot be undone.
 *
 * Calls `POST /cgi-bin/draft/delete`. Idempotent: retried after transient failures (a repeat after a
 * lost answer reports 40007). Errcodes that matter: 40007 (no such draft).
 *
 * @example
 * await deleteDraft(ctx, mediaId)
 */
export async function deleteDraft(ctx: WxContext, mediaId: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { media_id: mediaId } }, opts)
}
