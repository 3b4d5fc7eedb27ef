import type { WxContext } from '@wx/core'
import { ticketOf, type TicketOptions, type TicketType } from './_ticket.ts'

/**
 * Returns a valid JS-SDK ticket: `jsapi` (signs `wx.config`) or `wx_card` (signs `card_ext`). It has
 * the access token's lifecycle: kept in the context's token store under `wx:<appid>:jsapi_ticket` /
 * `wx:<appid>:wx_card_ticket` (shared by every process on that store), one request for any number of
 * concurrent callers, refreshed ahead of its 2 h expiry, the store's lease lock, and the call's deadline.
 * With `opts.getTicket`, asks that source instead (a fleet where another service owns the tickets).
 *
 * Calls `GET /cgi-bin/ticket/getticket?type=jsapi|wx_card` only when needed.
 * Errcodes that matter: 40001/42001 (app token rejected: refreshed and repeated once by the pipeline),
 * 45009 (daily quota: tickets must be cached, never fetched per page view), 40097 (bad type).
 * A `getTicket` option that is no function is `wx/config`; a source that throws, rejects or gives no
 * ticket is `wx/token` (its message is not kept: it may hold a URL with credentials).
 *
 * @example
 * const ticket = await getTicket(ctx, 'jsapi')
 * // a ticket service for the fleet: return { ticket, type } to the others, who pass { getTicket }
 */
export function getTicket(ctx: WxContext, type: TicketType = 'jsapi', opts?: TicketOptions | null): Promise<string> {
  return ticketOf(ctx, type, opts)
}
