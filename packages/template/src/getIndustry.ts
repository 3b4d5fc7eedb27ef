import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** An industry as WeChat names it. */
export interface Industry {
  first_class: string
  second_class: string
}

/** The account's template industries. */
export interface IndustryResult {
  primary_industry: Industry
  secondary_industry: Industry
}

const industry = () => v.looseObject({ first_class: v.string(), second_class: v.string() })

const endpoint = /* @__PURE__ */ defineEndpoint<IndustryResult>({
  method: 'GET',
  path: '/cgi-bin/template/get_industry',
  retry: 'read',
  output: () => v.looseObject({ primary_industry: industry(), secondary_industry: industry() }),
})

/**
 * Reads the account's two template-message industries (获取设置的行业信息).
 *
 * Calls `GET /cgi-bin/template/get_industry`. Errcodes that matter: 48001 (no template permission).
 *
 * @example
 * const { primary_industry } = await getIndustry(ctx) // { first_class: 'IT科技', second_class: '互联网|电子商务' }
 */
export function getIndustry(ctx: WxContext, opts?: CallOptions | null): Promise<IndustryResult> {
  return callApi(ctx, endpoint, {}, opts)
}
