import { configError, isFn } from './_check.ts'
import type { ReplyResult } from './_reply.ts'
import type { PushInfo } from './createPushHandler.ts'
import type { PushMessage, PushMessageType } from './messages.ts'

/** The push of one `type`, narrowed (`'CLICK'` gives `ClickEvent`, `'scancode_push'` gives `ScanCodeEvent`). */
export type PushOf<T extends PushMessageType> = PushMessage extends infer M ? (M extends PushMessage ? (T extends M['type'] ? M : never) : never) : never

/** A route's handler: the narrowed push, then the same `push` info as `onMessage`. */
export type PushRoute<T extends PushMessageType> = (message: PushOf<T>, push: PushInfo) => ReplyResult | Promise<ReplyResult>

/** Runs before the routes; call `next()` to go on (or return a reply without calling it). */
export type PushMiddleware = (message: PushMessage, push: PushInfo, next: () => Promise<ReplyResult>) => ReplyResult | Promise<ReplyResult>

/**
 * The events routed by their `EventKey` too: the menu events (the menu button's key; `VIEW`: its URL,
 * `view_miniprogram`: its page path), `SCAN` (the scene of a parametric QR code a follower scanned)
 * and `subscribe` (a follow through a parametric QR code: the key `promo` matches `EventKey`
 * `qrscene_promo`, and `promo`).
 */
export type KeyedEvent =
  | 'CLICK'
  | 'VIEW'
  | 'SCAN'
  | 'subscribe'
  | 'view_miniprogram'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select'

/** A router: pass it as `onMessage`. Each method adds to it and returns it. */
export interface PushRouter {
  (message: PushMessage, push: PushInfo): Promise<ReplyResult>
  /** Adds a middleware; they run in the order added, around the route. */
  use(middleware: PushMiddleware): PushRouter
  /** Handles one message type or event (`'text'`, `'subscribe'`, `'CLICK'`, `'unknown'`, ...). */
  on<T extends PushMessageType>(type: T, handler: PushRoute<T>): PushRouter
  /**
   * Handles a keyed event (`CLICK`, `VIEW`, `SCAN`, `subscribe`, the other menu events) with exactly
   * this `EventKey`, tried before `on(type)`. For `subscribe` the key is the QR code's scene: `promo`
   * matches `EventKey` `qrscene_promo` (a non-follower followed by scanning it; a follower's scan is
   * `SCAN` with `EventKey` `promo`: route both for everyone who scanned it).
   */
  on<T extends KeyedEvent>(type: T, eventKey: string, handler: PushRoute<T>): PushRouter
  /** Handles whatever no route took. Without it, such pushes answer `success`. */
  otherwise(handler: PushRoute<PushMessageType>): PushRouter
}

/**
 * A small typed router over `onMessage`, like node-webot's `wechat` and EasyWeChat: handlers per
 * message type and per event (with the event key for `KeyedEvent`s: menu events, `SCAN` and the
 * `subscribe` of a parametric QR code, by its scene), a middleware chain and a
 * fallback. Each handler gets its push narrowed to that type. Calls no WeChat endpoint; a separate
 * module, so a handler with a plain `onMessage` does not bundle it.
 *
 * Order: middlewares (in order added), then the first `on(type, eventKey)` route whose key equals
 * `EventKey` (for `subscribe`: or `qrscene_` + key), else the first `on(type)` route, else
 * `otherwise`, else nothing (`success`).
 *
 * Errors of handlers reach `onError` through `createPushHandler`. `use`, `on` and `otherwise` throw
 * `WxError` `wx/config` when given a handler that is not a function (it would fail every push).
 *
 * @example
 * const router = createRouter()
 *   .use(async (m, push, next) => { const t = Date.now(); const r = await next(); log(m.type, Date.now() - t); return r })
 *   .on('text', (m) => textReply(`You said: ${m.Content}`))
 *   .on('CLICK', 'MENU_HELP', () => 'How can I help?')
 *   .on('subscribe', 'promo', () => 'Welcome, promo visitor!') // followed through the QR code of scene promo
 *   .on('SCAN', 'promo', () => 'Welcome back, promo visitor!') // a follower scanned it
 *   .on('subscribe', () => 'Welcome!')
 *   .otherwise(() => undefined)
 * const handler = createPushHandler({ token, appid, encodingAESKey, onMessage: router })
 */
export function createRouter(): PushRouter {
  const middlewares: PushMiddleware[] = []
  const keyed: [string, string, PushRoute<any>][] = []
  const routes: [string, PushRoute<any>][] = []
  let fallback: PushRoute<any> | undefined
  const fn = <F,>(h: F): F => {
    if (!isFn(h)) throw configError('createRouter: a route handler or middleware must be a function')
    return h
  }

  const route = (m: PushMessage, push: PushInfo): ReplyResult | Promise<ReplyResult> => {
    const key = (m as { EventKey?: unknown }).EventKey
    const hit =
      keyed.find(([t, k]) => t === m.type && (k === key || (t === 'subscribe' && `qrscene_${k}` === key)))?.[2] ??
      routes.find(([t]) => t === m.type)?.[1] ??
      fallback
    return hit?.(m, push)
  }
  const router = (m: PushMessage, push: PushInfo): Promise<ReplyResult> => {
    const run = async (i: number): Promise<ReplyResult> => (i < middlewares.length ? middlewares[i]!(m, push, () => run(i + 1)) : route(m, push))
    return run(0)
  }
  return Object.assign(router, {
    use(mw: PushMiddleware) {
      middlewares.push(fn(mw))
      return router as PushRouter
    },
    on(type: string, a: string | PushRoute<any>, b?: PushRoute<any>) {
      if (typeof a === 'string') keyed.push([type, a, fn(b!)])
      else routes.push([type, fn(a)])
      return router as PushRouter
    },
    otherwise(h: PushRoute<any>) {
      fallback = fn(h)
      return router as PushRouter
    },
  }) as PushRouter
}
