import type { CallOptions, WxContext } from '@wx/core'
import { commentCall, commentEndpoint, type CommentRef } from './_comment.ts'

const endpoint = /* @__PURE__ */ commentEndpoint('/cgi-bin/comment/markelect', true)

/**
 * Features a comment (将评论标记精选): featured comments are shown to every reader.
 *
 * Calls `POST /cgi-bin/comment/markelect`. Idempotent: retried after transient failures.
 * Errcodes that matter: 88003 (featured-comment limit reached), 88004 (the user deleted the comment), 88008 (no such comment), 88001 (no such article).
 *
 * @example
 * await markElectComment(ctx, { msg_data_id, index: 0, user_comment_id: 1 })
 */
export function markElectComment(ctx: WxContext, comment: CommentRef, opts?: CallOptions | null): Promise<void> {
  return commentCall(ctx, endpoint, comment, opts)
}
