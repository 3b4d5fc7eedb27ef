import type { ServerResponse } from 'node:http'
import type { PushHandler } from './createPushHandler.ts'
import { configError, isFn } from './_check.ts'
import { handleNode, sendResponse, toRequest, type NodeRequestLike } from './_nodeRequest.ts'

/**
 * Serves a push handler from `node:http` or Express. Reads the raw body itself (the stream is left
 * untouched until then); behind Express body parsers, mount it first or give it `express.raw()` /
 * `express.text()` so `req.body` is a Buffer or string.
 *
 * Errors are answered 500 and passed to `next` when Express gives one. A body already consumed by a
 * JSON/urlencoded parser is a `WxError` `wx/config` (answered 500). Calls no endpoint.
 *
 * @throws {WxError} `wx/config` when `handler` is not a function (the one `createPushHandler` returns).
 *
 * @example
 * import { createServer } from 'node:http'
 * createServer(toNodeListener(handler)).listen(3000)
 * // Express: app.all('/wechat', toNodeListener(handler))
 */
export function toNodeListener(handler: PushHandler): (req: NodeRequestLike, res: ServerResponse, next?: (err?: unknown) => void) => Promise<void> {
  if (!isFn(handler)) throw configError('toNodeListener: handler must be the function createPushHandler returns')
  return async (req, res, next) => {
    try {
      await sendResponse(res, await handleNode(handler, toRequest(req)))
    } catch (e) {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('server error')
      }
      next?.(e)
    }
  }
}
