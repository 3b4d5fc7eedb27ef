import type { WxContext } from '@wx/core'
import * as v from 'valibot'
import { massEndpoints, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'

const eps = /* @__PURE__ */ massEndpoints(() => ({
  msgtype: v.string(),
  text: v.object({ content: v.pipe(v.string(), v.nonEmpty('Text must not be empty')) }),
}))

/**
 * Mass-sends a text message (群发文本) to all followers, a tag, or 2-10000 openids.
 *
 * Calls `POST /cgi-bin/message/mass/sendall` (`'all'` or `{ tagId }`) or `POST /cgi-bin/message/mass/send`
 * (openids), always with a `clientmsgid` (yours or derived from content + target), so a retry dedupes.
 * Errcodes that matter: 45028 (no mass-send quota left), 45065 (already sent: success, `deduped: true`),
 * 45066 (retried within a minute: resent once after `resendAfter`), 40003 (invalid openid),
 * 48001 (no permission), 45002 (content too long).
 *
 * @example
 * const { msg_id } = await massSendText(ctx, 'Hello, everyone', 'all')
 * await massSendText(ctx, 'Hi you two', ['oUser1', 'oUser2'], { clientmsgid: 'promo-2024-06-01' })
 */
export function massSendText(ctx: WxContext, content: string, target: MassTarget, opts?: MassSendOptions | null): Promise<MassSendResult> {
  return sendMass(ctx, eps, { msgtype: 'text', text: { content } }, target, opts)
}
