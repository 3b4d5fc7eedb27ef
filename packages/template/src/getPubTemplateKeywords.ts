import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A keyword of a public template: pick 2-5 `kid`s for `addSubscribeTemplate`. */
export interface PubTemplateKeyword {
  kid: number
  name: string
  example: string
  /** The value type, e.g. `thing` (20 characters), `time`, `number`, `phrase`. */
  rule: string
  [field: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ count: number; data: PubTemplateKeyword[] }>({
  method: 'GET',
  path: '/wxaapi/newtmpl/getpubtemplatekeywords',
  retry: 'read',
  query: () => v.object({ tid: v.pipe(v.string(), v.regex(/^\d{1,10}$/, 'tid: expected a template title id from getPubTemplateTitles')) }),
  output: () =>
    v.pipe(
      v.looseObject({
        count: v.optional(v.number(), 0),
        data: v.optional(v.array(v.looseObject({ kid: v.number(), name: v.string(), example: v.optional(v.string(), ''), rule: v.optional(v.string(), '') })), []),
      }),
      v.transform(({ count, data }) => ({ count, data })),
    ) as unknown as v.GenericSchema<unknown, { count: number; data: PubTemplateKeyword[] }>,
})

/**
 * Lists the keywords of a public template (获取模板中的关键词).
 *
 * Calls `GET /wxaapi/newtmpl/getpubtemplatekeywords`. Errcodes that matter: 200014 (unknown tid).
 *
 * @example
 * const { data } = await getPubTemplateKeywords(ctx, 99) // [{ kid: 1, name: '物品名称', example: '咖啡', rule: 'thing' }, ...]
 */
export function getPubTemplateKeywords(ctx: WxContext, tid: number | string, opts?: CallOptions | null): Promise<{ count: number; data: PubTemplateKeyword[] }> {
  return callApi(ctx, endpoint, { query: { tid: typeof tid === 'number' && Number.isSafeInteger(tid) ? String(tid) : (tid as string) } }, opts)
}
