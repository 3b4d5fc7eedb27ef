/** Node request/response plumbing for the Node adapters. Node-only; internal. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { WxError } from '@wx/core'

/** What frameworks leave on the request: Express (`body` from express.raw/text), Koa/Firebase (`rawBody`). */
export type NodeRequestLike = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown }

const isRaw = (b: unknown): b is string | Uint8Array => typeof b === 'string' || b instanceof Uint8Array

const isEmptyObject = (b: unknown) => !!b && typeof b === 'object' && Object.getPrototypeOf(b) === Object.prototype && Object.keys(b).length === 0

/**
 * Whether something read the request stream before us. Express 4's `express.json()` (body-parser 1.x)
 * sets `req.body = {}` on a request it skips (an XML push) without reading it: that body is unread. A
 * parser that read it leaves the stream read (`readableDidRead`/`readableEnded`, `req._body` for
 * body-parser) or a body that is more than `{}`.
 */
function wasConsumed(req: NodeRequestLike): boolean {
  const body = req.body
  return req.readableEnded || req.readableDidRead || (req as { _body?: unknown })._body === true || (body !== undefined && body !== null && !isEmptyObject(body))
}

/**
 * The request's URL. Path and query (which the signature check reads) come from the request line; the
 * Host header (the sender's) names the host only when it is a plain authority. One that does not parse
 * (`exa mple.com`, `a:99999`, `[::1`) or holds `/ ? # @ \` (it would move the query) gives `localhost`,
 * so the request still meets the signature check instead of failing with a TypeError before it.
 */
function urlOf(req: NodeRequestLike): string {
  const path = req.originalUrl ?? req.url ?? '/'
  const host = req.headers.host
  for (const h of [typeof host === 'string' && !/[\s/?#@\\]/.test(host) ? host : 'localhost', 'localhost'])
    if (URL.canParse(`http://${h}${path}`)) return `http://${h}${path}`
  return 'http://localhost/'
}

/**
 * Turns a Node request into a Fetch `Request` without consuming more than the handler reads: the raw
 * body a framework kept (`rawBody`, or a Buffer/string `body`), else the untouched stream.
 */
export function toRequest(req: NodeRequestLike, raw?: unknown): Request {
  const url = urlOf(req)
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
  if (wasConsumed(req))
    throw new WxError(
      'wx/config',
      'The request body was already consumed by a body parser: mount the push handler before it, or use express.raw({ type: "*/*" }) / keep rawBody',
    )
  return new Request(url, { method, headers, body: bodyStream(req), duplex: 'half' } as RequestInit)
}

/**
 * The request body as a web stream, fed from the request's own events (paused while the stream is
 * full). Once the reader cancels it (a body over `maxBodyBytes`), chunks Node still has buffered are
 * ignored and the rest is drained, as Node does with a body nobody reads: `Readable.toWeb(req)` pushes
 * them into the closed stream instead, an uncaught `ERR_INVALID_STATE` that ends the process.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false
  const events: [string, (...a: any[]) => void][] = []
  const detach = () => {
    done = true
    for (const [name, listener] of events) req.off(name, listener)
  }
  const finish = (then: () => void) => {
    if (!done) {
      detach()
      then()
    }
  }
  return new ReadableStream<Uint8Array>({
    start(c) {
      const on = (name: string, listener: (...a: any[]) => void) => (events.push([name, listener]), req.on(name, listener))
      on('data', (chunk: Buffer) => {
        if (done) return
        c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        if ((c.desiredSize ?? 1) <= 0) req.pause()
      })
      on('end', () => finish(() => c.close()))
      on('error', (e: unknown) => finish(() => c.error(e)))
      on('close', () => finish(() => c.error(new Error('The request closed before its body ended'))))
    },
    pull() {
      req.resume()
    },
    cancel() {
      detach()
      req.resume()
    },
  })
}

/**
 * Runs the handler on a Node request. A body it never read (a push refused before its body, e.g. a bad
 * signature) is drained afterwards: left paused, it would stall the keep-alive connection.
 */
export async function handleNode(handler: (request: Request) => Promise<Response>, request: Request): Promise<Response> {
  try {
    return await handler(request)
  } finally {
    if (!request.bodyUsed) request.body?.cancel().catch(() => {})
  }
}

/** Writes a Fetch `Response` to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((v, k) => (headers[k] = v))
  res.writeHead(response.status, headers)
  res.end(body)
}
