import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<{ group: { id: number; name: string } }>({
  method: 'POST',
  path: '/cgi-bin/groups/create',
  retry: 'send',
  body: () => v.object({ group: v.object({ name: v.pipe(v.string(), v.nonEmpty('group name must not be empty'), v.maxLength(30, 'group name must be at most 30 characters')) }) }),
  output: () => v.looseObject({ group: v.looseObject({ id: v.number(), name: v.string() }) }),
})

/**
 * Creates a legacy user group.
 *
 * Calls `POST /cgi-bin/groups/create`. Creates a record: never resent after an ambiguous failure.
 * Errcodes that matter: the old group API's 45017 (group name too long) and 45018 (too many groups);
 * since 2016 groups map onto tags, so WeChat may answer the tag codes instead: 45158 (name over 30
 * bytes), 45056 (too many), and 45157 (name already used).
 *
 * @deprecated WeChat replaced groups with tags in 2016: use `createTag`.
 * @example
 * const { id } = await createGroup(ctx, 'test') // { id: 107, name: 'test' }
 */
export async function createGroup(ctx: WxContext, name: string, opts?: CallOptions | null): Promise<{ id: number; name: string }> {
  return (await callApi(ctx, endpoint, { body: { group: { name } } }, opts)).group
}
