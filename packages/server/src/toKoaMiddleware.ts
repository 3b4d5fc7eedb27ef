import type { ServerResponse } from 'node:http'
import type { PushHandler } from './createPushHandler.ts'
import { configError, isFn } from './_check.ts'
import { handleNode, toRequest, type NodeRequestLike } from './_nodeRequest.ts'

/** The parts of a Koa context the middleware uses (no dependency on `koa`). */
export interface KoaContextLike {
  req: NodeRequestLike
  res: ServerResponse
  request: { rawBody?: unknown; body?: unknown }
  status: number
  body: unknown
  set(field: string, value: string): void
}

/**
 * Serves a push handler as Koa middleware (mount it on the push route). Uses `ctx.request.rawBody`
 * when a body parser kept it (koa-bodyparser does), else reads the untouched request stream.
 *
 * Throws `WxError` `wx/config` (through Koa's error handling) when a body parser consumed the body
 * without keeping `rawBody`. Calls no endpoint.
 *
 * @throws {WxError} `wx/config` when `handler` is not a function (the one `createPushHandler` returns).
 *
 * @example
 * router.all('/wechat', toKoaMiddleware(handler))
 */
export function toKoaMiddleware(handler: PushHandler): (ctx: KoaContextLike) => Promise<void> {
  if (!isFn(handler)) throw configError('toKoaMiddleware: handler must be the function createPushHandler returns')
  return async (ctx) => {
    const raw = ctx.request.rawBody ?? (typeof ctx.request.body === 'string' ? ctx.request.body : undefined)
    const response = await handleNode(handler, toRequest(ctx.req, raw))
    ctx.status = response.status
    response.headers.forEach((v, k) => ctx.set(k, v))
    // A Buffer: Koa sends Buffers as bytes (a plain Uint8Array would be serialized as JSON).
    ctx.body = Buffer.from(await response.arrayBuffer())
  }
}
