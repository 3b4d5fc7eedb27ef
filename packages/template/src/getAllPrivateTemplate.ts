import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A template of the account. */
export interface PrivateTemplate {
  template_id: string
  title: string
  primary_industry: string
  deputy_industry: string
  /** The template text, e.g. `{{first.DATA}}\n订单号：{{keyword1.DATA}}`. */
  content: string
  example: string
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ template_list: PrivateTemplate[] }>({
  method: 'GET',
  path: '/cgi-bin/template/get_all_private_template',
  retry: 'read',
  output: () =>
    v.looseObject({
      template_list: v.optional(
        v.array(
          v.looseObject({
            template_id: v.string(),
            title: v.optional(v.string(), ''),
            primary_industry: v.optional(v.string(), ''),
            deputy_industry: v.optional(v.string(), ''),
            content: v.optional(v.string(), ''),
            example: v.optional(v.string(), ''),
          }),
        ),
        [],
      ),
    }),
})

/**
 * Lists the templates added to the account (获取模板列表).
 *
 * Calls `GET /cgi-bin/template/get_all_private_template`. Errcodes that matter: 48001 (no template permission).
 *
 * @example
 * const { template_list } = await getAllPrivateTemplate(ctx)
 */
export function getAllPrivateTemplate(ctx: WxContext, opts?: CallOptions | null): Promise<{ template_list: PrivateTemplate[] }> {
  return callApi(ctx, endpoint, {}, opts)
}
