import type { CallOptions, WxContext } from '@wx/core'
import * as v from 'valibot'
import { previewEndpoint, sendPreview, type PreviewResult } from './_preview.ts'
import { cardIdSchema } from './massSendCard.ts'

/** Options of `previewCard`. */
export interface PreviewCardOptions extends CallOptions {
  /** The card extension (`card_ext`: code, openid, timestamp, signature), as an object or its JSON. */
  cardExt?: string | Record<string, unknown> | undefined
}

const endpoint = /* @__PURE__ */ previewEndpoint('wxcard', () =>
  v.object({ card_id: cardIdSchema(), card_ext: v.optional(v.pipe(v.string('card_ext must be a JSON string or an object JSON can encode'), v.nonEmpty('card_ext must not be empty'))) }),
)

/**
 * Previews a card or coupon mass message (卡券预览) on one follower's phone.
 *
 * Calls `POST /cgi-bin/message/mass/preview` (msgtype `wxcard`). A `send` without a dedupe key: never
 * resent after an ambiguous failure. Errcodes that matter: 40056 (invalid card_id), 43004 (not a follower),
 * 40003 (invalid openid).
 *
 * @example
 * await previewCard(ctx, 'oUser', 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc', { cardExt: { code: '', openid: '', timestamp: '1402057159', signature: sig } })
 */
export function previewCard(ctx: WxContext, openid: string, cardId: string, opts?: PreviewCardOptions | null): Promise<PreviewResult> {
  const { cardExt } = opts ?? {}
  const wxcard: Record<string, unknown> = { card_id: cardId }
  // An object goes out as its JSON; one JSON cannot encode (a BigInt, a cycle) and anything else but a
  // string are refused by the schema, inside the pipeline (a rejection, never a synchronous throw).
  if (cardExt != null) wxcard.card_ext = cardExt && typeof cardExt == 'object' ? jsonOrNull(cardExt) : cardExt
  return sendPreview(ctx, endpoint, openid, 'wxcard', wxcard, opts)
}

const jsonOrNull = (value: object): string | null => {
  try {
    return JSON.stringify(value)
  } catch {
    return null
  }
}
