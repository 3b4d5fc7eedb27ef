import { renderEncrypted, renderReply, type ReplyResult } from './_reply.ts'
import { encryptMessage } from './encryptMessage.ts'
import { memoryDedupeStore, type DedupeStore } from './memoryDedupeStore.ts'
import type { PushMessage } from './messages.ts'
import { checkConfig, openPush, type PushConfig } from './openPush.ts'
import { PushError, isPushError } from './PushError.ts'
import { sortedSha1 } from './sortedSha1.ts'

/** What the platform offers a request: `waitUntil` on Workers/Vercel (pass the Worker's `ctx`). */
export interface PlatformContext {
  waitUntil?(promise: Promise<unknown>): void
}

/** The second argument of `onMessage`. */
export interface PushInfo {
  /** The push itself (same as the first argument). */
  message: PushMessage
  /** The request as received (its body is already read). */
  request: Request
  /** The push came encrypted (the reply is encrypted automatically). */
  encrypted: boolean
  format: 'xml' | 'json'
  /**
   * Keeps work alive after the answer was sent: the platform's `waitUntil` when given, else the
   * handler's own queue (see `handler.drain()`). Rejections go to `onError`.
   */
  waitUntil(promise: Promise<unknown>): void
  /** Reports an error to `onError`. */
  reportError(error: unknown): void
}

/** Options of `createPushHandler`. */
export interface PushHandlerOptions extends PushConfig {
  /**
   * Handles one verified push. Return a reply (`textReply(...)`, ...), a string (a text reply), or
   * nothing (answers `success`). WeChat waits 5 seconds: use `replyLater` for slow work.
   * A throw answers 500 and forgets the dedupe key, so WeChat's retry runs it again.
   */
  onMessage(message: PushMessage, push: PushInfo): ReplyResult | Promise<ReplyResult>
  /**
   * Drops repeated deliveries: by `MsgId` for messages, by `FromUserName` + `CreateTime` + `Event` for
   * events. Default `memoryDedupeStore()`; `false` turns it off.
   */
  dedupe?: DedupeStore | false
  /** How long a delivery is remembered, seconds. Default 300. */
  dedupeTtlSeconds?: number
  /**
   * Called with every rejected push (`PushError`, e.g. `isPushError(e, 'signature')`), every error of
   * `onMessage`, of background work and of the dedupe store. Never throws into the handler.
   */
  onError?(error: unknown, request: Request): void
}

/** A push handler: `(request, platform?) => Promise<Response>`, plus `drain()` for background work. */
export interface PushHandler {
  (request: Request, platform?: PlatformContext): Promise<Response>
  /** Resolves when the work queued with `push.waitUntil` (without a platform `waitUntil`) is done. */
  drain(): Promise<void>
}

const text = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })

function answerFor(e: PushError): Response {
  switch (e.reason) {
    case 'duplicate':
      return text('success')
    case 'too-large':
      return text('payload too large', 413)
    case 'method':
      return text('method not allowed', 405, { allow: 'GET, POST' })
    case 'config':
      return text('server error', 500)
    default:
      // signature, decrypt, appid, stale, xml, plaintext: one answer, so nothing can be told apart.
      return text('bad request', 400)
  }
}

function dedupeKey(m: PushMessage): string {
  const f = m as Record<string, unknown>
  if (m.MsgType !== 'event' && typeof f.MsgId === 'string' && f.MsgId) return `${m.ToUserName}:m:${f.MsgId}`
  return `${m.ToUserName}:e:${m.FromUserName}:${m.CreateTime}:${m.MsgType}:${String(f.Event ?? '')}`
}

const nonce = () => String(crypto.getRandomValues(new Uint32Array(1))[0])

/**
 * Creates a Fetch-API push handler, `(request) => Promise<Response>`, for any runtime: Workers, Deno,
 * Bun, Vercel Edge, Hono, and Node through `@wx/server/node`.
 *
 * - GET: URL verification (echoes `echostr`, decrypted when it came encrypted).
 * - POST: plaintext, compatible and safe mode, XML or JSON, checked by `openPush`; then dedupe, then
 *   `onMessage`; its reply is rendered (encrypted in safe mode), or `success` when it returns nothing.
 * - Rejected pushes answer 400 (signature, decryption, appid, stale, XML: all alike), 413, 405; a
 *   duplicate answers `success` so WeChat stops retrying. `onMessage` is not called for any of them.
 *
 * @throws {WxError} `wx/config` at creation when `token`, `appid` or `encodingAESKey` is malformed.
 *   The returned handler never throws: failures become responses and go to `onError`.
 *
 * @example
 * const handler = createPushHandler({
 *   token: env.WX_TOKEN, appid: env.WX_APPID, encodingAESKey: env.WX_AES_KEY,
 *   onMessage: (m) => (m.type === 'text' ? textReply(`You said: ${m.Content}`) : undefined),
 * })
 * export default { fetch: (req: Request, env: unknown, ctx: ExecutionContext) => handler(req, ctx) }
 */
export function createPushHandler(options: PushHandlerOptions): PushHandler {
  checkConfig(options)
  const { token, appid, encodingAESKey, onMessage } = options
  const store = options.dedupe === false ? undefined : (options.dedupe ?? memoryDedupeStore())
  const ttl = options.dedupeTtlSeconds ?? 300
  const pending = new Set<Promise<unknown>>()
  const report = (e: unknown, request: Request) => {
    try {
      options.onError?.(e, request)
    } catch {}
  }

  const handler = async (request: Request, platform?: PlatformContext): Promise<Response> => {
    let claimed: string | undefined
    try {
      const push = await openPush(request, options)
      if (push.kind === 'verify') return text(push.echostr)
      const { message, encrypted, format } = push
      if (store) {
        const key = dedupeKey(message)
        let first = true
        try {
          first = await store.claim(key, ttl)
        } catch (e) {
          report(e, request) // a failing store must not drop pushes: handle it (at least once)
        }
        if (!first) throw new PushError('duplicate', 'This push was already handled')
        claimed = key
      }
      const info: PushInfo = {
        message,
        request,
        encrypted,
        format,
        reportError: (e) => report(e, request),
        waitUntil(p) {
          const guarded = Promise.resolve(p).catch((e) => report(e, request))
          if (platform?.waitUntil) return platform.waitUntil(guarded)
          pending.add(guarded)
          void guarded.finally(() => pending.delete(guarded))
        },
      }
      const result = await onMessage(message, info)
      if (result === undefined || result === null || result === '') return text('success')
      const reply = typeof result === 'string' ? ({ type: 'text', content: result } as const) : result
      const now = Math.floor((options.now ?? Date.now)() / 1000)
      const json = format === 'json'
      const body = renderReply(reply, message.FromUserName, message.ToUserName, now, json)
      const type = json ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8'
      if (!encrypted || encodingAESKey === undefined) return new Response(body, { headers: { 'content-type': type } })
      const n = nonce()
      const encrypt = await encryptMessage(encodingAESKey, appid, body)
      const signature = await sortedSha1([token, String(now), n, encrypt])
      return new Response(renderEncrypted(encrypt, signature, now, n, json), { headers: { 'content-type': type } })
    } catch (e) {
      report(e, request)
      if (isPushError(e)) return answerFor(e)
      if (claimed !== undefined) await Promise.resolve(store?.release?.(claimed)).catch((err) => report(err, request))
      return text('server error', 500)
    }
  }
  return Object.assign(handler, {
    async drain() {
      while (pending.size) await Promise.allSettled([...pending])
    },
  })
}

