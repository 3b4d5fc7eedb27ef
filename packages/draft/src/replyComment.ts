import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { commentBody, exactIdJson, commentIdSchema, targetEntries, type CommentRef } from './_comment.ts'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/comment/reply/add',
  retry: 'send',
  prepare: exactIdJson,
  body: () =>
    v.object({
      ...targetEntries(),
      user_comment_id: commentIdSchema(),
      content: v.pipe(v.string('content: expected a string'), v.nonEmpty('content must not be empty'), v.maxLength(1000, 'content: at most 1,000 characters')),
    }),
})

/**
 * Replies to a comment as the account (回复评论). A comment takes one reply: delete it
 * (`deleteCommentReply`) to reply again.
 *
 * Calls `POST /cgi-bin/comment/reply/add`. A `send` (the commenter sees it): never resent after an
 * ambiguous failure. Errcodes that matter: 88005 (already replied), 88007 (reply empty or too long),
 * 88008 (no such comment), 88004 (the user deleted the comment), 88001 (no such article).
 *
 * @example
 * await replyComment(ctx, { msg_data_id, index: 0, user_comment_id: 1 }, 'Thanks for reading!')
 */
export async function replyComment(ctx: WxContext, comment: CommentRef, content: string, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: commentBody(comment, { content }) }, opts)
}
