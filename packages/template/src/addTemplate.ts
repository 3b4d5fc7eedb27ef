import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Options of `addTemplate`. */
export interface AddTemplateOptions extends CallOptions {
  /**
   * For category templates (类目模板, a pure-digit `template_id_short` such as `'47123'`): the keyword
   * names to use, in order (required by WeChat for those: 40246 without).
   */
  keywordNames?: string[] | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ template_id: string }>({
  method: 'POST',
  path: '/cgi-bin/template/api_add_template',
  retry: 'send',
  body: () =>
    v.object({
      template_id_short: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Invalid template_id_short: expected e.g. TM00015 or OPENTM207498902')),
      keyword_name_list: v.optional(v.pipe(v.array(v.pipe(v.string(), v.nonEmpty('keyword name must not be empty'))), v.minLength(1), v.maxLength(30))),
    }),
  output: () => v.looseObject({ template_id: v.string() }),
})

/**
 * Adds a template from the template library to the account (获得模板ID) and returns its template_id.
 *
 * Calls `POST /cgi-bin/template/api_add_template`. A `send` (each call adds a template, up to 25):
 * never resent after an ambiguous failure: check `getAllPrivateTemplate` instead.
 * Errcodes that matter: 45026 (template limit reached: delete one first), 40037 (unknown template_id_short),
 * 40246 (a category template (类目模板) needs `keywordNames`, each one of the template's keywords),
 * 48001 (no template permission).
 *
 * @example
 * const { template_id } = await addTemplate(ctx, 'TM00015')
 * // A category template (类目模板): a pure-digit id, and the keyword names to use
 * const { template_id: id2 } = await addTemplate(ctx, '47123', { keywordNames: ['订单号', '金额'] })
 */
export function addTemplate(ctx: WxContext, templateIdShort: string, opts?: AddTemplateOptions | null): Promise<{ template_id: string }> {
  const body: Record<string, unknown> = { template_id_short: templateIdShort }
  if (opts?.keywordNames != null) body.keyword_name_list = opts.keywordNames
  return callApi(ctx, endpoint, { body }, opts)
}
