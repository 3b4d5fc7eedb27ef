import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { ownTagIdSchema, tagNameSchema } from './_user.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/tags/update',
  retry: 'idempotent',
  body: () => v.object({ tag: v.object({ id: ownTagIdSchema(), name: tagNameSchema() }) }),
})

/**
 * Renames a tag.
 *
 * Calls `POST /cgi-bin/tags/update`. Tags 0, 1, 2 are WeChat's and are rejected before sending.
 * Idempotent. Errcodes that matter: 45157 (name already used), 45158 (name over 30 bytes), 45058
 * (system tag), 45159 (no such tag). 45157 also when the tag already has this name — e.g. a resend
 * of a rename that succeeded (timeouts are retried for this call).
 *
 * @example
 * await updateTag(ctx, 134, 'Guangzhou')
 */
export async function updateTag(ctx: WxContext, id: number, name: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { tag: { id, name } } }, opts)
}
