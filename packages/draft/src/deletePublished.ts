import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { articleIdSchema } from './_schemas.ts'

/** Options of `deletePublished`. */
export interface DeletePublishedOptions extends CallOptions {
  /** Only this article (from 1); default: every article of the publish. */
  index?: number | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/freepublish/delete',
  retry: 'idempotent',
  body: () =>
    v.object({
      article_id: articleIdSchema(),
      index: v.optional(v.pipe(v.number('index: expected a number'), v.integer('index: expected a whole number'), v.minValue(0, 'index starts at 1 (0 or none: every article)'), v.maxValue(8, 'index: at most 8'))),
    }),
})

/**
 * Deletes a published article (删除发布): all articles of the publish, or one (`index`, from 1). The
 * articles become unreachable; this cannot be undone.
 *
 * Calls `POST /cgi-bin/freepublish/delete`. Idempotent: retried after transient failures.
 * Errcodes that matter: 53600 (invalid article_id).
 *
 * @example
 * await deletePublished(ctx, articleId)             // every article
 * await deletePublished(ctx, articleId, { index: 2 }) // the second one
 */
export async function deletePublished(ctx: WxContext, articleId: string, opts?: DeletePublishedOptions | null): Promise<void> {
  const index = opts?.index
  await callApi(ctx, endpoint, { body: index == null ? { article_id: articleId } : { article_id: articleId, index } }, opts)
}
