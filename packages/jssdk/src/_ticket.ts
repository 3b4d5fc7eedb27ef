import { WxError, callApi, defineEndpoint, getCredential, isWxError, stateOf, type CallOptions, type CredentialSpec, type WxContext } from '@wx/core'
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
  getTicket?: TicketSource
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

/** @internal The store kind of a ticket type (`wx:<appid>:jsapi_ticket`); throws `wx/validation` for others. */
export function kindOf(type: unknown): `${TicketType}_ticket` {
  if (type !== 'jsapi' && type !== 'wx_card')
    throw new WxError('wx/validation', `ticket type must be 'jsapi' or 'wx_card', not ${JSON.stringify(type)} (invalid input: nothing was sent)`, {
      issues: [{ path: 'type', message: "must be 'jsapi' or 'wx_card'" }], stage: 'input',
    })
  return `${type}_ticket`
}

/** The last ticket rejected per context and type, told to a `getTicket` source on its next call. */
const rejectedBy = /* @__PURE__ */ new WeakMap<WxContext, Partial<Record<TicketType, string>>>()

/** @internal The rejected-ticket record of a context. */
export const rejectedOf = (ctx: WxContext) => {
  let r = rejectedBy.get(ctx)
  if (!r) rejectedBy.set(ctx, (r = {}))
  return r
}

/** Waits for `p` until `signal` fires (then `wx/timeout` or `wx/aborted`). */
function race<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason)
    if (signal.aborted) return stop()
    signal.addEventListener('abort', stop, { once: true })
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
  })
}

/**
 * @internal A ticket within the call's deadline: `opts.timeout` (default the context's JSON timeout) and
 * `opts.signal`. A wait cut short by the timeout is `wx/timeout`, by the caller's signal `wx/aborted`.
 */
export async function ticketOf(ctx: WxContext, type: TicketType, opts: TicketOptions): Promise<string> {
  const kind = kindOf(type)
  const ms = opts.timeout ?? stateOf(ctx).jsonTimeout
  const timer = AbortSignal.timeout(ms)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timer]) : timer
  const path = `getTicket(${type})`
  try {
    if (!opts.getTicket) return (await getCredential(ctx, spec(type), signal)).accessToken
    const rejected = rejectedOf(ctx)
    const t = await race(opts.getTicket(type, signal, rejected[type]), signal).catch((cause) => {
      throw isWxError(cause) || signal.aborted ? cause : new WxError('wx/token', `${path}: the getTicket source failed`, { cause: { name: cause?.name } })
    })
    if (!t || typeof t != 'string') throw new WxError('wx/token', `${path}: the getTicket source gave no ticket`)
    if (t !== rejected[type]) delete rejected[type]
    return t
  } catch (e) {
    if (!signal.aborted || (isWxError(e) && e.code != 'wx/aborted')) throw e
    const timedOut = timer.aborted && !opts.signal?.aborted
    throw new WxError(timedOut ? 'wx/timeout' : 'wx/aborted', `${path}: ${timedOut ? `timed out after ${ms} ms` : 'aborted'}`, { path: kind })
  }
}
