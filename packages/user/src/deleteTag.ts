import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { ownTagIdSchema } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/tags/delete',
  retry: 'idempotent',
  body: () => v.object({ tag: v.object({ id: ownTagIdSchema() }) }),
})

/**
 * Deletes a tag (its users lose it).
 *
 * Calls `POST /cgi-bin/tags/delete`. Tags 0, 1, 2 are rejected before sending. A retry after an
 * ambiguous failure may answer 45159 when the first attempt already deleted it. Errcodes that
 * matter: 45058 (system tag), 45057 (over 100,000 users: untag them first), 45159 (no such tag).
 *
 * @example
 * await deleteTag(ctx, 134)
 */
export async function deleteTag(ctx: WxContext, id: number, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { tag: { id } } }, opts)
}
