import { getTokenStore, invalidateCredential, invalidInput, type WxContext } from '@wx/core'
import { givenOf, kindOf, rejectedOf, type TicketType } from './_ticket.ts'

/**
 * Marks `ticket` as rejected, **only if it is still the current one** (compare-and-invalidate: a ticket
 * another call already replaced is left alone). The next `getTicket` fetches a new one, or tells its
 * `getTicket` source which ticket was rejected. Returns whether it took effect: with a source, whether
 * `ticket` is the one the source last gave this context.
 *
 * Calls no endpoint. Use it when you sign with `getTicket` yourself and WeChat rejects the signature;
 * `getJsConfig` does it for you with `{ rejected }`. Throws `wx/config` for a non-context,
 * `wx/validation` for a type other than `'jsapi'`/`'wx_card'` or a ticket that is no non-empty string.
 *
 * @example
 * if (pageReported === 'config:invalid signature') invalidateTicket(ctx, 'jsapi', ticketISignedWith)
 */
export function invalidateTicket(ctx: WxContext, type: TicketType, ticket: string): boolean {
  // The context first (`wx/config`; reads nothing), then the type, then the ticket: no record is touched before.
  getTokenStore(ctx)
  const kind = kindOf(type)
  if (typeof ticket != 'string' || !ticket) throw invalidInput('invalidateTicket', [{ path: 'ticket', message: 'must be the ticket you signed with, a non-empty string' }])
  rejectedOf(ctx)[type] = ticket
  // With a `getTicket` source, the current ticket is the one it last gave (core keeps no copy).
  const given = givenOf(ctx)
  const fromSource = given[type] === ticket
  if (fromSource) delete given[type]
  return invalidateCredential(ctx, kind, ticket) || fromSource
}
