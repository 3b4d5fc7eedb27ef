import type { CallOptions, WxContext } from '@wx/core'
import { commentCall, commentEndpoint, type CommentTarget } from './_comment.ts'

const endpoint = /* @__PURE__ */ commentEndpoint('/cgi-bin/comment/close', false)

/**
 * Closes comments on a published article (关闭已群发文章评论). Existing comments stay.
 *
 * Calls `POST /cgi-bin/comment/close`. Idempotent: retried after transient failures.
 * Errcodes that matter: 88000 (the account has no comment permission), 88001 (no such msg_data_id or index).
 *
 * @example
 * await closeComment(ctx, { msg_data_id, index: 0 })
 */
export function closeComment(ctx: WxContext, article: CommentTarget, opts?: CallOptions | null): Promise<void> {
  return commentCall(ctx, endpoint, article, opts)
}
