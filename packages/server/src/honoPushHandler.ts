import type { PlatformContext, PushHandler } from './createPushHandler.ts'
import { configError, isFn } from './_check.ts'

/** The parts of a Hono `Context` used here (so `hono` stays an optional peer). */
export interface HonoContextLike {
  req: { raw: Request }
  readonly executionCtx: PlatformContext
}

/**
 * Mounts a push handler on a Hono route. On Workers it passes Hono's `executionCtx`, so `replyLater`
 * work runs under `waitUntil`; elsewhere the handler's own queue is used.
 *
 * The route never throws: the handler answers every failure itself. Calls no endpoint.
 *
 * @throws {WxError} `wx/config` when `handler` is not a function (the one `createPushHandler` returns).
 *
 * @example
 * const app = new Hono()
 * app.all('/wechat', honoPushHandler(handler))
 */
export function honoPushHandler(handler: PushHandler): (c: HonoContextLike) => Promise<Response> {
  if (!isFn(handler)) throw configError('honoPushHandler: handler must be the function createPushHandler returns')
  return (c) => {
    let platform: PlatformContext | undefined
    try {
      platform = c.executionCtx // Hono throws when there is none (Node, Bun)
    } catch {}
    return handler(c.req.raw, platform)
  }
}
