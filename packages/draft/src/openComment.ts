import type { CallOptions, WxContext } from '@wx/core'
import { commentCall, commentEndpoint, type CommentTarget } from './_comment.ts'

const endpoint = /* @__PURE__ */ commentEndpoint('/cgi-bin/comment/open', false)

/**
 * Opens comments on a published article (打开已群发文章评论).
 *
 * Calls `POST /cgi-bin/comment/open`. Idempotent: retried after transient failures.
 * Errcodes that matter: 88000 (the account has no comment permission), 88001 (no such msg_data_id or index).
 *
 * @example
 * await openComment(ctx, { msg_data_id, index: 0 })
 */
export function openComment(ctx: WxContext, article: CommentTarget, opts?: CallOptions | null): Promise<void> {
  return commentCall(ctx, endpoint, article, opts)
}
