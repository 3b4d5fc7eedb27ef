import type { WxContext } from '@wx/core'
import * as v from 'valibot'
import { massEndpoints, sendMass, type MassSendOptions, type MassSendResult, type MassTarget } from './_mass.ts'

/** @internal Schema of a card id. */
export const cardIdSchema = () => v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Invalid card_id: expected 1-64 letters, digits, _ or -'))

const eps = /* @__PURE__ */ massEndpoints(() => ({ msgtype: v.literal('wxcard'), wxcard: v.object({ card_id: cardIdSchema() }) }))

/**
 * Mass-sends a card or coupon (卡券, msgtype `wxcard`).
 *
 * Calls `POST /cgi-bin/message/mass/sendall` or `POST /cgi-bin/message/mass/send`, always with a
 * `clientmsgid`. Errcodes that matter: 40056 (invalid card_id), 45028 (no quota left),
 * 45065 (already sent: success, `deduped: true`), 45066, 48001.
 *
 * @example
 * await massSendCard(ctx, 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc', 'all')
 */
export function massSendCard(ctx: WxContext, cardId: string, target: MassTarget, opts?: MassSendOptions | null): Promise<MassSendResult> {
  return sendMass(ctx, eps, { msgtype: 'wxcard', wxcard: { card_id: cardId } }, target, opts)
}
