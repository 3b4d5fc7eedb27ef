import type { CallOptions, WxContext } from '@wx/core'
import { commentCall, commentEndpoint, type CommentRef } from './_comment.ts'

const endpoint = /* @__PURE__ */ commentEndpoint('/cgi-bin/comment/unmarkelect', true)

/**
 * Stops featuring a comment (将评论取消精选).
 *
 * Calls `POST /cgi-bin/comment/unmarkelect`. Idempotent: retried after transient failures.
 * Errcodes that matter: 88008 (no such comment), 88001 (no such article).
 *
 * @example
 * await unmarkElectComment(ctx, { msg_data_id, index: 0, user_comment_id: 1 })
 */
export function unmarkElectComment(ctx: WxContext, comment: CommentRef, opts?: CallOptions | null): Promise<void> {
  return commentCall(ctx, endpoint, comment, opts)
}
