import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A service category of the account (subscribe-notification templates are grouped by it). */
export interface SubscribeCategory {
  id: number
  name: string
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ data: SubscribeCategory[] }>({
  method: 'GET',
  path: '/wxaapi/newtmpl/getcategory',
  retry: 'read',
  output: () =>
    v.pipe(
      v.looseObject({ data: v.optional(v.array(v.looseObject({ id: v.number(), name: v.string() })), []) }),
      v.transform(({ data }) => ({ data })),
    ),
})

/**
 * Lists the account's service categories (获取公众号类目): pass their ids to `getPubTemplateTitles`.
 *
 * Calls `GET /wxaapi/newtmpl/getcategory`. Errcodes that matter: 48001 (subscribe notifications not
 * enabled for the account), 200011 (account banned).
 *
 * @example
 * const { data } = await getSubscribeCategories(ctx) // [{ id: 616, name: '公交' }]
 */
export function getSubscribeCategories(ctx: WxContext, opts?: CallOptions | null): Promise<{ data: SubscribeCategory[] }> {
  return callApi(ctx, endpoint, {}, opts)
}
