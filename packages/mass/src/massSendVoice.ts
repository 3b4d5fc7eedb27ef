import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { massEndpoints, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'

const eps = /* @__PURE__ */ massEndpoints(() => ({ msgtype: v.literal('voice'), voice: v.object({ media_id: mediaIdSchema() }) }))

/**
 * Mass-sends a voice message (群发语音) by media_id.
 *
 * Calls `POST /cgi-bin/message/mass/sendall` or `POST /cgi-bin/message/mass/send` (msgtype `voice`),
 * always with a `clientmsgid`. Errcodes that matter: 40007 (invalid media_id), 45028 (no quota left),
 * 45065 (already sent: success, `deduped: true`), 45066, 48001.
 *
 * @example
 * await massSendVoice(ctx, voiceMediaId, { tagId: 100 })
 */
export function massSendVoice(ctx: WxContext, mediaId: string, target: MassTarget, opts?: MassSendOptions | null): Promise<MassSendResult> {
  return sendMass(ctx, eps, { msgtype: 'voice', voice: { media_id: mediaId } }, target, opts)
}
