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
 * Calls `POST /cgi-bin/groups/update`. Idempotent. Errcodes that matter: 40050 (invalid group id),
 * 45157 (name already used).
 *
 * @deprecated WeChat replaced groups with tags in 2016: use `updateTag`.
 * @example
 * await updateGroup(ctx, 107, 'new group name')
 */
export async function updateGroup(ctx: WxContext, id: number, name: string, opts?: CallOptions): Promise<void> {
  await callApi(ctx, endpoint, { body: { group: { id, name } } }, opts)
}
