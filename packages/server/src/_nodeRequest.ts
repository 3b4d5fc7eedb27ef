/** Node request/response plumbing for the Node adapters. Node-only; internal. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { WxError } from '@wx/core'

/** What frameworks leave on the request: Express (`body` from express.raw/text), Koa/Firebase (`rawBody`). */
export type NodeRequestLike = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown }

const isRaw = (b: unknown): b is string | Uint8Array => typeof b === 'string' || b instanceof Uint8Array

/**
 * Turns a Node request into a Fetch `Request` without consuming more than the handler reads: the raw
 * body a framework kept (`rawBody`, or a Buffer/string `body`), else the untouched stream.
 */
export function toRequest(req: NodeRequestLike, raw?: unknown): Request {
  const url = `http://${req.headers.host ?? 'localhost'}${req.originalUrl ?? req.url ?? '/'}`
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers })
  const kept = [raw, req.rawBody, req.body].find(isRaw)
  if (kept !== undefined) {
    headers.delete('content-length')
    headers.delete('transfer-encoding')
    return new Request(url, { method, headers, body: typeof kept === 'string' ? kept : new Uint8Array(kept) })
  }
  if (req.readableEnded || (req.body !== undefined && req.body !== null))
    throw new WxError(
      'wx/config',
      'The request body was already consumed by a body parser: mount the push handler before it, or use express.raw({ type: "*/*" }) / keep rawBody',
    )
  const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit)
}

/** Writes a Fetch `Response` to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((v, k) => (headers[k] = v))
  res.writeHead(response.status, headers)
  res.end(body)
}
