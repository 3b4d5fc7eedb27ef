import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/groups/update',
  retry: 'idempotent',
  body: () =>
    v.object({
      group: v.object({
        id: v.pipe(v.number(), v.integer(), v.minValue(3, 'groups 0, 1 and 2 belong to WeChat and cannot be renamed')),
        name: v.pipe(v.string(), v.nonEmpty('group name must not be empty'), v.maxLength(30, 'group name must be at most 30 characters')),
      }),
    }),
})

/**
 * Renames a legacy user group.
 *
 * Calls `POST /cgi-bin/groups/update`. Groups 0, 1, 2 are WeChat's and are rejected before sending.
 * Idempotent. Errcodes that matter: 40050 (invalid group id), the old group API's 45016 (system group
 * cannot be modified) and 45017 (group name too long); since 2016 groups map onto tags, so WeChat may
 * answer the tag codes instead: 45058 (system tag), 45158 (name over 30 bytes), 45157 (name already
 * used). 45157 also when the group already has this name — e.g. a resend of a rename that succeeded
 * (timeouts are retried for this call).
 *
 * @deprecated WeChat replaced groups with tags in 2016: use `updateTag`.
 * @example
 * await updateGroup(ctx, 107, 'new group name')
 */
export async function updateGroup(ctx: WxContext, id: number, name: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { group: { id, name } } }, opts)
}
