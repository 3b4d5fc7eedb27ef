import type { CallOptions, WxContext } from '@wx/core'
import { commentCall, commentEndpoint, type CommentRef } from './_comment.ts'

const endpoint = /* @__PURE__ */ commentEndpoint('/cgi-bin/comment/reply/delete', true)

/**
 * Deletes the account's reply to a comment (删除回复).
 *
 * Calls `POST /cgi-bin/comment/reply/delete`. Idempotent: retried after transient failures.
 * Errcodes that matter: 88008 (no such comment), 88009 (no reply to delete), 88001 (no such article).
 *
 * @example
 * await deleteCommentReply(ctx, { msg_data_id, index: 0, user_comment_id: 1 })
 */
export function deleteCommentReply(ctx: WxContext, comment: CommentRef, opts?: CallOptions | null): Promise<void> {
  return commentCall(ctx, endpoint, comment, opts)
}
