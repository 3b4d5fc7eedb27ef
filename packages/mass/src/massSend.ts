import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { imagesSchema, massEndpoints, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'

/** A mass message as WeChat's body spells it: `msgtype` and the payload under that name. */
export type MassMessage =
  | { msgtype: 'mpnews'; mpnews: { media_id: string } }
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'voice'; voice: { media_id: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'image'; images: { media_ids: string[]; recommend?: string | undefined; need_open_comment?: 0 | 1 | undefined; only_fans_can_comment?: 0 | 1 | undefined } }
  | { msgtype: 'mpvideo'; mpvideo: { media_id: string } }
  | { msgtype: 'wxcard'; wxcard: { card_id: string } }

const media = () => v.optional(v.object({ media_id: mediaIdSchema() }))

const eps = /* @__PURE__ */ massEndpoints(() => ({
  msgtype: v.picklist(['mpnews', 'text', 'voice', 'image', 'mpvideo', 'wxcard'], 'Invalid msgtype: expected mpnews, text, voice, image, mpvideo or wxcard (errcode 40008)'),
  mpnews: media(),
  text: v.optional(v.object({ content: v.pipe(v.string(), v.nonEmpty('Text must not be empty')) })),
  voice: media(),
  image: media(),
  images: imagesSchema(),
  mpvideo: media(),
  wxcard: v.optional(v.object({ card_id: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Invalid card_id')) })),
}))

/**
 * Mass-sends any message type given as WeChat's body spells it (the seed's `massSend(opts, receivers)`).
 * Prefer the typed shortcuts (`massSendText`, `massSendNews`, ...): they pull in only their own schema.
 *
 * Calls `POST /cgi-bin/message/mass/sendall` (`'all'` or `{ tagId }`) or `POST /cgi-bin/message/mass/send`
 * (2-10000 openids), always with a `clientmsgid` (yours or derived from message + target): after an
 * ambiguous failure or 45066 it is resent once after `resendAfter` (default 60 s) and WeChat dedupes it.
 * Errcodes that matter: 40008 (invalid msgtype), 40007 (invalid media_id), 45028 (no quota left),
 * 45065 (already sent: success with the first msg_id, `deduped: true`), 45066, 45067 (clientmsgid too long), 48001.
 *
 * @example
 * const { msg_id } = await massSend(ctx, { msgtype: 'image', image: { media_id: mediaId } }, ['oUser1', 'oUser2'])
 */
export function massSend(ctx: WxContext, message: MassMessage, target: MassTarget, opts?: MassSendOptions | null): Promise<MassSendResult> {
  const m = (message ?? {}) as Record<string, unknown>
  const key = m.msgtype === 'image' && m.images !== undefined ? 'images' : (m.msgtype as string)
  // Only msgtype and its payload are sent: a stray field would change the derived clientmsgid.
  return sendMass(ctx, eps, { msgtype: m.msgtype, [key]: m[key] ?? {} }, target, opts)
}
