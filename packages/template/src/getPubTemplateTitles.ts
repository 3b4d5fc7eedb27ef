import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Options of `getPubTemplateTitles`. */
export interface PubTemplateTitlesOptions extends CallOptions {
  /** From 0. Default 0. */
  start?: number | undefined
  /** 1-30. Default 30. */
  limit?: number | undefined
}

/** A template title of the public library. */
export interface PubTemplateTitle {
  /** Pass it to `getPubTemplateKeywords` and `addSubscribeTemplate`. */
  tid: number
  title: string
  /** 2 one-time (一次性订阅), 3 long-term (长期订阅). */
  type: number
  categoryId: string
  [field: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ count: number; data: PubTemplateTitle[] }>({
  method: 'GET',
  path: '/wxaapi/newtmpl/getpubtemplatetitles',
  retry: 'read',
  query: () =>
    v.object({
      ids: v.pipe(v.string('ids: expected category ids'), v.regex(/^\d{1,10}(?:,\d{1,10}){0,49}$/, 'ids: expected 1-50 category ids from getSubscribeCategories')),
      start: v.pipe(v.number('start: expected a number'), v.integer('start: expected a whole number'), v.minValue(0, 'start: from 0')),
      limit: v.pipe(v.number('limit: expected a number'), v.integer('limit: expected a whole number'), v.minValue(1, 'limit: 1-30'), v.maxValue(30, 'limit: 1-30')),
    }),
  output: () =>
    v.pipe(
      v.looseObject({
        count: v.optional(v.number(), 0),
        data: v.optional(v.array(v.looseObject({ tid: v.number(), title: v.string(), type: v.number(), categoryId: v.pipe(v.union([v.string(), v.number()]), v.transform(String)) })), []),
      }),
      v.transform(({ count, data }) => ({ count, data })),
    ) as unknown as v.GenericSchema<unknown, { count: number; data: PubTemplateTitle[] }>,
})

/**
 * Lists the public template titles of some categories (获取类目下的公共模板), 1-30 per page.
 *
 * Calls `GET /wxaapi/newtmpl/getpubtemplatetitles`. Errcodes that matter: 200016 (start invalid),
 * 200017 (limit invalid), 200018 (ids missing), 200019 (ids not the account's categories).
 *
 * @example
 * const { count, data } = await getPubTemplateTitles(ctx, [616], { start: 0, limit: 30 })
 */
export function getPubTemplateTitles(ctx: WxContext, categoryIds: number[], opts?: PubTemplateTitlesOptions | null): Promise<{ count: number; data: PubTemplateTitle[] }> {
  const ids = Array.isArray(categoryIds) ? categoryIds.join(',') : categoryIds
  return callApi(ctx, endpoint, { query: { ids, start: opts?.start ?? 0, limit: opts?.limit ?? 30 } }, opts)
}
