import { WxError, callApi, defineEndpoint, getCredential, isWxError, within, withDeadline, type CallOptions, type CredentialSpec, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** The JS-SDK tickets: `jsapi` signs `wx.config`, `wx_card` signs `card_ext` for `wx.addCard`. */
export type TicketType = 'jsapi' | 'wx_card'

/**
 * A caller-owned ticket source, for fleets where one service owns the tickets and everyone else only
 * reads them (like the context's `getAccessToken`). Gets the call's `signal` (honour it), and after a
 * `invalidateTicket` the value that was rejected, so it can refresh.
 */
export type TicketSource = (type: TicketType, signal: AbortSignal, rejected?: string) => Promise<string>

/** Call options of the ticket functions: `signal`, `timeout`, and an optional ticket source. */
export interface TicketOptions extends CallOptions {
  /** Ask this source for tickets instead of WeChat (the context's store and lock are not used then). */
  getTicket?: TicketSource | null | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ ticket: string; expires_in?: number | undefined }>({
  method: 'GET',
  path: '/cgi-bin/ticket/getticket',
  retry: 'read',
  query: () => v.object({ type: v.picklist(['jsapi', 'wx_card'], "ticket type must be 'jsapi' or 'wx_card'") }),
  output: () => v.looseObject({ ticket: v.string(), expires_in: v.optional(v.number()) }),
})

const spec = (type: TicketType): CredentialSpec => ({
  kind: `${type}_ticket`,
  async fetch(ctx, signal) {
    const r = await callApi(ctx, endpoint, { query: { type } }, { signal })
    if (typeof r.ticket != 'string' || !r.ticket) throw new WxError('wx/api', `${endpoint.path}: answer without ticket`, { path: endpoint.path })
    return { value: r.ticket, expiresIn: r.expires_in }
  },
})

/**
 * @internal The store kind of a ticket type (`wx:<appid>:jsapi_ticket`); throws `wx/validation` for others,
 * naming only the value's type: a ticket passed in the wrong slot must not end up in the message.
 */
export function kindOf(type: unknown): `${TicketType}_ticket` {
  if (type !== 'jsapi' && type !== 'wx_card')
    throw new WxError('wx/validation', `ticket type must be 'jsapi' or 'wx_card', got ${typeof type == 'string' ? 'another string' : type === null ? 'null' : typeof type} (invalid input: nothing was sent)`, {
      issues: [{ path: 'type', message: "must be 'jsapi' or 'wx_card'" }], stage: 'input',
    })
  return `${type}_ticket`
}

/** A record per context and ticket type. */
const perContext = () => {
  const by = new WeakMap<WxContext, Partial<Record<TicketType, string>>>()
  return (ctx: WxContext) => {
    let r = by.get(ctx)
    if (!r) by.set(ctx, (r = {}))
    return r
  }
}

/** @internal The last ticket rejected per context and type, told to a `getTicket` source on its next call. */
export const rejectedOf = /* @__PURE__ */ perContext()

/**
 * @internal The ticket a `getTicket` source last gave per context and type: with a source, core keeps no
 * copy, so this is the current ticket `invalidateTicket` compares with.
 */
export const givenOf = /* @__PURE__ */ perContext()

/**
 * @internal A ticket within the call's deadline (`withDeadline`: `opts.timeout`, default the context's
 * JSON timeout, and `opts.signal`): `wx/timeout` or `wx/aborted` when it fires first.
 */
export async function ticketOf(ctx: WxContext, type: TicketType, opts?: TicketOptions | null): Promise<string> {
  kindOf(type)
  const path = `getTicket(${type})`
  return withDeadline(ctx, opts, async (signal) => {
    const source = opts?.getTicket
    if (source == null) return (await getCredential(ctx, spec(type), signal)).accessToken
    if (typeof source != 'function') throw new WxError('wx/config', `${path}: the getTicket option must be a function (type, signal, rejected) => Promise<string>`)
    // A rejected ticket is told to the source once (as core tells a `getAccessToken` source): a source
    // that answers the same ticket again is not asked to refresh on every later call.
    const rejected = rejectedOf(ctx)
    const told = rejected[type]
    delete rejected[type]
    // Called within a promise: a source that throws synchronously is wrapped like one that rejects.
    const t = await within((async () => source(type, signal, told))(), signal, path).catch((cause) => {
      throw isWxError(cause) ? cause : new WxError('wx/token', `${path}: the getTicket source failed`, { cause: { name: cause?.name } })
    })
    if (!t || typeof t != 'string') throw new WxError('wx/token', `${path}: the getTicket source gave no ticket`)
    givenOf(ctx)[type] = t
    return t
  })
}
