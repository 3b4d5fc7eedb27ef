/// <reference types="node" />
import type { Agent, IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { WxError } from './errors.ts'
import type { Transport, TransportRequest, TransportResponse } from './transport.ts'

/** Options of `nodeTransport`. */
export interface NodeTransportOptions {
  /** Most sockets open to one host at once; further requests queue for a free one. Default 50. */
  maxSockets?: number
  /**
   * An idle keep-alive socket is closed after this many ms. Default 4000: below the usual server
   * keep-alive timeouts, so a reused socket is rarely one the server is closing at that moment.
   */
  idleTimeout?: number
  /** Your own agents (TLS options, a proxy, other pool sizes): replace the ones `maxSockets`/`idleTimeout` build. */
  agents?: { http?: Agent; https?: Agent }
}

type Http = typeof import('node:http')


/** Origin (`https://host:port`) → what `node:http` needs: parsed once per base URL, never per call. */
interface Origin {
  https: boolean
  hostname: string
  port: number
  /** The `Host` header: the port only when not the default one. */
  host: string
}

const parseOrigin = (origin: string): Origin => {
  const u = new URL(origin)
  const https = u.protocol == 'https:'
  if (!https && u.protocol != 'http:') throw Object.assign(new TypeError(`nodeTransport: unsupported protocol ${u.protocol}`), { notSent: true })
  return { https, hostname: u.hostname.replace(/^\[|\]$/g, ''), port: +u.port || (https ? 443 : 80), host: u.host }
}

const bytesOf = (b: ArrayBuffer | ArrayBufferView): Buffer =>
  ArrayBuffer.isView(b) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : Buffer.from(b)

/** A finished answer, read whole: core reads every answer to its end anyway. */
const answer = (status: number, h: IncomingHttpHeaders, chunks: Buffer[]): TransportResponse => {
  const body = chunks.length == 1 ? chunks[0]! : Buffer.concat(chunks)
  return {
    status,
    headers: {
      get(name) {
        const v = h[name.toLowerCase()]
        return v == null ? null : Array.isArray(v) ? v.join(', ') : v
      },
    },
    // Like fetch's text(): UTF-8, a leading byte order mark dropped.
    text: () => Promise.resolve(body.toString('utf8', body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0)),
    arrayBuffer: () => Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer),
  }
}

/**
 * A transport on Node's own `node:http`/`node:https` with keep-alive agents: several times less CPU per
 * call than the platform `fetch`, and nothing to initialise (loading it costs no `fetch`/undici start-up).
 * Create one per process and share it between contexts: each one holds its own socket pool.
 *
 * - Bounded: at most `maxSockets` sockets per host, idle ones closed after `idleTimeout` ms (idle
 *   sockets never keep the process alive).
 * - Never repeats a request on its own (Node's HTTP client does not retry), so a `send` reaches WeChat
 *   at most once per attempt core makes. A pooled socket the server closes just as a
 *   request is written on it fails that request as "unsure": a `send` then throws `wx/outcome-unknown`.
 * - Failures are classified as core needs them: an error before the connection was established (refused,
 *   DNS, TLS handshake, connect reset) is marked `notSent: true`; anything after the request may have
 *   been written (a reused socket, a reset mid-answer) is left "unsure".
 * - Aborts with the call's deadline signal (its timeout and the caller's `signal`).
 *
 * Bodies that are not a string or bytes (`FormData`, `Blob`) are encoded with the platform's `Response`,
 * as `fetch` would send them: only media uploads load it.
 *
 * @example
 * import { createContext } from '@wx/core'
 * import { nodeTransport } from '@wx/core/node'
 *
 * const transport = nodeTransport({ maxSockets: 64 })
 * const ctx = createContext({ appid, secret, transport })
 */
export function nodeTransport(options: NodeTransportOptions = {}): Transport {
  const { maxSockets = 50, idleTimeout = 4000 } = options
  // Node's agent takes 0 or NaN as "no bound" and a negative count as "never": neither is what was asked.
  if (!(maxSockets >= 1 && (Number.isInteger(maxSockets) || maxSockets === Number.POSITIVE_INFINITY)) || !(idleTimeout > 0 && idleTimeout < 2 ** 31))
    throw new WxError('wx/config', `nodeTransport: maxSockets must be a whole number >= 1 and idleTimeout a positive number of ms below 2^31 (got ${maxSockets}, ${idleTimeout})`)
  const origins = new Map<string, Origin>()
  let httpMod: unknown
  let httpsMod: unknown
  let httpAgent: Agent | undefined
  let httpsAgent: Agent | undefined
  // Loaded on the first request, not at import: `node:https` alone costs a few ms of start-up.
  const modOf = (https: boolean) => (https ? (httpsMod ??= process.getBuiltinModule('node:https')) : (httpMod ??= process.getBuiltinModule('node:http'))) as Http
  const agentOf = (https: boolean): Agent => {
    const own = https ? options.agents?.https : options.agents?.http
    if (own) return own
    const o = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: idleTimeout, scheduling: 'lifo' as const }
    return https ? (httpsAgent ??= new (modOf(true).Agent)(o)) : (httpAgent ??= new (modOf(false).Agent)(o))
  }

  const send = (r: TransportRequest, o: Origin, path: string, headers: string[], body: Buffer | string | undefined) =>
    new Promise<TransportResponse>((ok, fail) => {
      // Core's deadline itself when it comes with the request (then without a `signal`): listening on it
      // makes no AbortSignal (they cost microseconds to make). Should its one slot be taken, or called
      // without one, a listener on the signal: ours, not http.request's `signal` option (Node's
      // addAbortListener costs more).
      const { dl } = r
      const signal = dl && !dl.on ? undefined : (r.signal ?? dl!.signal)
      let sent = false
      let answered = false
      const abort = () => {
        const e = Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ABORT_ERR' })
        // Still waiting for a socket (the pool is full) or connecting: nothing went out, and Node emits
        // nothing for a request without a socket until the pool hands it one, so end it here.
        if (!sent) reject(Object.assign(e, { notSent: true }))
        q.destroy(e)
      }
      const off = () => (signal ? signal.removeEventListener('abort', abort) : (dl!.on = undefined))
      const resolve = (a: TransportResponse) => (off(), ok(a))
      const reject = (e: unknown) => (off(), fail(e))
      let q: ReturnType<Http['request']>
      try {
        q = modOf(o.https).request({ method: r.method, hostname: o.hostname, port: o.port, path, headers, agent: agentOf(o.https) }, onAnswer)
      } catch (e) {
        // Refused before anything went out (an invalid path or header): not sent.
        return reject(Object.assign(e as Error, { notSent: true }))
      }
      function onAnswer(res: IncomingMessage) {
        answered = true
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(answer(res.statusCode!, res.headers, chunks)))
        res.on('error', reject)
        // Destroyed mid-answer (abort, reset) without an 'error': still a failure, and an unsure one.
        res.on('close', () => res.complete || reject(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' })))
      }
      // Closed with no answer and no 'error' (a 101 Switching Protocols: Node drops the socket itself).
      q.on('close', () => answered || reject(Object.assign(new Error('closed without an answer'), { code: 'ECONNRESET', notSent: !sent })))
      // A pooled socket (taken from the free list now: `reusedSocket`; or handed over later to a queued
      // request: not `connecting`) carries the request at once; a new one only once it connected.
      if (q.reusedSocket) sent = true
      else
        q.once('socket', (s: Socket) => {
          if (s.connecting) s.once(o.https ? 'secureConnect' : 'connect', () => (sent = true))
          else sent = true
        })
      q.on('error', (e: Error & { notSent?: boolean }) => {
        if (!sent) e.notSent = true
        reject(e)
      })
      if (signal ? signal.aborted : dl!.reason) abort()
      else if (signal) signal.addEventListener('abort', abort)
      else dl!.on = abort
      q.end(body)
    })

  const prepare = (r: TransportRequest, data: Buffer | string | undefined, type?: string | null) => {
    const { url } = r
    const cut = url.indexOf('/', url.indexOf('//') + 2)
    const key = cut < 0 ? url : url.slice(0, cut)
    let o = origins.get(key)
    if (!o) origins.set(key, (o = parseOrigin(key)))
    // Headers as a flat list: Node writes them as they are, without its per-header `setHeader` work
    // (it then adds no `Host` of its own: we do).
    const headers = ['host', o.host]
    const own = r.headers
    for (const k in own) {
      // The caller's content type wins over the one the encoded body brings.
      if (k.toLowerCase() == 'content-type') type = undefined
      headers.push(k, own[k]!)
    }
    if (type) headers.push('content-type', type)
    if (data !== undefined) headers.push('content-length', '' + (typeof data == 'string' ? Buffer.byteLength(data) : data.byteLength))
    return send(r, o, cut < 0 ? '/' : url.slice(cut), headers, data)
  }

  // Not async: the usual bodies (none, a JSON string, bytes) go out without an extra promise.
  // `dl: 1`: core hands it the call's deadline instead of a signal (see TransportRequest.dl).
  const transport = (r: TransportRequest) => {
    try {
      const { body } = r
      if (body == null || typeof body == 'string') return prepare(r, body ?? undefined)
      if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return prepare(r, bytesOf(body))
      // FormData, Blob, URLSearchParams, a stream: encoded as fetch would (multipart boundary, type).
      const encoded = new Response(body as BodyInit)
      return encoded.arrayBuffer().then((b) => prepare(r, bytesOf(b), encoded.headers.get('content-type')))
    } catch (e) {
      return Promise.reject(e)
    }
  }
  return Object.assign(transport, { dl: 1 as const })
}
