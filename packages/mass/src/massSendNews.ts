import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { massEndpoints, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'

const eps = /* @__PURE__ */ massEndpoints(() => ({ msgtype: v.literal('mpnews'), mpnews: v.object({ media_id: mediaIdSchema() }) }))

/**
 * Mass-sends a news message (图文, msgtype `mpnews`): a draft's `media_id` (`addDraft` of @wx/draft: the
 * way to send articles to followers since 2022), or one uploaded with `uploadNews`.
 *
 * Calls `POST /cgi-bin/message/mass/sendall` (`'all'` or `{ tagId }`) or `POST /cgi-bin/message/mass/send`
 * (2-10000 openids). Always carries a `clientmsgid` (yours or derived from content + target), so after an
 * ambiguous failure it is resent once after the dedupe window and WeChat dedupes it.
 * Errcodes that matter: 40007 (invalid media_id), 45028 (no mass-send quota left), 45065 (already sent:
 * returned as success, `deduped: true`), 45066 (retried within a minute), 48001 (no permission),
 * 53503/53504 (judged a reprint: see `sendIgnoreReprint`).
 *
 * @example
 * const { msg_id, msg_data_id } = await massSendNews(ctx, mediaId, { tagId: 2 })
 */
export function massSendNews(ctx: WxContext, mediaId: string, target: MassTarget, opts?: MassSendOptions | null): Promise<MassSendResult> {
  return sendMass(ctx, eps, { msgtype: 'mpnews', mpnews: { media_id: mediaId } }, target, opts)
}
