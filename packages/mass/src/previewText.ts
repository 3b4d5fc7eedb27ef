import type { CallOptions, WxContext } from '@wx/core'
import * as v from 'valibot'
import { previewEndpoint, sendPreview, type PreviewResult } from './_preview.ts'

const endpoint = /* @__PURE__ */ previewEndpoint('text', () => v.object({ content: v.pipe(v.string(), v.nonEmpty('Text must not be empty')) }))

/**
 * Previews a text mass message on one follower's phone (预览) before sending it to everyone.
 *
 * Calls `POST /cgi-bin/message/mass/preview` (msgtype `text`). A `send` without a dedupe key: never
 * resent after an ambiguous failure. WeChat allows 100 previews a day.
 * Errcodes that matter: 45002 (content too long), 43004 (not a follower), 40003 (invalid openid), 45028/45009 (quota).
 *
 * @example
 * await previewText(ctx, 'oUser', 'Hello, this is tomorrow\'s broadcast')
 */
export function previewText(ctx: WxContext, openid: string, content: string, opts?: CallOptions | null): Promise<PreviewResult> {
  return sendPreview(ctx, endpoint, openid, 'text', { content }, opts)
}
