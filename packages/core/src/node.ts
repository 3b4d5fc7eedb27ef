/// <reference types="node" />
import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { WxError } from './errors.ts'
import type { Transport, TransportRequest, TransportResponse } from './transport.ts'

/** Options of `nodeTransport`. */
export interface NodeTransportOptions {
  /** Most sockets open to one host at once; further requests queue for a free one. Default 50. */
  maxSockets?: number | undefined
  /**
   * An idle keep-alive socket is closed after this many ms. Default 4000: below the usual server
   * keep-alive timeouts, so a reused socket is rarely one the server is closing at that moment.
   * Below 2^31 ms; not `Infinity`: a socket kept idle forever is one the server closes under a send.
   */
  idleTimeout?: number | undefined
  /** Your own agents (TLS options, a proxy, other pool sizes): replace the ones `maxSockets`/`idleTimeout` build. */
  agents?: { http?: Agent | undefined; https?: Agent | undefined } | undefined
  /**
   * Largest answer read, in bytes, on the wire and once decoded (a compressed answer): a larger one fails
   * the call (unsure: WeChat answered, so it acted) instead of filling memory. Default 64 MiB: six times the
   * largest file WeChat hands back (images of 10 MB; voice 2 MB; videos come as a link).
   */
  maxAnswerBytes?: number | undefined
}

type Http = typeof import('node:http')
type Zlib = typeof import('node:zlib')

/** 64 MiB: see `maxAnswerBytes`. */
const MAX_ANSWER_BYTES = 67_108_864

/** A whole number >= 1, or Infinity. */
const wholeOrInfinite = (n: unknown) => typeof n == 'number' && n >= 1 && (Number.isInteger(n) || n === Number.POSITIVE_INFINITY)

/** A value for an error message: numbers as they are, anything else by its type (a Symbol cannot be interpolated). */
const shown = (v: unknown) => (typeof v == 'number' ? v : typeof v)

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
const answer = (status: number, h: IncomingHttpHeaders, body: Buffer): TransportResponse => {
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

/** An answer over the cap. Named by the cap, never by the URL: that carries the access token. */
const tooLarge = (max: number) => new Error(`nodeTransport: the answer is larger than maxAnswerBytes (${max} bytes)`)

/** Fails the call over the cap and drops the rest of the answer, with its socket. */
const overCap = (res: IncomingMessage, reject: (e: unknown) => void, max: number) => (reject(tooLarge(max)), res.destroy())

let zlib: Zlib | undefined

/**
 * One content coding undone, its output capped at `max` bytes (a gzip bomb stops there). As fetch does:
 * a `deflate` body is read as zlib-wrapped or raw, whichever its first byte says, and a stream that ends
 * early (no gzip trailer, cut short) gives what it decoded so far (flushed, not refused); bytes that are
 * no such stream fail.
 */
const undo = (coding: string, body: Buffer, max: number) =>
  new Promise<Buffer>((ok, fail) => {
    // Loaded on the first compressed answer, never at import.
    const z = (zlib ??= process.getBuiltinModule('node:zlib') as Zlib)
    const br = coding == 'br'
    const unzip: (b: Buffer, o: { maxOutputLength: number; finishFlush: number }, cb: (e: Error | null, out: Buffer) => void) => void =
      br ? z.brotliDecompress : coding != 'deflate' ? z.gunzip : (body[0]! & 0x0f) == 8 ? z.inflate : z.inflateRaw
    const finishFlush = br ? z.constants.BROTLI_OPERATION_FLUSH : z.constants.Z_SYNC_FLUSH
    // zlib refuses a `maxOutputLength` over the largest buffer it can make (`Infinity` included).
    unzip(body, { maxOutputLength: Math.min(max, process.getBuiltinModule('node:buffer').kMaxLength), finishFlush }, (e, out) =>
      e ? fail((e as NodeJS.ErrnoException).code == 'ERR_BUFFER_TOO_LARGE' ? tooLarge(max) : new Error(`nodeTransport: the ${coding} answer cannot be decoded (${e.message})`)) : ok(out),
    )
  })

/**
 * A body in the content codings its answer names (`gzip, br`: br undone first), decoded as the platform
 * fetch would: any coding other than gzip, deflate and br leaves it as it came, and more than 5 fail.
 */
async function decode(codings: string, body: Buffer, max: number): Promise<Buffer> {
  const list = codings.toLowerCase().split(',').map((c) => c.trim()).filter((c) => c && c != 'identity')
  if (list.length > 5) throw new Error(`nodeTransport: the answer names ${list.length} content codings, at most 5 are decoded`)
  if (!list.every((c) => /^(x-gzip|gzip|deflate|br)$/.test(c))) return body
  for (let i = list.length; i--; ) body = await undo(list[i]!, body, max)
  return body
}

/**
 * Takes a request destroyed while it waited for a socket out of its agent's queue. Node leaves it there,
 * with its headers and body, until a socket frees (then drops it unsent), and opens a new connection for
 * it when a busy socket closes: under a pool that stays full, given-up calls would pile up.
 */
function unqueue(agent: Agent, q: ClientRequest) {
  const queues = agent.requests as unknown as Record<string, ClientRequest[]>
  for (const name in queues) {
    const queue = queues[name]!
    const i = queue.indexOf(q)
    if (i < 0) continue
    queue.splice(i, 1)
    if (!queue.length) delete queues[name]
    return
  }
}

/**
 * A transport on Node's own `node:http`/`node:https` with keep-alive agents: several times less CPU per
 * call than the platform `fetch`, and nothing to initialise (loading it costs no `fetch`/undici start-up).
 * Create one per process and share it between contexts: each one holds its own socket pool.
 *
 * - Bounded: at most `maxSockets` sockets per host, idle ones closed after `idleTimeout` ms (idle
 *   sockets never keep the process alive); answers read up to `maxAnswerBytes`, a call given up while it
 *   waited for a socket taken out of the queue at once.
 * - Decodes an answer compressed though nobody asked for it (`gzip`, `deflate`, `br`: a proxy), as
 *   `fetch` would (a stream cut short gives what it decoded); a body that is no such stream, or decodes
 *   past `maxAnswerBytes`, is "unsure".
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
export function nodeTransport(options: NodeTransportOptions | null = {}): Transport {
  options ??= {}
  // `??`, not destructuring defaults: a `null` field is "not set" too.
  const { agents } = options
  const maxSockets = options.maxSockets ?? 50
  const idleTimeout = options.idleTimeout ?? 4000
  const max = options.maxAnswerBytes ?? MAX_ANSWER_BYTES
  // Node's agent takes 0 or NaN as "no bound" and a negative count as "never": neither is what was asked.
  // (`'4000'` or `4000n` would pass `>`, then fail every request inside Node.)
  if (!wholeOrInfinite(maxSockets) || !(typeof idleTimeout == 'number' && idleTimeout > 0 && idleTimeout < 2 ** 31))
    throw new WxError('wx/config', `nodeTransport: maxSockets must be a whole number >= 1 and idleTimeout a positive number of ms below 2^31 (got ${shown(maxSockets)}, ${shown(idleTimeout)})`)
  if (!wholeOrInfinite(max)) throw new WxError('wx/config', `nodeTransport: maxAnswerBytes must be a whole number of bytes >= 1, or Infinity (got ${shown(max)})`)
  if (agents != null && (typeof agents != 'object' || ![agents.http, agents.https].every((a) => a == null || typeof (a as { addRequest?: unknown }).addRequest == 'function')))
    throw new WxError('wx/config', 'nodeTransport: agents must be { http?, https? } of node:http/node:https Agents')
  const origins = new Map<string, Origin>()
  let httpMod: unknown
  let httpsMod: unknown
  let httpAgent: Agent | undefined
  let httpsAgent: Agent | undefined
  // Loaded on the first request, not at import: `node:https` alone costs a few ms of start-up.
  const modOf = (https: boolean) => (https ? (httpsMod ??= process.getBuiltinModule('node:https')) : (httpMod ??= process.getBuiltinModule('node:http'))) as Http
  const agentOf = (https: boolean): Agent => {
    const own = https ? agents?.https : agents?.http
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
      const agent = agentOf(o.https)
      let sent = false
      let answered = false
      const abort = () => {
        const e = Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ABORT_ERR' })
        // Ended here, whatever the stage: Node emits nothing for a request without a socket until the pool
        // hands it one, nor for an answer being decoded. Still waiting for a socket or connecting: nothing
        // went out.
        reject(sent ? e : Object.assign(e, { notSent: true }))
        if (!q.socket) unqueue(agent, q)
        q.destroy(e)
      }
      const off = () => (signal ? signal.removeEventListener('abort', abort) : (dl!.on = undefined))
      const resolve = (a: TransportResponse) => (off(), ok(a))
      const reject = (e: unknown) => (off(), fail(e))
      let q: ReturnType<Http['request']>
      try {
        q = modOf(o.https).request({ method: r.method, hostname: o.hostname, port: o.port, path, headers, agent }, onAnswer)
      } catch (e) {
        // Refused before anything went out (an invalid path or header): not sent.
        return reject(Object.assign(e as Error, { notSent: true }))
      }
      function onAnswer(res: IncomingMessage) {
        answered = true
        const h = res.headers
        // Larger than the cap by its own account: not read at all.
        if (+h['content-length']! > max) return overCap(res, reject, max)
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => ((size += c.length) > max ? overCap(res, reject, max) : chunks.push(c)))
        res.on('end', () => {
          const body = chunks.length == 1 ? chunks[0]! : Buffer.concat(chunks, size)
          const coding = h['content-encoding']
          // Compressed although we never asked (a proxy did it): decoded as fetch would, within the cap.
          if (coding && body.length) decode(coding, body, max).then((b) => resolve(answer(res.statusCode!, h, b)), reject)
          else resolve(answer(res.statusCode!, h, body))
        })
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
