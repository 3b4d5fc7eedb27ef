import type { CallOptions, WxContext } from '@wx/core'
import { commentCall, commentEndpoint, type CommentRef } from './_comment.ts'

const endpoint = /* @__PURE__ */ commentEndpoint('/cgi-bin/comment/delete', true)

/**
 * Deletes a comment (删除评论), with its reply.
 *
 * Calls `POST /cgi-bin/comment/delete`. Idempotent: retried after transient failures.
 * Errcodes that matter: 88008 (no such comment), 88001 (no such article).
 *
 * @example
 * await deleteComment(ctx, { msg_data_id, index: 0, user_comment_id: 1 })
 */
export function deleteComment(ctx: WxContext, comment: CommentRef, opts?: CallOptions | null): Promise<void> {
  return commentCall(ctx, endpoint, comment, opts)
}
