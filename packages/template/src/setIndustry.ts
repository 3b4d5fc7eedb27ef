import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** The two industries of the account's template messages (codes 1-41 from WeChat's industry table). */
export interface IndustryIds {
  industry_id1: string | number
  industry_id2: string | number
}

const industry = () => v.pipe(v.string(), v.regex(/^([1-9]|[1-3]\d|4[01])$/, 'Invalid industry id: expected a code of WeChat\'s table, 1 (IT/Internet) to 41 (other)'))

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/template/api_set_industry',
  retry: 'idempotent',
  body: () => v.object({ industry_id1: industry(), industry_id2: industry() }),
})

/**
 * Sets the account's two industries for template messages (设置所属行业). WeChat allows a change once a month.
 *
 * Calls `POST /cgi-bin/template/api_set_industry`. Idempotent: retried after transient failures.
 * Errcodes that matter: 43100 (changed too often: once a month), 40102 (invalid industry id), 48001.
 *
 * @example
 * await setIndustry(ctx, { industry_id1: 1, industry_id2: 4 })
 */
export async function setIndustry(ctx: WxContext, industries: IndustryIds, opts?: CallOptions | null): Promise<void> {
  const s = (x: unknown) => (typeof x === 'number' ? String(x) : x)
  await callApi(ctx, endpoint, { body: { industry_id1: s(industries?.industry_id1), industry_id2: s(industries?.industry_id2) } }, opts)
}
