import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { commentBody, exactIdJson, targetEntries, type CommentTarget } from './_comment.ts'

/** Options of `listComments`. */
export interface ListCommentsOptions extends CallOptions {
  /** From 0. Default 0. */
  begin?: number | undefined
  /** 1-50. Default 50. */
  count?: number | undefined
  /** 0 every comment (default), 1 ordinary ones, 2 featured ones. */
  type?: 0 | 1 | 2 | undefined
}

/** One comment on an article. */
export interface ArticleComment {
  user_comment_id: number
  openid: string
  /** Unix seconds. */
  create_time: number
  content: string
  /** 1 when featured (精选). */
  comment_type: number
  /** The account's reply, if any. */
  reply?: { content: string; create_time: number }
  [field: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ total: number; comment: ArticleComment[] }>({
  method: 'POST',
  path: '/cgi-bin/comment/list',
  retry: 'read',
  prepare: exactIdJson,
  body: () =>
    v.object({
      ...targetEntries(),
      begin: v.pipe(v.number('begin: expected a number'), v.integer('begin: expected a whole number'), v.minValue(0, 'begin starts at 0')),
      count: v.pipe(v.number('count: expected a number'), v.integer('count: expected a whole number'), v.minValue(1, 'count: 1-50'), v.maxValue(50, 'count: 1-50')),
      type: v.picklist([0, 1, 2], 'type: 0 (all), 1 (ordinary) or 2 (featured)'),
    }),
  output: () =>
    v.looseObject({
      total: v.number(),
      comment: v.optional(
        v.array(v.looseObject({ user_comment_id: v.number(), openid: v.optional(v.string(), ''), create_time: v.number(), content: v.string(), comment_type: v.optional(v.number(), 0) })),
        [],
      ),
    }) as unknown as v.GenericSchema<unknown, { total: number; comment: ArticleComment[] }>,
})

/**
 * Lists the comments on a published article (查看指定文章的评论数据), up to 50 per call.
 *
 * Calls `POST /cgi-bin/comment/list`. Errcodes that matter: 88001 (no such msg_data_id or index),
 * 88010 (count out of range), 88000 (the account has no comment permission).
 *
 * @example
 * const { total, comment } = await listComments(ctx, { msg_data_id, index: 0 }, { begin: 0, count: 50, type: 0 })
 */
export function listComments(ctx: WxContext, article: CommentTarget, opts?: ListCommentsOptions | null): Promise<{ total: number; comment: ArticleComment[] }> {
  return callApi(ctx, endpoint, { body: { ...commentBody(article), begin: opts?.begin ?? 0, count: opts?.count ?? 50, type: opts?.type ?? 0 } }, opts)
}
