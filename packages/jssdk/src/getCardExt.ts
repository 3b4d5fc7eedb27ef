import { check, openidSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { nonce, now } from './_sign.ts'
import { ticketOf, type TicketOptions } from './_ticket.ts'
import { cardSignature } from './signCardExt.ts'

/** One card for `wx.addCard({ cardList: [...] })`. */
export interface CardExtParams {
  cardId: string
  /** The card's code: only for cards whose codes you assign yourself (`use_custom_code`). */
  code?: string | undefined
  /** Only this user may receive the card (cards with `bind_openid`). */
  openid?: string | undefined
  /** For cards of type `DATE_TYPE_FIX_TERM`: when validity starts, seconds since the epoch. */
  fixedBeginTimestamp?: number | undefined
  /** Your own marker, reported back in the card events (`OuterStr`). */
  outerStr?: string | undefined
  /**
   * The initial balance in cents, sent as `balance`.
   *
   * @deprecated Not in the current `card_ext` fields: only for the retired LUCKY_MONEY cards; current
   * cards ignore it.
   */
  balance?: number | undefined
}

/** An entry of `wx.addCard`'s `cardList`: `cardExt` is the JSON string WeChat expects. */
export interface CardExt {
  cardId: string
  cardExt: string
}

const paramsSchema = () =>
  v.object({
    cardId: v.pipe(v.string('cardId must be a string'), v.regex(/^[\w-]{1,64}$/, 'cardId: expected the card_id WeChat gave, 1-64 letters, digits, _ or -')),
    // `null` is "not set", as a missing field.
    code: v.nullish(v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'code: expected 1-64 letters, digits, _ or -'))),
    openid: v.nullish(openidSchema()),
    fixedBeginTimestamp: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0))),
    outerStr: v.nullish(v.pipe(v.string(), v.maxBytes(128))),
    balance: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0))),
  })

/**
 * Returns a card's entry for `wx.addCard`: `{ cardId, cardExt }`, where `cardExt` carries a fresh
 * `timestamp` and `nonce_str` and the SHA-1 `signature` over the `wx_card` ticket (see `signCardExt`).
 *
 * Calls `GET /cgi-bin/ticket/getticket?type=wx_card` only when the ticket is not cached.
 * Errcodes that matter: see `getTicket`. In the page, `addCard:fail, invalid signature` means a stale
 * ticket (`invalidateTicket(ctx, 'wx_card', ...)`) or a `code`/`openid` the card does not take.
 *
 * @example
 * const card = await getCardExt(ctx, { cardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc', openid })
 * return Response.json({ cardList: [card] }) // the page calls wx.addCard({ cardList, success })
 */
export async function getCardExt(ctx: WxContext, params: CardExtParams, opts?: TicketOptions | null): Promise<CardExt> {
  const p = check(paramsSchema, params, 'getCardExt')
  const ticket = await ticketOf(ctx, 'wx_card', opts)
  const timestamp = now()
  const nonce_str = nonce()
  const signature = await cardSignature(ticket, { cardId: p.cardId, timestamp, nonceStr: nonce_str, code: p.code, openid: p.openid })
  const ext = {
    code: p.code ?? '',
    openid: p.openid ?? '',
    timestamp: String(timestamp),
    nonce_str,
    ...(p.fixedBeginTimestamp == null ? {} : { fixed_begintimestamp: p.fixedBeginTimestamp }),
    ...(p.outerStr == null ? {} : { outer_str: p.outerStr }),
    ...(p.balance == null ? {} : { balance: p.balance }),
    signature,
  }
  return { cardId: p.cardId, cardExt: JSON.stringify(ext) }
}
